// E7–E10: no penalty, first-violation exemption, mandatory mitigation, education first.
import type { RuleCheck, RuleLine, RuleRequirement } from './types.ts';

export type Harm = 'none' | 'minor' | 'serious';

// 处罚法 Art. 30: 「不满十四周岁的未成年人有违法行为的，不予行政处罚…；已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚。」
// 「不满」 excludes the figure (民法典 Art. 1259): 14 years exactly is punishable, with mitigation.
export const AGE_OF_PENALTY_RESPONSIBILITY = 14;
export const AGE_OF_MAJORITY = 18;

export type NoPenaltyInput = {
  /** Completed years of age at the act (natural persons only). */
  ageAtAct?: number;
  /** 处罚法 Art. 31: 「精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚」 */
  mentalIncapacityAtAct: boolean;
  /** 违法行为轻微 */
  minorViolation: boolean;
  correctedPromptly: boolean;
  harm: Harm;
  /** 「当事人有证据足以证明没有主观过错的」 */
  provenNoFault: boolean;
  /** 「法律、行政法规另有规定的，从其规定」: a law that makes the act punishable without fault (citation). */
  noFaultRuleExcludedBy?: string;
};

function line(ruleId: string, article: string, textZh: string, textEn: string): RuleLine {
  return { ruleId, article, textZh, textEn };
}

/**
 * E7 — mandatory no-penalty (处罚法 Arts. 30, 31, 33). Art. 33: 「违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。…
 * 当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。对当事人的违法行为依法不予行政处罚的，
 * 行政机关应当对当事人进行教育。」
 */
export function mandatoryNoPenalty(input: NoPenaltyInput): RuleRequirement {
  const lines: RuleLine[] = [];
  if (input.ageAtAct !== undefined && input.ageAtAct < AGE_OF_PENALTY_RESPONSIBILITY) {
    lines.push(
      line(
        'E7',
        '行政处罚法 Art. 30',
        `不满十四周岁（${input.ageAtAct} 岁），不予行政处罚，责令监护人加以管教`,
        'Under 14: no penalty; the guardian is told to discipline',
      ),
    );
  }
  if (input.mentalIncapacityAtAct) {
    lines.push(
      line('E7', '行政处罚法 Art. 31', '在不能辨认或者不能控制自己行为时有违法行为，不予行政处罚', 'No capacity at the act: no penalty'),
    );
  }
  if (input.minorViolation && input.correctedPromptly && input.harm === 'none') {
    lines.push(
      line(
        'E7',
        '行政处罚法 Art. 33',
        '违法行为轻微并及时改正，没有造成危害后果，不予行政处罚',
        'Minor, corrected promptly, no harm: no penalty',
      ),
    );
  }
  if (input.provenNoFault && !input.noFaultRuleExcludedBy) {
    lines.push(line('E7', '行政处罚法 Art. 33', '有证据足以证明没有主观过错，不予行政处罚', 'Proven absence of fault: no penalty'));
  }
  if (lines.length === 0) return { required: false, lines: [] };
  lines.push(
    line('E7', '行政处罚法 Art. 33', '依法不予行政处罚的，应当对当事人进行教育（须有教育记录）', 'An education record is required'),
  );
  return { required: true, lines };
}

export type ExemptionCondition = 'first_discovery' | 'corrected_promptly' | 'no_harm' | 'harm_at_most_minor';

/** An item of a published 免罚清单 / 不予处罚清单, matched by provision and conditions. */
export type ExemptionItem = {
  id: string;
  /** 违则 provision, e.g. 《上海市市容环境卫生管理条例》第二十八条第一款第六项 */
  provision: string;
  descriptionZh: string;
  conditions: readonly ExemptionCondition[];
  /** The list's own wording: 「不予行政处罚」 is binding on the agency; 「可以不予」 leaves a choice. */
  effect: 'must_not_punish' | 'may_exempt';
  source: string;
  verification: 'V' | 'P' | 'U';
};

export type ExemptionFacts = { firstViolation: boolean; correctedPromptly: boolean; harm: Harm };

function conditionHolds(condition: ExemptionCondition, facts: ExemptionFacts): boolean {
  switch (condition) {
    case 'first_discovery':
      return facts.firstViolation;
    case 'corrected_promptly':
      return facts.correctedPromptly;
    case 'no_harm':
      return facts.harm === 'none';
    case 'harm_at_most_minor':
      return facts.harm !== 'serious';
  }
}

/** E8 — the exemption-list items whose conditions all hold (LEGAL-RULES.md 5.6.1, P). */
export function matchExemptionItems(items: readonly ExemptionItem[], facts: ExemptionFacts): ExemptionItem[] {
  return items.filter((item) => item.conditions.every((c) => conditionHolds(c, facts)));
}

/**
 * E8 — discretionary 首违不罚, 处罚法 Art. 33: 「初次违法且危害后果轻微并及时改正的，可以不予行政处罚。」
 * Allowed, not forced: the system suggests it and asks for a reason when a penalty is imposed anyway.
 */
