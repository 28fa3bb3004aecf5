// The discretion calculator (裁量计算): one answer, every line citing its rule ID and article.
import { ageOn, assertLegalDate, type LegalDate } from '../calendar/legal-date.ts';
import type { LegalConfig } from './config.ts';
import { collectiveDeliberationRequired, legalReviewRequired } from './decision.ts';
import { assertTiersWithinRange, chooseTier, type DiscretionTier } from './discretion-tiers.ts';
import { assertLegalInput, LegalInputError, yuanForMessage } from './errors.ts';
import {
  firstViolationExemption,
  mandatoryMitigation,
  mandatoryNoPenalty,
  matchExemptionItems,
  type Art32Ground,
  type ExemptionItem,
  type Harm,
} from './exemptions.ts';
import { limitationCheck } from './limitation.ts';
import { hearingRightRequired } from './pre-decision.ts';
import { summaryProcedureAllowed } from './summary-procedure.ts';
import type { FenRange, PartyType, PenaltyType, RuleLine } from './types.ts';
import { applicableVersion, assertVersionsValid, type RuleVersion } from './versions.ts';

/** One version of an offence: its statutory range (min/maxFineFen), penalty types, tiers and exemption items. */
export type OffenceVersion = RuleVersion & {
  provision: string;
  penaltyTypes: readonly PenaltyType[];
  tiers: readonly DiscretionTier[];
  exemptionItems: readonly ExemptionItem[];
};

export type DiscretionOffence = { code: string; nameZh: string; versions: readonly OffenceVersion[] };

export type DiscretionParty = { type: PartyType; birthDate?: LegalDate };

export type DiscretionCircumstances = {
  actDate: LegalDate;
  decisionDate: LegalDate;
  /** With `continuingUntil` and the safety flags: the C4 limitation check. */
  discoveredOn?: LegalDate;
  continuingUntil?: LegalDate;
  involvesLifeHealthOrFinancialSafety?: boolean;
  firstViolation: boolean;
  correctedPromptly: boolean;
  /** 违法行为轻微, as judged by the officer (Art. 33). */
  minorViolation: boolean;
  harm: Harm;
  art32Grounds: readonly Art32Ground[];
  aggravatingFactors: readonly string[];
  mentalIncapacityAtAct: boolean;
  partialMentalCapacity?: boolean;
  provenNoFault: boolean;
  /** E1 / E2 inputs. */
  majorPublicInterest?: boolean;
  complexMultipleLegalRelationships?: boolean;
  complex?: boolean;
  hearingHeld?: boolean;
  /** A fine already chosen; flags are evaluated at it, else at the top of the range (the safe side). */
  proposedFineFen?: number;
  /** Value of the illegal gains or property to confiscate, when the version provides 没收 (D4, E1). */
  confiscationFen?: number;
};

export type DiscretionOutcome = 'must_not_punish' | 'may_exempt' | 'penalty';

export type DiscretionResult = {
  outcome: DiscretionOutcome;
  tier: { level: DiscretionTier['level']; labelZh: string } | null;
  range: FenRange;
  summaryAllowed: boolean;
  hearingRightRequired: boolean;
  legalReviewRequired: boolean;
  collectiveDeliberationRequired: boolean;
  applicableVersion: string | null;
  ageAtAct: number | null;
  lines: RuleLine[];
};

const NO_RANGE: FenRange = { minFen: 0, maxFen: 0 };

