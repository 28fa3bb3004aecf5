// 分级分类 (risk grading) rules as versioned data. The seeds ask for 「风险等级升降规则」 (000, 沪城管执〔2024〕4号:
// 升级执法对象监管系统，优化风险等级升降规则), 「三色管理」分级监管 (003, 浦东), 「对不同业态和风险等级对象实施差异化监管」
// (000) and 「重点对象管住管好，一般对象无事不扰」 (004). 国办发〔2015〕58号 (LEGAL-RULES.md 7.15, P) leaves proportion and
// frequency to local rules and names the entities to inspect more: many complaints, on the abnormal list, serious
// violations. No statute read sets levels, thresholds or frequencies, so everything here is a local default (mark U)
// that an administrator replaces by publishing a new rule-set version; the evaluator (risk-grading.ts) holds no
// threshold of its own.
import { isValidLegalDate, type LegalDate } from '../calendar/legal-date.ts';
import type { VerificationMark } from '../law/config.ts';
import { SUBJECT_KINDS, type SubjectKind } from './subject.ts';
import type { SubjectLicenceState } from './subject-validation.ts';

export type RiskLevelDef = {
  code: string;
  labelZh: string;
  /** Inspections a year that the level calls for (drives the plan's proportions). */
  inspectionsPerYear: number;
  /** Display colour (CSS), optional. */
  color?: string;
};

/** A scale lists its levels from the highest risk to the lowest. */
export type RiskScale = { id: string; labelZh: string; levels: readonly RiskLevelDef[] };

export type SubjectEventType = 'violation' | 'serious_violation' | 'complaint' | 'failed_inspection' | 'passed_inspection';

export const SUBJECT_EVENT_TYPES: readonly SubjectEventType[] = [
  'violation',
  'serious_violation',
  'complaint',
  'failed_inspection',
  'passed_inspection',
];

export type RiskCondition =
  /** Events of the type dated within the last `withinMonths` months (asOf − N months < date ≤ asOf). */
  | { fact: 'event_count'; event: SubjectEventType; withinMonths: number; atLeast?: number; atMost?: number }
  | { fact: 'kind'; in: readonly SubjectKind[] }
  | { fact: 'licence'; in: readonly SubjectLicenceState[] }
  /** A yes/no fact supplied by the caller, e.g. abnormalList (列入经营异常名录或严重失信名单). */
  | { fact: 'flag'; flag: string; is: boolean };

/** A rule fires when every condition holds. Alternatives are separate rules, so the explanation names one. */
export type RiskRule = { id: string; level: string; descriptionZh: string; when: readonly RiskCondition[] };

export type RiskRuleSet = {
  id: string;
  version: string;
  effectiveFrom: LegalDate;
  scale: RiskScale;
  /** The level when no rule fires. */
  defaultLevel: string;
  /** When several rules fire, the highest level wins; among rules of that level, the first listed. */
  rules: readonly RiskRule[];
  mark: VerificationMark;
  sourceZh: string;
  /** Labels of the flags the rules use, for explanations. */
  flagLabelsZh?: Readonly<Record<string, string>>;
};

export type RiskRuleSetIssue = { field: string; messageZh: string };

/** 三色管理 (seed 003, 浦东新区 「三色管理」分级监管模式). Frequencies: local default, U. */
export const THREE_COLOUR_SCALE: RiskScale = {
  id: 'three_colour',
  labelZh: '三色管理',
  levels: [
    { code: 'red', labelZh: '红色（重点监管）', inspectionsPerYear: 12, color: '#cf1322' },
    { code: 'yellow', labelZh: '黄色（一般监管）', inspectionsPerYear: 4, color: '#d48806' },
    { code: 'green', labelZh: '绿色（无事不扰）', inspectionsPerYear: 1, color: '#389e0d' },
  ],
};

/**
 * A/B/C/D, D the highest risk (the order used by the food-safety risk grading, A lowest; from general knowledge, U).
 * Frequencies: local default, U.
 */
export const ABCD_SCALE: RiskScale = {
  id: 'abcd',
  labelZh: 'A/B/C/D四级',
  levels: [
    { code: 'D', labelZh: 'D级（高风险）', inspectionsPerYear: 12 },
    { code: 'C', labelZh: 'C级（较高风险）', inspectionsPerYear: 4 },
    { code: 'B', labelZh: 'B级（一般风险）', inspectionsPerYear: 2 },
    { code: 'A', labelZh: 'A级（低风险）', inspectionsPerYear: 1 },
  ],
};

/**
 * The documented local default (U). Thresholds are a starting point for the bureau to set, not law: 58号's three
 * criteria (complaints, abnormal list, serious violations) raise to red; one recent problem, or a 重点 kind (sites and
 * waste transport, seed 000 建筑工地分级分类监管), is yellow; a subject with nothing recent is green (「一般对象无事不扰」,
 * seed 004). Levels go down again by themselves when events leave their window (the 「升降」 of seed 000). Yellow's
 * yearly 4 matches the quarterly 双随机及分级分类检查 of seed 002.
 */