export function firstViolationExemption(facts: ExemptionFacts): RuleCheck {
  const allowed = facts.firstViolation && facts.harm !== 'serious' && facts.correctedPromptly;
  return {
    allowed,
    lines: [
      allowed
        ? line(
            'E8',
            '行政处罚法 Art. 33',
            '初次违法且危害后果轻微并及时改正，可以不予行政处罚；如仍予处罚须说明理由',
            'First violation, minor harm, corrected: may be exempted; a penalty needs a reason',
          )
        : line(
            'E8',
            '行政处罚法 Art. 33',
            '不符合首违可不罚条件（初次违法、危害后果轻微、及时改正）',
            'First-violation exemption does not apply',
          ),
    ],
  };
}

export type Art32Ground =
  | 'eliminated_or_reduced_harm' // （一）主动消除或者减轻违法行为危害后果的
  | 'coerced_or_deceived' // （二）受他人胁迫或者诱骗实施违法行为的
  | 'confessed_unknown_violation' // （三）主动供述行政机关尚未掌握的违法行为的
  | 'meritorious_cooperation' // （四）配合行政机关查处违法行为有立功表现的
  | 'other_legal_ground'; // （五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的

const ART32_TEXT: Record<Art32Ground, string> = {
  eliminated_or_reduced_harm: '主动消除或者减轻违法行为危害后果',
  coerced_or_deceived: '受他人胁迫或者诱骗实施违法行为',
  confessed_unknown_violation: '主动供述行政机关尚未掌握的违法行为',
  meritorious_cooperation: '配合行政机关查处违法行为有立功表现',
  other_legal_ground: '法律、法规、规章规定其他应当从轻或者减轻行政处罚的情形',
};

/**
 * E9 — mandatory 从轻 or 减轻: age 14–17 (处罚法 Art. 30) or an Art. 32 ground: 「当事人有下列情形之一，应当从轻或者减轻行政处罚」.
 * Partial mental capacity (Art. 31: 「可以从轻或者减轻」) is reported but does not make it mandatory.
 */
export function mandatoryMitigation(input: {
  ageAtAct?: number;
  art32Grounds: readonly Art32Ground[];
  partialMentalCapacity?: boolean;
}): RuleRequirement {
  const lines: RuleLine[] = [];
  const age = input.ageAtAct;
  if (age !== undefined && age >= AGE_OF_PENALTY_RESPONSIBILITY && age < AGE_OF_MAJORITY) {
    lines.push(
      line(
        'E9',
        '行政处罚法 Art. 30',
        `已满十四周岁不满十八周岁（${age} 岁），应当从轻或者减轻行政处罚`,
        'Aged 14–17: mitigation is mandatory',
      ),
    );
  }
  for (const ground of new Set(input.art32Grounds)) {
    lines.push(
      line(
        'E9',
        '行政处罚法 Art. 32',
        `${ART32_TEXT[ground]}，应当从轻或者减轻行政处罚`,
        `Art. 32 ground (${ground}): mitigation is mandatory`,
      ),
    );
  }
  const required = lines.length > 0;
  if (input.partialMentalCapacity) {
    lines.push(
      line(
        'E9',
        '行政处罚法 Art. 31',
        '尚未完全丧失辨认或者控制能力，可以从轻或者减轻行政处罚',
        'Partial capacity: mitigation is possible',
      ),
    );
  }
  return { required, lines };
}

export type EducationFirstInput = {
  /** 情节较轻或者危害后果能够及时消除 */
  minorOrCurable: boolean;
  /** 法律、法规、规章规定直接给予行政处罚 */
  normRequiresDirectPenalty: boolean;
  /** The norm reads 「责令…改正；拒不改正的，处…」 (e.g. 生活垃圾管理条例 Art. 57). */
  normFinesOnlyAfterRefusal: boolean;
  correctionOrdered: boolean;
  refusedToCorrect: boolean;
};

/**
 * E10 — 沪条例 Art. 18: 「对情节较轻或者危害后果能够及时消除的，除法律、法规、规章规定直接给予行政处罚外…应当先对当事人进行教育、
 * 告诫、引导，并责令其改正；对拒不改正的，依法给予行政处罚。」
 */
export function educationFirst(input: EducationFirstInput): RuleCheck {
  const needsRefusal = input.normFinesOnlyAfterRefusal || (input.minorOrCurable && !input.normRequiresDirectPenalty);
  if (!needsRefusal) {
    return {
      allowed: true,
      lines: [line('E10', '上海市城市管理行政执法条例 Art. 18', '无须先行教育、责令改正', 'No education-first step required')],
    };
  }
  const lines: RuleLine[] = [];
  if (!input.correctionOrdered)
    lines.push(
      line('E10', '上海市城市管理行政执法条例 Art. 18', '应当先进行教育、告诫、引导，并责令改正', 'Educate and order correction first'),
    );
  if (!input.refusedToCorrect)
    lines.push(
      line('E10', '上海市城市管理行政执法条例 Art. 18', '当事人未拒不改正，不得处罚', 'No penalty unless the party refused to correct'),
    );
  if (lines.length > 0) return { allowed: false, lines };
  return {
    allowed: true,
    lines: [
      line(
        'E10',
        '上海市城市管理行政执法条例 Art. 18',
        '已责令改正而拒不改正，可以依法处罚',
        'Ordered to correct and refused: a penalty may follow',
      ),
    ],
  };
}
