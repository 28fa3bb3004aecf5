// Guards shared by many actions: chronology, officers and records (A1–A5, A8), limitation (C4), the penalty
// itself (E6, E7, statutory range, 裁量基准 tier). Each guard is pure and returns null or one BlockReason.
// Called by allowedActions without an input: a guard that needs the input then answers for `today` and the
// case's own proposal, or returns null when it cannot judge yet.
import { ageOn, isAfter, isBefore, type LegalDate } from '../calendar/legal-date.ts';
import { fineAllowedForAct } from '../law/decision.ts';
import { mandatoryNoPenalty } from '../law/exemptions.ts';
import { LegalInputError } from '../law/errors.ts';
import { limitationCheck } from '../law/limitation.ts';
import type { ProposedPenalty } from '../law/pre-decision.ts';
import type { FenRange, PenaltyType, RuleRequirement } from '../law/types.ts';
import { applicableVersion, type VersionChoice } from '../law/versions.ts';
import { checkEnforcementTeam, type TeamOfficer } from '../staff/credential.ts';
import type { CaseActionInput, DeviceEvidenceInput, EvidenceType, OfficerRecordInput } from './case-inputs.ts';
import { EVIDENCE_TYPES } from './case-inputs.ts';
import type { CaseAction } from './case-states.ts';
import type { CaseContext, CaseOffenceVersion, CaseSnapshot } from './case-snapshot.ts';
import { block, blockFromLines, type BlockReason } from './case.errors.ts';
import { yuanText } from '../money.ts';

export type CaseGuard<A extends CaseAction> = (
  s: CaseSnapshot,
  input: CaseActionInput<A> | undefined,
  ctx: CaseContext,
) => BlockReason | null;

type Dated = { date: LegalDate } | undefined;

/** The date the action is taken on: its input, or today when only previewing. */
export function actionDate(input: Dated, ctx: CaseContext): LegalDate {
  return input?.date ?? ctx.today;
}

const ART_47 = '行政处罚法 Art. 47';

/** 处罚法 Art. 47 「全过程记录」: a record is dated when the act happened, never in the future. */
export function notInFuture(_s: CaseSnapshot, input: Dated, ctx: CaseContext): BlockReason | null {
  if (!input || !isAfter(input.date, ctx.today)) return null;
  return block('CHRONOLOGY', ART_47, `日期 ${input.date} 晚于今天 ${ctx.today}`, `Date ${input.date} is after today ${ctx.today}`, 'date');
}

/** No backdating: a step is not dated before the previous step of the case (处罚法 Art. 47 全过程记录). */
export function notBeforeLastTransition(s: CaseSnapshot, input: Dated, ctx: CaseContext): BlockReason | null {
  const last = s.lastTransitionOn;
  const on = actionDate(input, ctx);
  if (!last || !isBefore(on, last)) return null;
  return block(
    'CHRONOLOGY',
    ART_47,
    `日期 ${on} 早于上一环节 ${last}（不得倒签）`,
    `Date ${on} is before the previous step on ${last}`,
    'date',
  );
}

/** Evidence and 笔录 may predate filing, but not the discovery of the act. */
export function notBeforeDiscovery(s: CaseSnapshot, input: Dated, ctx: CaseContext): BlockReason | null {
  const discovered = s.dates.discoveredOn;
  const on = actionDate(input, ctx);
  if (!discovered || !isBefore(on, discovered)) return null;
  return block('CHRONOLOGY', ART_47, `日期 ${on} 早于发现日 ${discovered}`, `Date ${on} is before discovery on ${discovered}`, 'date');
}

/** The act is discovered on or before the day it is registered. */
export const discoveredBeforeRegistration: CaseGuard<'register'> = (_s, input) =>
  input && isAfter(input.discoveredOn, input.date)
    ? block(
        'CHRONOLOGY',
        ART_47,
        `发现日 ${input.discoveredOn} 晚于登记日 ${input.date}`,
        'Discovery is after registration',
        'discoveredOn',
      )
    : null;

/**
 * An act is discovered on or after the day it happened: C4 (处罚法 Art. 36) measures the interval act → discovery
 * (「违法行为在二年内未被发现的」), which cannot run backwards; a continuing act ends on or after it began (「从行为终了之日起计算」).
 */