function validate(offence: DiscretionOffence, party: DiscretionParty, c: DiscretionCircumstances): void {
  assertLegalInput(
    offence.versions.length > 0,
    'offence.versions',
    'ART37',
    'an offence needs at least one version',
    'LEGAL_INPUT_INVALID',
    '该案由没有任何版本，请先在法规库中为它录入一个版本',
  );
  assertVersionsValid(offence.versions, 'offence.versions');
  offence.versions.forEach((v, i) => {
    const field = `offence.versions[${i}]`;
    const rangeOk =
      Number.isSafeInteger(v.minFineFen) && Number.isSafeInteger(v.maxFineFen) && v.minFineFen >= 0 && v.minFineFen <= v.maxFineFen;
    assertLegalInput(
      rangeOk,
      `${field}.minFineFen`,
      'ART34',
      'the statutory range must be 0 ≤ min ≤ max',
      'LEGAL_INPUT_INVALID',
      '法定罚款幅度的下限须不小于零且不大于上限，请核对该案由版本的罚款幅度',
    );
    assertTiersWithinRange(v.tiers, { minFen: v.minFineFen, maxFen: v.maxFineFen }, `${field}.tiers`);
  });
  assertLegalDate(c.actDate, 'circumstances.actDate');
  assertLegalDate(c.decisionDate, 'circumstances.decisionDate');
  if (c.discoveredOn !== undefined) {
    assertLegalDate(c.discoveredOn, 'circumstances.discoveredOn');
    assertLegalInput(
      c.discoveredOn >= c.actDate,
      'circumstances.discoveredOn',
      'C4',
      'the act is dated after its discovery',
      'LEGAL_INPUT_INVALID',
      '发现日期早于违法行为发生日期，请核对两个日期',
    );
  }
  if (party.birthDate !== undefined) {
    assertLegalDate(party.birthDate, 'party.birthDate');
    assertLegalInput(
      party.birthDate <= c.actDate,
      'party.birthDate',
      'E7',
      'the birth date is after the act date',
      'LEGAL_INPUT_INVALID',
      '出生日期晚于违法行为发生日期，请核对当事人的出生日期',
    );
  }
}

function noPunishment(lines: RuleLine[], version: string | null, ageAtAct: number | null): DiscretionResult {
  return {
    outcome: 'must_not_punish',
    tier: null,
    range: NO_RANGE,
    summaryAllowed: false,
    hearingRightRequired: false,
    legalReviewRequired: false,
    collectiveDeliberationRequired: false,
    applicableVersion: version,
    ageAtAct,
    lines,
  };
}

