// The risk-grading evaluator: facts about one subject + a rule set (risk-rules.ts, data) → the level, the rule that
// fired and the facts that made it fire, in words a user can read. Pure: the date is a parameter.
import { addMonths, assertLegalDate, type LegalDate } from '../calendar/legal-date.ts';
import type { RiskCondition, RiskRule, RiskRuleSet, RiskScale, SubjectEventType } from './risk-rules.ts';
import { SUBJECT_KIND_DEFAULTS, type SubjectKind } from './subject.ts';
import type { SubjectLicenceState } from './subject-validation.ts';

export type SubjectEvent = {
  type: SubjectEventType;
  date: LegalDate;
  /** What the event is, for the explanation: a case number, a complaint ticket, an inspection record. */
  ref: string;
};

export type RiskFacts = {
  subjectId: string;
  kind: SubjectKind;
  /** From subjectLicenceState on the grading date. */
  licence: SubjectLicenceState;
  events: readonly SubjectEvent[];
  flags?: Readonly<Record<string, boolean>>;
};

/** One condition of the fired rule and the facts that satisfied it. */
export type RiskEvidence = {
  condition: RiskCondition;
  textZh: string;
  /** The events counted (refs, oldest first), for event_count conditions. */
  eventRefs: string[];
};

export type RiskOverride = {
  level: string;
  /** Why the computed level is set aside; required. */
  reasonZh: string;
  requestedBy: string;
  /** Who approved it; required and not the requester. */
  approvedBy: string;
  /** Instant of approval (ISO 8601), supplied by the caller. */
  approvedAt: string;
  /** Last day the override applies; null until withdrawn. */
  validUntil: LegalDate | null;
};

export type RiskGrading = {
  subjectId: string;
  asOf: LegalDate;
  ruleSetId: string;
  ruleSetVersion: string;
  scaleId: string;
  level: string;
  levelLabelZh: string;
  /** Position in the scale, 0 = highest risk. */
  levelRank: number;
  inspectionsPerYear: number;
  /** The rule that decided the level; null when none fired and the default applies. */
  firedRuleId: string | null;
  firedRuleDescriptionZh: string | null;
  evidence: RiskEvidence[];
  /** Other rules that also held (lower or equal level), for the record. */
  alsoMatchedRuleIds: string[];
  explanationZh: string;
  /** The level the rules gave when an override applies; equal to `level` otherwise. */
  computedLevel: string;
  override: RiskOverride | null;
};

export type RiskGradingDiff = {
  changed: boolean;
  /** up = to a higher risk. */
  direction: 'up' | 'down' | 'same';
  fromLevel: string;
  toLevel: string;
  fromRuleId: string | null;
  toRuleId: string | null;
  ruleSetChanged: boolean;
  /** Events that count in the new grading's evidence and not in the old one's, and the reverse. */
  eventsAdded: string[];
  eventsDropped: string[];
  reasonZh: string;
};

export type RiskOverrideIssue = { field: string; messageZh: string };

const EVENT_ZH: Readonly<Record<SubjectEventType, string>> = {
  violation: '违法',
  serious_violation: '严重违法',
  complaint: '被投诉',
  failed_inspection: '检查不合格',
  passed_inspection: '检查合格',
};

const LICENCE_ZH: Readonly<Record<SubjectLicenceState, string>> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  not_yet_valid: '尚未生效',
  revoked: '已吊销或注销',
  none: '无',
  not_required: '无需许可',
};

function levelOf(scale: RiskScale, code: string): { rank: number; labelZh: string; inspectionsPerYear: number } {
  const rank = scale.levels.findIndex((l) => l.code === code);
  if (rank < 0) throw new RangeError(`risk level ${code} is not in scale ${scale.id}`);
  const def = scale.levels[rank]!;
  return { rank, labelZh: def.labelZh, inspectionsPerYear: def.inspectionsPerYear };
}