export const actNotAfterDiscovery: CaseGuard<'register'> = (s, input) => {
  if (!input) return null;
  const { actDate, continuingUntil } = s.act;
  if (isAfter(actDate, input.discoveredOn)) {
    return block(
      'CHRONOLOGY',
      '行政处罚法 Art. 36, Art. 47',
      `违法行为发生日 ${actDate} 晚于发现日 ${input.discoveredOn}`,
      `The act (${actDate}) is dated after its discovery (${input.discoveredOn})`,
      'act.actDate',
    );
  }
  if (continuingUntil !== undefined && isBefore(continuingUntil, actDate)) {
    return block(
      'CHRONOLOGY',
      '行政处罚法 Art. 36, Art. 47',
      `违法行为终了日 ${continuingUntil} 早于发生日 ${actDate}`,
      `The act ends (${continuingUntil}) before it began (${actDate})`,
      'act.continuingUntil',
    );
  }
  return null;
};

type WithOfficers =
  (Partial<Pick<OfficerRecordInput, 'statutoryException'>> & { date: LegalDate; officers?: readonly TeamOfficer[] }) | undefined;

/**
 * A1 — 处罚法 Art. 42: 「行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。」
 * 沪条例 Art. 16; 行政强制法 Art. 18(2). Each officer holds a 执法证 valid on the action date.
 */
export function twoCredentialedOfficers(s: CaseSnapshot, input: WithOfficers, ctx: CaseContext): BlockReason | null {
  const officers = input?.officers ?? s.officers;
  const on = actionDate(input, ctx);
  const check = checkEnforcementTeam(officers, on, s.offence.domain);
  const violations = input?.statutoryException?.trim() ? check.violations.filter((v) => v.officerId !== undefined) : check.violations;
  if (violations.length === 0) return null;
  return block(
    'A1',
    '行政处罚法 Art. 42; 上海市城市管理行政执法条例 Art. 16; 行政强制法 Art. 18',
    violations.map((v) => v.reasonZh).join('；'),
    violations.map((v) => v.reasonEn).join('; '),
    'officers',
  );
}

/**
 * A1 for a 笔录: the team is the officers named on the record, so it is judged when the record is submitted;
 * without an input (the list of allowed actions) the officer must still be able to open the form and add a colleague.
 */
export function recordTeamOfficers(s: CaseSnapshot, input: WithOfficers, ctx: CaseContext): BlockReason | null {
  return input ? twoCredentialedOfficers(s, input, ctx) : null;
}

/** A2 — 处罚法 Art. 55: 「执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件。」 */
export function credentialsShown(_s: CaseSnapshot, input: OfficerRecordInput | undefined): BlockReason | null {
  if (!input || input.credentialsShown) return null;
  return block(
    'A2',
    '行政处罚法 Art. 55; 行政强制法 Art. 18',
    '笔录未记载出示执法证件',
    'The record does not show the credentials were shown',
    'credentialsShown',
  );
}

/** A3 — 沪条例 Art. 19; 行政强制法 Art. 18(8)–(9): 「当事人拒绝的，在笔录中予以注明」; absent party → a witness signs. */
export function recordSigned(_s: CaseSnapshot, input: OfficerRecordInput | undefined): BlockReason | null {
  if (!input) return null;
  if (!input.officersSigned) {
    return block(
      'A3',
      '上海市城市管理行政执法条例 Art. 19',
      '笔录缺少执法人员签名',
      'The officers did not sign the record',
      'officersSigned',
    );
  }
  if (input.partySigned || input.witnessSigned || (input.absenceNote ?? '').trim() !== '') return null;
  return block(
    'A3',
    '上海市城市管理行政执法条例 Art. 19; 行政强制法 Art. 18',
    '当事人未签名：须有见证人签名或注明拒签、缺席情况',
    'The party did not sign: a witness signature or a refusal/absence note is required',
    'partySigned',
  );
}

/** A4 — 处罚法 Art. 46: the eight statutory evidence types. */
export function statutoryEvidenceType(_s: CaseSnapshot, input: { evidenceType: EvidenceType } | undefined): BlockReason | null {
  if (!input || (EVIDENCE_TYPES as readonly string[]).includes(input.evidenceType)) return null;
  return block(
    'A4',
    '行政处罚法 Art. 46',
    `证据种类 ${String(input.evidenceType)} 不属于法定证据种类`,
    'Not a statutory evidence type',
    'evidenceType',
  );
}

/**
 * A5 — 处罚法 Art. 41: 电子技术监控设备 「应当经过法制和技术审核…设置地点应当向社会公布」; 记录 「真实、清晰、完整、准确」;
 * 「未经审核或者经审核不符合要求的，不得作为行政处罚的证据」.
 */
