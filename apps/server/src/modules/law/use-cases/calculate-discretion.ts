import type { DiscretionBody, DiscretionResult } from '@chengguan/contracts';
import {
  calculateDiscretion,
  type DiscretionCircumstances,
  type ExemptionItem,
  type OffenceVersion,
  type RuleLine,
} from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { legalConfigOn } from '../law-config.ts';
import { withDomainErrors } from '../law.errors.ts';
import { findOffence, offenceVersionsByCode, tiersOfOffences } from '../law-library.repository.ts';
import { exemptionsOfOffenceCodes, type ExemptionRow } from '../law-guidance.repository.ts';
import { toOffence } from '../law.mapper.ts';
import { tierFromRow } from '../library/tiers.ts';

const inForceOn = (e: ExemptionRow, day: string) => e.effective_from <= day && (e.effective_to === null || e.effective_to >= day);

function toDomainItem(e: ExemptionRow): ExemptionItem {
  return {
    id: String(e.item_no),
    provision: e.provision,
    descriptionZh: e.behaviour,
    conditions: e.conditions as ExemptionItem['conditions'],
    effect: e.effect as ExemptionItem['effect'],
    source: e.list_name,
    verification: e.verification as ExemptionItem['verification'],
  };
}

/**
 * The discretion calculator: the offence's versions with their tiers, the exemption-list items linked to it,
 * and the LegalConfig in force on the decision date, handed to the domain's calculateDiscretion.
 */
export async function calculateDiscretionFor(deps: Deps, actor: Actor, body: DiscretionBody): Promise<DiscretionResult> {
  assertPermission(actor, 'law:read');
  let code = body.offenceCode;
  if (body.offenceId) {
    const row = await findOffence(deps.db, body.offenceId);
    if (!row) throw new AppError('NOT_FOUND', { field: 'offenceId' });
    code = row.code;
  }
  if (!code) throw fieldError('offenceId', '请指定案由（offenceId 或 offenceCode）', 'give offenceId or offenceCode');
  const rows = await offenceVersionsByCode(deps.db, code);
  if (rows.length === 0) throw new AppError('NOT_FOUND', { field: 'offenceCode' });
  const missing = rows.find((r) => r.min_fine_fen === null || r.max_fine_fen === null);
  if (missing) {
    throw new AppError('RULE_VIOLATION', {
      field: 'offenceCode',
      rule: 'ART34',
      message: `案由 ${code}（自 ${missing.effective_from} 起的版本）未记录法定罚款幅度，无法裁量计算`,
      messageEn: `offence ${code} (version from ${missing.effective_from}) has no statutory fine range recorded`,
    });
  }
  const { actDate, decisionDate } = body.circumstances;
  const [tiers, exemptions, { config, effectiveFrom }] = await Promise.all([
    tiersOfOffences(
      deps.db,
      rows.map((r) => r.id),
    ),
    exemptionsOfOffenceCodes(deps.db, [code]),
    legalConfigOn(deps.db, decisionDate),
  ]);
  // An item counts when it is in force on the act date or the decision date (the lighter rule, Art. 37).
  const applicable = exemptions.filter((e) => inForceOn(e, actDate) || inForceOn(e, decisionDate));
  const extraLines: RuleLine[] = applicable
    .filter((e) => e.conditions.length === 0)
    .map((e) => ({
      ruleId: 'E8',
      article: `${e.list_name}（${e.provision}）`,
      textZh: `免罚清单第${e.item_no}项未设置条件代码，未自动匹配，请人工核对：${e.conditions_text}`,
      textEn: `Exemption item ${e.item_no} has no machine conditions; check it by hand`,
    }));
  const items = applicable.filter((e) => e.conditions.length > 0).map(toDomainItem);
  const versions: OffenceVersion[] = rows.map((r) => ({
    versionId: r.id,
    effectiveFrom: r.effective_from,
    ...(r.effective_to ? { effectiveUntil: r.effective_to } : {}),
    illegal: r.illegal,
    minFineFen: r.min_fine_fen!,
    maxFineFen: r.max_fine_fen!,
    provision: r.penalty_provision,
    penaltyTypes: r.penalty_types as OffenceVersion['penaltyTypes'],
    tiers: tiers.filter((t) => t.offence_id === r.id).map(tierFromRow),
    exemptionItems: items,
  }));
  const c = body.circumstances;
  const circumstances: DiscretionCircumstances = {
    actDate: c.actDate,
    decisionDate: c.decisionDate,
    ...(c.discoveredOn !== undefined ? { discoveredOn: c.discoveredOn } : {}),
    ...(c.continuingUntil !== undefined ? { continuingUntil: c.continuingUntil } : {}),
    ...(c.involvesLifeHealthOrFinancialSafety !== undefined
      ? { involvesLifeHealthOrFinancialSafety: c.involvesLifeHealthOrFinancialSafety }
      : {}),
    firstViolation: c.firstViolation,
    correctedPromptly: c.correctedPromptly,
    minorViolation: c.minorViolation ?? false,
    harm: c.harm,
    art32Grounds: c.art32Grounds ?? [],
    aggravatingFactors: c.aggravatingFactors ?? [],
    mentalIncapacityAtAct: c.mentalIncapacityAtAct ?? false,
    ...(c.partialMentalCapacity !== undefined ? { partialMentalCapacity: c.partialMentalCapacity } : {}),
    provenNoFault: c.provenNoFault ?? false,
    ...(c.majorPublicInterest !== undefined ? { majorPublicInterest: c.majorPublicInterest } : {}),
    ...(c.complexMultipleLegalRelationships !== undefined
      ? { complexMultipleLegalRelationships: c.complexMultipleLegalRelationships }
      : {}),
    ...(c.complex !== undefined ? { complex: c.complex } : {}),
    ...(c.hearingHeld !== undefined ? { hearingHeld: c.hearingHeld } : {}),
    ...(c.proposedFineFen !== undefined ? { proposedFineFen: c.proposedFineFen } : {}),
    ...(c.confiscationFen !== undefined ? { confiscationFen: c.confiscationFen } : {}),
  };
  const party = { type: body.party.type, ...(body.party.birthDate !== undefined ? { birthDate: body.party.birthDate } : {}) };
  const result = withDomainErrors(() => calculateDiscretion({ code, nameZh: rows[0]!.name, versions }, party, circumstances, config));
  const applied = rows.find((r) => r.id === result.applicableVersion) ?? null;
  const lines = [...result.lines, ...extraLines];
  if (applied?.fines_only_after_refusal && result.outcome !== 'must_not_punish') {
    lines.push({
      ruleId: 'E10',
      article: `上海市城市管理行政执法条例 Art. 18; ${applied.penalty_provision}`,
      textZh: '该条款为「责令改正；拒不改正的，处…」：须先责令改正，并有拒不改正的记录，方可罚款',
      textEn: 'The norm fines only after a refusal to correct: order correction first and record the refusal',
    });
  }
  return {
    outcome: result.outcome,
    tier: result.tier,
    range: result.range,
    summaryAllowed: result.summaryAllowed,
    hearingRightRequired: result.hearingRightRequired,
    legalReviewRequired: result.legalReviewRequired,
    collectiveDeliberationRequired: result.collectiveDeliberationRequired,
    applicableVersion: applied ? toOffence(applied) : null,
    ageAtAct: result.ageAtAct,
    finesOnlyAfterRefusal: applied?.fines_only_after_refusal ?? false,
    configEffectiveFrom: effectiveFrom,
    lines,
  };
}