export const DEFAULT_RISK_RULE_SET: RiskRuleSet = {
  id: 'default-three-colour',
  version: '2026.1',
  effectiveFrom: '2026-01-01',
  scale: THREE_COLOUR_SCALE,
  defaultLevel: 'green',
  mark: 'U',
  sourceZh:
    '本地默认规则，可配置：依据国办发〔2015〕58号（投诉举报多、列入经营异常名录或有严重违法违规记录的加大抽查）、' +
    '《城管执法系统2023年工作总结和2024年工作计划》（优化风险等级升降规则）、浦东新区“三色管理”分级监管模式；阈值与检查频次有待本局确定',
  flagLabelsZh: { abnormalList: '列入经营异常名录或严重失信名单' },
  rules: [
    {
      id: 'red-serious-violation',
      level: 'red',
      descriptionZh: '近24个月有严重违法记录',
      when: [{ fact: 'event_count', event: 'serious_violation', withinMonths: 24, atLeast: 1 }],
    },
    {
      id: 'red-abnormal-list',
      level: 'red',
      descriptionZh: '列入经营异常名录或严重失信名单',
      when: [{ fact: 'flag', flag: 'abnormalList', is: true }],
    },
    {
      id: 'red-repeat-violations',
      level: 'red',
      descriptionZh: '近12个月违法3次以上',
      when: [{ fact: 'event_count', event: 'violation', withinMonths: 12, atLeast: 3 }],
    },
    {
      id: 'red-many-complaints',
      level: 'red',
      descriptionZh: '近6个月被投诉5次以上',
      when: [{ fact: 'event_count', event: 'complaint', withinMonths: 6, atLeast: 5 }],
    },
    {
      id: 'red-failed-inspections',
      level: 'red',
      descriptionZh: '近12个月检查不合格2次以上',
      when: [{ fact: 'event_count', event: 'failed_inspection', withinMonths: 12, atLeast: 2 }],
    },
    {
      id: 'red-no-valid-licence',
      level: 'red',
      descriptionZh: '应持许可证而无有效许可证',
      when: [{ fact: 'licence', in: ['none', 'expired', 'revoked'] }],
    },
    {
      id: 'yellow-violation',
      level: 'yellow',
      descriptionZh: '近12个月有违法记录',
      when: [{ fact: 'event_count', event: 'violation', withinMonths: 12, atLeast: 1 }],
    },
    {
      id: 'yellow-complaints',
      level: 'yellow',
      descriptionZh: '近6个月被投诉2次以上',
      when: [{ fact: 'event_count', event: 'complaint', withinMonths: 6, atLeast: 2 }],
    },
    {
      id: 'yellow-failed-inspection',
      level: 'yellow',
      descriptionZh: '近12个月检查不合格',
      when: [{ fact: 'event_count', event: 'failed_inspection', withinMonths: 12, atLeast: 1 }],
    },
    {
      id: 'yellow-licence-expiring',
      level: 'yellow',
      descriptionZh: '许可证即将到期或尚未生效',
      when: [{ fact: 'licence', in: ['expiring', 'not_yet_valid'] }],
    },
    {
      id: 'yellow-key-kind',
      level: 'yellow',
      descriptionZh: '建筑工地、建筑垃圾运输企业和车辆列为重点对象',
      when: [{ fact: 'kind', in: ['construction_site', 'waste_transport_company', 'waste_transport_vehicle'] }],
    },
  ],
};

/** Problems in a rule set an administrator wants to publish; empty when it can be used. */
export function checkRiskRuleSet(set: RiskRuleSet): RiskRuleSetIssue[] {
  const issues: RiskRuleSetIssue[] = [];
  const codes = set.scale.levels.map((l) => l.code);
  if (codes.length === 0) issues.push({ field: 'scale.levels', messageZh: '风险等级不能为空' });
  if (new Set(codes).size !== codes.length) issues.push({ field: 'scale.levels', messageZh: '风险等级编码重复' });
  set.scale.levels.forEach((l, i) => {
    if (!Number.isFinite(l.inspectionsPerYear) || l.inspectionsPerYear < 0) {
      issues.push({ field: `scale.levels[${i}].inspectionsPerYear`, messageZh: '年检查频次须为非负数' });
    }
  });
  if (!codes.includes(set.defaultLevel)) issues.push({ field: 'defaultLevel', messageZh: `默认等级${set.defaultLevel}不在等级表中` });
  if (!isValidLegalDate(set.effectiveFrom)) issues.push({ field: 'effectiveFrom', messageZh: '生效日期不是有效日期' });
  const ids = new Set<string>();
  set.rules.forEach((rule, i) => {
    const f = `rules[${i}]`;
    if (ids.has(rule.id)) issues.push({ field: `${f}.id`, messageZh: `规则编号${rule.id}重复` });
    ids.add(rule.id);
    if (!codes.includes(rule.level)) issues.push({ field: `${f}.level`, messageZh: `等级${rule.level}不在等级表中` });
    if (rule.when.length === 0) issues.push({ field: `${f}.when`, messageZh: '规则至少需要一个条件' });
    rule.when.forEach((c, j) => {
      const cf = `${f}.when[${j}]`;
      if (c.fact === 'event_count') {
        if (!Number.isInteger(c.withinMonths) || c.withinMonths < 1)
          issues.push({ field: `${cf}.withinMonths`, messageZh: '统计月数须为正整数' });
        if (c.atLeast === undefined && c.atMost === undefined) issues.push({ field: cf, messageZh: '须设定次数下限或上限' });
        if (!SUBJECT_EVENT_TYPES.includes(c.event)) issues.push({ field: `${cf}.event`, messageZh: `未知事件类型${String(c.event)}` });
      } else if (c.fact === 'kind') {
        for (const k of c.in) if (!SUBJECT_KINDS.includes(k)) issues.push({ field: `${cf}.in`, messageZh: `未知对象类型${String(k)}` });
      } else if (c.fact === 'licence' && c.in.length === 0) {
        issues.push({ field: `${cf}.in`, messageZh: '须列出许可证状态' });
      }
    });
  });
  return issues;
}

/** The rule-set version in force on `asOf`: the latest effectiveFrom not after it; null before the first. */
export function riskRuleSetInForce(versions: readonly RiskRuleSet[], asOf: LegalDate): RiskRuleSet | null {
  let best: RiskRuleSet | null = null;
  for (const v of versions) if (v.effectiveFrom <= asOf && (best === null || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}