export function monitoringDeviceReviewed(_s: CaseSnapshot, input: { device?: DeviceEvidenceInput } | undefined): BlockReason | null {
  const d = input?.device;
  if (!d) return null;
  const ok = d.deviceLegalReview && d.deviceTechReview && (!d.fixedDevice || d.locationPublished) && d.reviewResult === 'pass';
  if (ok) return null;
  return block(
    'A5',
    '行政处罚法 Art. 41',
    '电子技术监控设备未经法制和技术审核、设置地点未公布或记录未经审核通过，不得作为证据',
    'Device evidence without legal/technical review, published location or a passed review is unusable',
    'device',
  );
}

/** A8 — 处罚法 Art. 43: an officer with a conflict withdraws; 「决定作出之前，不停止调查」 (a pending request does not block). */
export function noRecusedOfficer(s: CaseSnapshot, input: WithOfficers): BlockReason | null {
  const barred = new Set(s.recusals.filter((r) => r.status === 'declared_conflict' || r.status === 'granted').map((r) => r.officerId));
  const involved = [...s.officers, ...(input?.officers ?? [])].filter((o) => barred.has(o.id));
  if (involved.length === 0) return null;
  const names = [...new Set(involved.map((o) => o.name ?? o.id))].join('、');
  return block(
    'A8',
    '行政处罚法 Art. 43',
    `执法人员 ${names} 应当回避，不得参与本案`,
    `Officer(s) ${names} must withdraw from the case`,
    'officers',
  );
}

/**
 * C4 — 处罚法 Art. 36: 「违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，
 * 上述期限延长至五年。」 The check runs at filing (不予立案) and again before any penalty.
 */
export function limitationNotExpired(s: CaseSnapshot): BlockReason | null {
  const discoveredOn = s.dates.discoveredOn;
  // An act dated after its discovery is refused at registration (actNotAfterDiscovery).
  if (!discoveredOn || isBefore(discoveredOn, s.act.actDate)) return null;
  const result = limitationCheck({
    actDate: s.act.actDate,
    ...(s.act.continuingUntil !== undefined ? { continuingUntil: s.act.continuingUntil } : {}),
    discoveredOn,
    involvesLifeHealthOrFinancialSafety: s.flags.involvesLifeHealthOrFinancialSafety,
    harmfulConsequence: s.flags.harmfulConsequence,
  });
  return result.expired ? blockFromLines([result.line], 'C4', 'act.actDate') : null;
}

/** Completed years at the act, for natural persons with a known birth date (处罚法 Art. 30). */
export function ageAtAct(s: CaseSnapshot, ctx: CaseContext): number | undefined {
  if (s.party.type !== 'natural_person' || !s.party.birthDate) return undefined;
  return ageOn(s.party.birthDate, s.act.actDate, ctx.config.ageCountsFromDayAfterBirthday);
}

/** E7 — 处罚法 Arts. 30, 31, 33: 「…不予行政处罚」 (under 14, incapacity, minor + corrected + no harm, proven no fault). */
export function mandatoryNoPenaltyLines(s: CaseSnapshot, ctx: CaseContext): RuleRequirement {
  const age = ageAtAct(s, ctx);
  return mandatoryNoPenalty({
    ...(age !== undefined ? { ageAtAct: age } : {}),
    mentalIncapacityAtAct: s.flags.mentalIncapacityAtAct,
    minorViolation: s.flags.minorViolation,
    correctedPromptly: s.flags.correctedPromptly,
    harm: s.flags.harm,
    provenNoFault: s.flags.provenNoFault,
    ...(s.flags.noFaultRuleExcludedBy ? { noFaultRuleExcludedBy: s.flags.noFaultRuleExcludedBy } : {}),
  });
}

/**
 * 处罚法 Art. 37 — the version of the offence that judges the act when the penalty is notified or decided on `on`
 * (「适用违法行为发生时的…规定。但是，作出行政处罚决定时…已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定」).
 * Undefined when the snapshot holds no versions (the act-date fields of the offence then apply).
 */
export function offenceVersionOn(s: CaseSnapshot, on: LegalDate): VersionChoice<CaseOffenceVersion> | undefined {
  const versions = s.offence.versions;
  if (!versions || versions.length === 0 || isBefore(on, s.act.actDate)) return undefined;
  try {
    return applicableVersion(versions, s.act.actDate, on);
  } catch (e) {
    // The library refuses overlapping versions when they are written; a bad list judges by the act-date fields.
    if (e instanceof LegalInputError) return undefined;
    throw e;
  }
}

/** The norm a penalty on `on` is measured against: the Art. 37 version when known, else the case's act-date offence. */
export function normOn(
  s: CaseSnapshot,
  on: LegalDate,
): { provision: string; penaltyTypes: readonly PenaltyType[]; statutoryRange?: FenRange | undefined } {
  const v = offenceVersionOn(s, on)?.version;
  return v ? { provision: v.provision, penaltyTypes: v.penaltyTypes, statutoryRange: v.statutoryRange } : s.offence;
}