/** The lawful outcome set, tier, range and procedural flags for one offence, party and set of circumstances. */
export function calculateDiscretion(
  offence: DiscretionOffence,
  party: DiscretionParty,
  c: DiscretionCircumstances,
  config: LegalConfig,
): DiscretionResult {
  validate(offence, party, c);
  const lines: RuleLine[] = [];
  const ageAtAct =
    party.type === 'natural_person' && party.birthDate ? ageOn(party.birthDate, c.actDate, config.ageCountsFromDayAfterBirthday) : null;

  const choice = applicableVersion(offence.versions, c.actDate, c.decisionDate);
  lines.push(choice.line);
  const version = choice.version;
  if (!version || !choice.punishable) return noPunishment(lines, version?.versionId ?? null, ageAtAct);

  if (c.discoveredOn !== undefined) {
    const limitation = limitationCheck({
      actDate: c.actDate,
      ...(c.continuingUntil !== undefined ? { continuingUntil: c.continuingUntil } : {}),
      discoveredOn: c.discoveredOn,
      involvesLifeHealthOrFinancialSafety: c.involvesLifeHealthOrFinancialSafety ?? false,
      harmfulConsequence: c.harm !== 'none',
    });
    lines.push(limitation.line);
    if (limitation.expired) return noPunishment(lines, version.versionId, ageAtAct);
  }

  const noPenalty = mandatoryNoPenalty({
    ...(ageAtAct !== null ? { ageAtAct } : {}),
    mentalIncapacityAtAct: c.mentalIncapacityAtAct,
    minorViolation: c.minorViolation,
    correctedPromptly: c.correctedPromptly,
    harm: c.harm,
    provenNoFault: c.provenNoFault,
  });
  const facts = { firstViolation: c.firstViolation, correctedPromptly: c.correctedPromptly, harm: c.harm };
  const items = matchExemptionItems(version.exemptionItems, facts);
  const bindingItems = items.filter((i) => i.effect === 'must_not_punish');
  const exemptionLines = items.map((i): RuleLine => ({
    ruleId: 'E8',
    article: `${i.source}（${i.provision}）`,
    textZh: `符合免罚清单第${i.id}项：${i.descriptionZh}（${i.effect === 'must_not_punish' ? '不予处罚' : '可以不予处罚'}，核实标记 ${i.verification}）`,
    textEn: `Exemption-list item ${i.id} applies (${i.effect}, verification ${i.verification})`,
  }));
  if (noPenalty.required || bindingItems.length > 0) {
    return noPunishment([...lines, ...noPenalty.lines, ...exemptionLines], version.versionId, ageAtAct);
  }

  const firstViolation = firstViolationExemption(facts);
  const mayExempt = firstViolation.allowed || items.length > 0;
  lines.push(...firstViolation.lines, ...exemptionLines);

  const mitigation = mandatoryMitigation({
    ...(ageAtAct !== null ? { ageAtAct } : {}),
    art32Grounds: c.art32Grounds,
    ...(c.partialMentalCapacity !== undefined ? { partialMentalCapacity: c.partialMentalCapacity } : {}),
  });
  lines.push(...mitigation.lines);

  const statutory = { minFen: version.minFineFen, maxFen: version.maxFineFen };
  const tierChoice = chooseTier(
    version.tiers,
    { ...facts, aggravatingFactors: c.aggravatingFactors, mitigation: mitigation.required },
    statutory,
  );
  lines.push(...tierChoice.lines);
  const range = tierChoice.range;

  const fineFen = c.proposedFineFen ?? range.maxFen;
  if (c.proposedFineFen !== undefined && (fineFen < range.minFen || fineFen > range.maxFen || !Number.isSafeInteger(fineFen))) {
    throw new LegalInputError(
      'FINE_OUTSIDE_RANGE',
      'circumstances.proposedFineFen',
      'ART34',
      `the proposed fine of ${yuanForMessage(fineFen)} is outside the range ${yuanForMessage(range.minFen)} to ${yuanForMessage(range.maxFen)}; enter an amount within it`,
      `拟处罚款 ${yuanForMessage(fineFen)}不在本案适用的裁量幅度 ${yuanForMessage(range.minFen)}至 ${yuanForMessage(range.maxFen)}之内，请在该幅度内重新填写拟处罚款`,
    );
  }
  const penalties = version.penaltyTypes;
  const summary = summaryProcedureAllowed({ partyType: party.type, penalties, fineFen, factsCertain: true, legalBasisPresent: true });
  const confiscationFen = c.confiscationFen ?? 0;
  const hearing = hearingRightRequired({ partyType: party.type, penalties, fineFen, confiscationFen }, config);
  const review = legalReviewRequired(
    {
      majorPublicInterest: c.majorPublicInterest ?? false,
      majorRightsAfterHearing: (c.hearingHeld ?? false) && hearing.required,
      complexMultipleLegalRelationships: c.complexMultipleLegalRelationships ?? false,
      partyType: party.type,
      penalties,
      fineFen,
      confiscationFen,
      // The calculator looks ahead: a penalty that carries the hearing right will have the hearing held or waived
      // before the decision, so the Shanghai review follows it (E1, the same hearingRightRequired as D4).
      hearingHeldOrWaived: hearing.required,
      reducedPenalty: tierChoice.tier?.level === 'reduced',
    },
    config,
  );
  const deliberation = collectiveDeliberationRequired({ complex: c.complex ?? false, partyType: party.type, penalties, fineFen }, config);
  lines.push(...summary.lines, ...hearing.lines, ...review.lines, ...deliberation.lines);

  return {
    outcome: mayExempt ? 'may_exempt' : 'penalty',
    tier: tierChoice.tier ? { level: tierChoice.tier.level, labelZh: tierChoice.tier.labelZh } : null,
    range,
    summaryAllowed: summary.allowed,
    hearingRightRequired: hearing.required,
    legalReviewRequired: review.required,
    collectiveDeliberationRequired: deliberation.required,
    applicableVersion: version.versionId,
    ageAtAct,
    lines,
  };
}
