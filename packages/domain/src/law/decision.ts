// E1, E2, E3, E6: review and decision.
import type { LegalConfig } from './config.ts';
import { assertFen, assertLegalInput } from './errors.ts';
import { hearingRightRequired } from './pre-decision.ts';
import type { Fen, PartyType, PenaltyType, RuleCheck, RuleLine, RuleRequirement } from './types.ts';

export type EnforcementDecisionKind = 'immediate_substitute_performance' | 'surcharge' | 'late_fee' | 'other';

export type LegalReviewInput = {
  // 处罚法 Art. 58 national triggers
  majorPublicInterest: boolean;
  /** 直接关系当事人或者第三人重大权益，经过听证程序的 */
  majorRightsAfterHearing: boolean;
  complexMultipleLegalRelationships: boolean;
  /** 法律、法规规定应当进行法制审核的其他情形 (citation). */
  lawRequires?: string;
  // Shanghai 城管 additions (P). The penalty is judged by hearingRightRequired (D4), the one definition of
  // 「carries the hearing right」 shared with the 事先告知 and the hearing request.
  partyType?: PartyType;
  penalties?: readonly PenaltyType[];
  fineFen?: Fen;
  /** Value of confiscated illegal gains or property (counts from CONFIG.confiscationHearingThresholdFen). */
  confiscationFen?: Fen;
  /** D4 (五) 「其他较重的行政处罚」 as judged by the agency. */
  otherSeriousPenalty?: boolean;
  /** D4 (六) 「法律、法规、规章规定的其他情形」 with its citation. */
  otherHearingTrigger?: string;
  /** A hearing was held, or the party waived it (「包括当事人放弃听证的」). */
  hearingHeldOrWaived?: boolean;
  /** 减轻处罚 (below the statutory minimum). */
  reducedPenalty?: boolean;
  demolitionOfCompletedBuilding?: boolean;
  transferForSuspectedCrime?: boolean;
  enforcementDecision?: EnforcementDecisionKind;
};

/**
 * E1 — 处罚法 Art. 58: 「有下列情形之一，在行政机关负责人作出行政处罚的决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核…：
 * （一）涉及重大公共利益的；（二）直接关系当事人或者第三人重大权益，经过听证程序的；（三）案件情况疑难复杂、涉及多个法律关系的；
 * （四）法律、法规规定应当进行法制审核的其他情形。」 Shanghai additions (LEGAL-RULES.md 5.5.1–5.5.2, P) when configured:
 * 「直接关系当事人或者第三人重大权益（个人5000元以上、法人或者其他组织5万元以上的罚款，以及相应数额以上的没收违法所得、没收非法财物、
 * 责令停产停业、吊销许可证或者执照等），经过听证程序的（包括当事人放弃听证的）」 — every penalty that carries the hearing right
 * under 处罚法 Art. 63 (D4: the same thresholds, LEGAL-RULES.md 5.5.3, and the same list of penalty types), once the hearing was
 * held or waived. The Shanghai list names its figures as the hearing's 「较大数额」, so one definition serves both rules.
 */
export function legalReviewRequired(input: LegalReviewInput, config: LegalConfig): RuleRequirement {
  const lines: RuleLine[] = [];
  const national = (zh: string, en: string): void => {
    lines.push({ ruleId: 'E1', article: '行政处罚法 Art. 58', textZh: zh, textEn: en });
  };
  if (input.majorPublicInterest) national('涉及重大公共利益', 'Major public interest');
  if (input.majorRightsAfterHearing) national('直接关系当事人或者第三人重大权益，经过听证程序', 'Major rights after a hearing');
  if (input.complexMultipleLegalRelationships) national('案件情况疑难复杂、涉及多个法律关系', 'Complex, several legal relationships');
  if (input.lawRequires) national(`法律、法规规定的其他情形：${input.lawRequires}`, `Required by law: ${input.lawRequires}`);
  if (config.shanghaiLegalReviewAdditions) {
    const shanghai = (zh: string, en: string): void => {
      lines.push({ ruleId: 'E1', article: '上海市城市管理综合行政执法重大执法决定法制审核办法 Art. 3', textZh: zh, textEn: en });
    };
    assertFen(input.fineFen ?? 0, 'fineFen', 'E1');
    assertFen(input.confiscationFen ?? 0, 'confiscationFen', 'E1');
    if (input.hearingHeldOrWaived && input.partyType) {
      const hearing = hearingRightRequired(
        {
          partyType: input.partyType,
          penalties: input.penalties ?? [],
          ...(input.fineFen !== undefined ? { fineFen: input.fineFen } : {}),
          ...(input.confiscationFen !== undefined ? { confiscationFen: input.confiscationFen } : {}),
          ...(input.otherSeriousPenalty ? { otherSeriousPenalty: true } : {}),
          ...(input.otherHearingTrigger ? { otherLegalTrigger: input.otherHearingTrigger } : {}),
        },
        config,
      );
      if (hearing.required) {
        shanghai(
          `重大权益，经过听证程序（含放弃听证）：${hearing.lines.map((l) => l.textZh).join('；')}`,
          `A penalty carrying the hearing right, after a held or waived hearing: ${hearing.lines.map((l) => l.textEn).join('; ')}`,
        );
      }
    }
    if (input.reducedPenalty) shanghai('减轻行政处罚（疑难复杂）', 'Reduced penalty (below the statutory minimum)');
    if (input.demolitionOfCompletedBuilding)
      shanghai('对已完成的违法搭建作出责令限期拆除决定', 'Demolition order for a completed illegal building');
    if (input.transferForSuspectedCrime) shanghai('涉嫌犯罪需要移送', 'Transfer for a suspected crime');
    if (input.enforcementDecision === 'other')
      shanghai('除立即代履行、加处罚款和滞纳金以外的行政强制执行决定', 'Compulsory enforcement decision');
  }
  if (lines.length > 0) {
    lines.push({
      ruleId: 'E1',
      article: '行政处罚法 Art. 58',
      textZh: '未经法制审核或者审核未通过的，不得作出决定',
      textEn: 'No decision without a passed legal review',
    });
    return { required: true, lines };
  }
  return {
    required: false,
    lines: [{ ruleId: 'E1', article: '行政处罚法 Art. 58', textZh: '无须法制审核', textEn: 'No legal review required' }],
  };
}