export type PenaltyPicker<A extends CaseAction> = (s: CaseSnapshot, input: CaseActionInput<A> | undefined) => ProposedPenalty | null;

/**
 * Guards on a penalty that is about to be notified or decided (`pick` returns null when no penalty is at stake):
 * C4, Art. 37 (still punishable on the day), E7, E6 and the legal range of the applicable version — 处罚法 Art. 38
 * (no legal basis → void) and Art. 34 (裁量基准 tier).
 */
export function penaltyGuards<A extends CaseAction>(pick: PenaltyPicker<A>): CaseGuard<A>[] {
  const limitation: CaseGuard<A> = (s, input) => (pick(s, input) ? limitationNotExpired(s) : null);
  // Art. 37: repealed with no successor, or no longer illegal, by the day of the penalty → not punishable.
  const punishable: CaseGuard<A> = (s, input, ctx) => {
    if (!pick(s, input)) return null;
    const choice = offenceVersionOn(s, actionDate(input as Dated, ctx));
    return choice && !choice.punishable ? blockFromLines([choice.line], 'ART37', 'outcome') : null;
  };
  const noPenalty: CaseGuard<A> = (s, input, ctx) => {
    if (!pick(s, input)) return null;
    const r = mandatoryNoPenaltyLines(s, ctx);
    return r.required ? blockFromLines(r.lines, 'E7', 'outcome') : null;
  };
  // E6 — 处罚法 Art. 29: 「对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。」
  const oneFine: CaseGuard<A> = (s, input) => {
    const p = pick(s, input);
    if (!p?.penalties.includes('fine')) return null;
    const r = fineAllowedForAct(s.act.priorFineDecisionCount);
    return r.allowed ? null : blockFromLines(r.lines, 'E6', 'penalty.fineFen');
  };
  const withinLaw: CaseGuard<A> = (s, input, ctx) => {
    const p = pick(s, input);
    if (!p) return null;
    const norm = normOn(s, actionDate(input as Dated, ctx));
    const foreign = p.penalties.filter((t) => !norm.penaltyTypes.includes(t));
    if (foreign.length > 0) {
      return block(
        'LEGALITY',
        '行政处罚法 Art. 38',
        `${norm.provision} 未规定处罚种类：${foreign.join('、')}`,
        `Penalty types not provided by the norm: ${foreign.join(', ')}`,
        'penalty.penalties',
      );
    }
    const range = norm.statutoryRange;
    const fine = p.fineFen ?? 0;
    if (!range || !p.penalties.includes('fine')) return null;
    const belowOk = s.flags.reducedPenalty;
    if (fine > range.maxFen || (!belowOk && fine < range.minFen)) {
      return block(
        'LEGALITY',
        '行政处罚法 Art. 38',
        `罚款 ${yuanText(fine, { decimals: 'whole-as-integer' })} 元超出法定幅度 ${yuanText(range.minFen, { decimals: 'whole-as-integer' })}–${yuanText(range.maxFen, { decimals: 'whole-as-integer' })} 元`,
        `Fine outside the statutory range ${yuanText(range.minFen, { decimals: 'whole-as-integer' })}–${yuanText(range.maxFen, { decimals: 'whole-as-integer' })} yuan`,
        'penalty.fineFen',
      );
    }
    const tier = s.proposal?.tierRange;
    if (tier && !belowOk && (fine < tier.minFen || fine > tier.maxFen)) {
      return block(
        'DISCRETION',
        '行政处罚法 Art. 34',
        `罚款 ${yuanText(fine, { decimals: 'whole-as-integer' })} 元超出裁量基准档次 ${yuanText(tier.minFen, { decimals: 'whole-as-integer' })}–${yuanText(tier.maxFen, { decimals: 'whole-as-integer' })} 元`,
        `Fine outside the discretion tier ${yuanText(tier.minFen, { decimals: 'whole-as-integer' })}–${yuanText(tier.maxFen, { decimals: 'whole-as-integer' })} yuan`,
        'penalty.fineFen',
      );
    }
    return null;
  };
  return [limitation, punishable, noPenalty, oneFine, withinLaw];
}

/** A plain "this text must not be empty" guard, e.g. a reason or a legal basis. */
export function requireText<A extends CaseAction>(
  ruleId: string,
  article: string,
  field: string,
  get: (input: CaseActionInput<A>) => string | undefined,
  zh: string,
  en: string,
): CaseGuard<A> {
  return (_s, input) => (input && !(get(input) ?? '').trim() ? block(ruleId, article, zh, en, field) : null);
}