function countWithin(events: readonly SubjectEvent[], type: SubjectEventType, months: number, asOf: LegalDate): SubjectEvent[] {
  const after = addMonths(asOf, -months);
  return events
    .filter((e) => e.type === type && e.date > after && e.date <= asOf)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Whether the condition holds, and the evidence when it does. */
function evaluateCondition(c: RiskCondition, facts: RiskFacts, asOf: LegalDate, set: RiskRuleSet): RiskEvidence | null {
  switch (c.fact) {
    case 'event_count': {
      const counted = countWithin(facts.events, c.event, c.withinMonths, asOf);
      const n = counted.length;
      if (c.atLeast !== undefined && n < c.atLeast) return null;
      if (c.atMost !== undefined && n > c.atMost) return null;
      const bounds = [c.atLeast !== undefined ? `不少于${c.atLeast}次` : '', c.atMost !== undefined ? `不超过${c.atMost}次` : '']
        .filter(Boolean)
        .join('且');
      return {
        condition: c,
        textZh: `近${c.withinMonths}个月${EVENT_ZH[c.event]}${n}次（规则：${bounds}）`,
        eventRefs: counted.map((e) => e.ref),
      };
    }
    case 'kind':
      return c.in.includes(facts.kind)
        ? { condition: c, textZh: `对象类型为${SUBJECT_KIND_DEFAULTS[facts.kind].labelZh}`, eventRefs: [] }
        : null;
    case 'licence':
      return c.in.includes(facts.licence) ? { condition: c, textZh: `许可证状态：${LICENCE_ZH[facts.licence]}`, eventRefs: [] } : null;
    case 'flag': {
      const value = facts.flags?.[c.flag] ?? false;
      if (value !== c.is) return null;
      const label = set.flagLabelsZh?.[c.flag] ?? c.flag;
      return { condition: c, textZh: `${label}：${value ? '是' : '否'}`, eventRefs: [] };
    }
  }
}

function evaluateRule(rule: RiskRule, facts: RiskFacts, asOf: LegalDate, set: RiskRuleSet): RiskEvidence[] | null {
  const evidence: RiskEvidence[] = [];
  for (const c of rule.when) {
    const e = evaluateCondition(c, facts, asOf, set);
    if (e === null) return null;
    evidence.push(e);
  }
  return evidence;
}

/**
 * Grades a subject on `asOf`. Of the rules whose every condition holds, the one with the highest level decides (the
 * first listed among equals); with none, the rule set's default level applies. Events dated after `asOf` are ignored.
 */
export function gradeSubject(facts: RiskFacts, set: RiskRuleSet, asOf: LegalDate): RiskGrading {
  assertLegalDate(asOf, 'asOf');
  let fired: { rule: RiskRule; rank: number; evidence: RiskEvidence[] } | null = null;
  const matched: string[] = [];
  for (const rule of set.rules) {
    const evidence = evaluateRule(rule, facts, asOf, set);
    if (evidence === null) continue;
    matched.push(rule.id);
    const rank = levelOf(set.scale, rule.level).rank;
    if (fired === null || rank < fired.rank) fired = { rule, rank, evidence };
  }
  const level = fired ? fired.rule.level : set.defaultLevel;
  const def = levelOf(set.scale, level);
  const explanationZh = fired
    ? `${def.labelZh}：符合规则“${fired.rule.descriptionZh}”——${fired.evidence.map((e) => e.textZh).join('；')}`
    : `${def.labelZh}：未触发任何规则，按默认等级`;
  return {
    subjectId: facts.subjectId,
    asOf,
    ruleSetId: set.id,
    ruleSetVersion: set.version,
    scaleId: set.scale.id,
    level,
    levelLabelZh: def.labelZh,
    levelRank: def.rank,
    inspectionsPerYear: def.inspectionsPerYear,
    firedRuleId: fired?.rule.id ?? null,
    firedRuleDescriptionZh: fired?.rule.descriptionZh ?? null,
    evidence: fired?.evidence ?? [],
    alsoMatchedRuleIds: matched.filter((id) => id !== fired?.rule.id),
    explanationZh,
    computedLevel: level,
    override: null,
  };
}

/** Why a subject's level changed between two gradings (same scale), in words for the change log. */
export function diffRiskGradings(before: RiskGrading, after: RiskGrading): RiskGradingDiff {
  if (before.scaleId !== after.scaleId) throw new RangeError('diffRiskGradings: the gradings use different scales');
  const direction = after.levelRank < before.levelRank ? 'up' : after.levelRank > before.levelRank ? 'down' : 'same';
  const beforeRefs = new Set(before.evidence.flatMap((e) => e.eventRefs));
  const afterRefs = new Set(after.evidence.flatMap((e) => e.eventRefs));
  const eventsAdded = [...afterRefs].filter((r) => !beforeRefs.has(r));
  const eventsDropped = [...beforeRefs].filter((r) => !afterRefs.has(r));
  const ruleSetChanged = before.ruleSetId !== after.ruleSetId || before.ruleSetVersion !== after.ruleSetVersion;
  const parts: string[] = [];
  if (direction === 'same') parts.push(`等级未变（${after.levelLabelZh}）`);
  else parts.push(`${direction === 'up' ? '升级' : '降级'}：${before.levelLabelZh} → ${after.levelLabelZh}`);
  if (after.override !== null && before.override === null)
    parts.push(`人工调整：${after.override.reasonZh}（审批人${after.override.approvedBy}）`);
  else if (after.override === null && before.override !== null) parts.push('人工调整已失效或撤销，恢复按规则评定');
  else if (after.firedRuleId !== before.firedRuleId) {
    parts.push(after.firedRuleId === null ? '不再符合任何规则' : `依据规则“${after.firedRuleDescriptionZh}”`);
  }
  if (after.evidence.length > 0 && after.firedRuleId !== before.firedRuleId) parts.push(after.evidence.map((e) => e.textZh).join('；'));
  if (eventsDropped.length > 0 && direction === 'down') parts.push(`不再作为评定依据的记录：${eventsDropped.join('、')}`);
  if (ruleSetChanged) parts.push(`规则版本由${before.ruleSetVersion}变为${after.ruleSetVersion}`);
  return {
    changed: before.level !== after.level,
    direction,
    fromLevel: before.level,
    toLevel: after.level,
    fromRuleId: before.firedRuleId,
    toRuleId: after.firedRuleId,
    ruleSetChanged,
    eventsAdded,
    eventsDropped,
    reasonZh: parts.join('；'),
  };
}

/** Problems with a manual override: a level of the scale, a reason, an approver other than the requester, dates. */
export function checkRiskOverride(override: RiskOverride, scale: RiskScale): RiskOverrideIssue[] {
  const issues: RiskOverrideIssue[] = [];
  if (!scale.levels.some((l) => l.code === override.level)) issues.push({ field: 'level', messageZh: `等级${override.level}不在等级表中` });
  if (override.reasonZh.trim() === '') issues.push({ field: 'reasonZh', messageZh: '人工调整风险等级须说明理由' });
  if (override.requestedBy.trim() === '') issues.push({ field: 'requestedBy', messageZh: '须记录申请人' });
  if (override.approvedBy.trim() === '') issues.push({ field: 'approvedBy', messageZh: '人工调整风险等级须经审批' });
  else if (override.approvedBy === override.requestedBy) issues.push({ field: 'approvedBy', messageZh: '审批人不能是申请人本人' });
  if (override.approvedAt.trim() === '') issues.push({ field: 'approvedAt', messageZh: '须记录审批时间' });
  if (override.validUntil !== null) {
    try {
      assertLegalDate(override.validUntil, 'validUntil');
    } catch {
      issues.push({ field: 'validUntil', messageZh: '有效期不是有效日期' });
    }
  }
  return issues;
}

/**
 * The grading with an approved override applied: `level` becomes the override's, `computedLevel` keeps the rules'
 * answer and the explanation says both. An override past its validUntil on the grading date no longer applies.
 */
export function applyRiskOverride(
  grading: RiskGrading,
  override: RiskOverride,
  set: RiskRuleSet,
): { ok: true; grading: RiskGrading } | { ok: false; issues: RiskOverrideIssue[] } {
  const issues = checkRiskOverride(override, set.scale);
  if (issues.length > 0) return { ok: false, issues };
  if (override.validUntil !== null && override.validUntil < grading.asOf) return { ok: true, grading };
  const def = levelOf(set.scale, override.level);
  return {
    ok: true,
    grading: {
      ...grading,
      level: override.level,
      levelLabelZh: def.labelZh,
      levelRank: def.rank,
      inspectionsPerYear: def.inspectionsPerYear,
      override,
      explanationZh: `${def.labelZh}：人工调整（理由：${override.reasonZh}；申请人${override.requestedBy}，审批人${override.approvedBy}）。按规则评定为：${grading.explanationZh}`,
    },
  };
}