export type CollectiveDeliberationInput = {
  /** 情节复杂, as judged by the agency. */
  complex: boolean;
  partyType: PartyType;
  penalties: readonly PenaltyType[];
  fineFen?: Fen;
};

/**
 * E2 — 处罚法 Art. 57 para. 2: 「对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。」
 * 「重大」 is CONFIG.majorCaseRule (U: no Shanghai definition was found).
 */
export function collectiveDeliberationRequired(input: CollectiveDeliberationInput, config: LegalConfig): RuleRequirement {
  const rule = config.majorCaseRule;
  const lines: RuleLine[] = [];
  const add = (zh: string, en: string): void => {
    lines.push({ ruleId: 'E2', article: '行政处罚法 Art. 57', textZh: zh, textEn: en });
  };
  if (input.complex) add('情节复杂', 'Complex case');
  const fine = input.fineFen ?? 0;
  assertFen(fine, 'fineFen', 'E2');
  const limit = rule.fineThresholdFen[input.partyType];
  if (input.penalties.includes('fine') && fine >= limit)
    add(`重大违法行为：罚款 ≥ ${limit / 100} 元（配置值）`, `Major case: fine ≥ ${limit / 100} yuan (config)`);
  const typed = input.penalties.filter((p) => rule.penaltyTypes.includes(p));
  if (typed.length > 0)
    add(`重大违法行为：处罚种类 ${typed.join('、')}（配置值）`, `Major case by penalty type: ${typed.join(', ')} (config)`);
  if (lines.length > 0) return { required: true, lines };
  return {
    required: false,
    lines: [{ ruleId: 'E2', article: '行政处罚法 Art. 57', textZh: '无须集体讨论', textEn: 'No collective deliberation required' }],
  };
}

/** E3 — 处罚法 Art. 57: the four outcomes of 调查终结. */
export const DECISION_OUTCOMES = ['penalty', 'no_penalty_minor', 'no_penalty_facts_not_established', 'transfer_judicial'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export function isDecisionOutcome(value: string): value is DecisionOutcome {
  return (DECISION_OUTCOMES as readonly string[]).includes(value);
}

/** E6 — 处罚法 Art. 29: 「对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。」 */
export function fineAllowedForAct(existingFineDecisionsForAct: number): RuleCheck {
  assertLegalInput(
    Number.isInteger(existingFineDecisionsForAct) && existingFineDecisionsForAct >= 0,
    'existingFineDecisionsForAct',
    'E6',
    'must be a count',
    'LEGAL_INPUT_INVALID',
    '已作出的罚款决定数须为不小于零的整数',
  );
  const blocked = existingFineDecisionsForAct >= 1;
  return {
    allowed: !blocked,
    lines: [
      {
        ruleId: 'E6',
        article: '行政处罚法 Art. 29',
        textZh: blocked ? '同一个违法行为已给予罚款，不得再次罚款（一事不再罚）' : '同一违法行为尚未罚款',
        textEn: blocked ? 'This act was already fined; a second fine is barred' : 'No fine yet for this act',
      },
    ],
  };
}

export type FineNorm = { provision: string; maxFineFen: Fen };

/** E6 — 处罚法 Art. 29: 「同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。」 */
export function chooseNormWithHighestMaxFine(norms: readonly FineNorm[]): { norm: FineNorm; line: RuleLine } {
  assertLegalInput(
    norms.length > 0,
    'norms',
    'E6',
    'at least one norm is required',
    'LEGAL_INPUT_INVALID',
    '至少需要一条适用的法律规范，请选择适用条款',
  );
  norms.forEach((n, i) => assertFen(n.maxFineFen, `norms[${i}].maxFineFen`, 'E6'));
  const norm = norms.reduce((best, n) => (n.maxFineFen > best.maxFineFen ? n : best));
  return {
    norm,
    line: {
      ruleId: 'E6',
      article: '行政处罚法 Art. 29',
      textZh: `违反多个法律规范，按照罚款数额高的规定处罚：${norm.provision}`,
      textEn: `Several norms apply; the one with the highest fine governs: ${norm.provision}`,
    },
  };
}
