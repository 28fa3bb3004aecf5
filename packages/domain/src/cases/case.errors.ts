// Why an action is blocked, and the typed error a refused transition throws (ARCHITECTURE.md "Errors":
// a 4xx that names the field and the rule, in Chinese and English).
import type { RuleLine } from '../law/types.ts';
import type { CaseAction, MachineState } from './case-states.ts';

/** One reason an action may not be taken now. `ruleId` is a LEGAL-RULES.md §10 ID or a machine rule (STATE, ROLE, …). */
export type BlockReason = { ruleId: string; article: string; messageZh: string; messageEn: string; field?: string };

export type CaseRuleErrorCode =
  | 'CASE_ACTION_NOT_IN_STATE' // the action does not leave the current state
  | 'CASE_ACTION_WRONG_PROCEDURE' // a summary action on an ordinary case, or the reverse
  | 'CASE_ACTION_FORBIDDEN_ROLE' // none of the actor's roles may take it
  | 'CASE_RULE_VIOLATION'; // a legal guard blocked it

export class CaseRuleError extends Error {
  readonly ruleId: string;
  readonly article: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly field: string | undefined;

  constructor(
    readonly code: CaseRuleErrorCode,
    readonly action: CaseAction,
    readonly state: MachineState,
    /** Every reason, the first one being the headline. */
    readonly reasons: readonly BlockReason[],
  ) {
    const first = reasons[0] ?? { ruleId: 'UNKNOWN', article: '', messageZh: '操作被拒绝', messageEn: 'Action refused' };
    super(`${action} from ${state}: [${first.ruleId}] ${first.messageEn}`);
    this.name = 'CaseRuleError';
    this.ruleId = first.ruleId;
    this.article = first.article;
    this.messageZh = first.messageZh;
    this.messageEn = first.messageEn;
    this.field = first.field;
  }
}

export function block(ruleId: string, article: string, messageZh: string, messageEn: string, field?: string): BlockReason {
  return field === undefined ? { ruleId, article, messageZh, messageEn } : { ruleId, article, messageZh, messageEn, field };
}

/** One reason from the lines of a legal-engine answer (their texts joined). */
export function blockFromLines(lines: readonly RuleLine[], fallbackRuleId: string, field?: string): BlockReason {
  const first = lines[0];
  const articles = [...new Set(lines.map((l) => l.article))].join('; ');
  return block(
    first?.ruleId ?? fallbackRuleId,
    articles,
    lines.map((l) => l.textZh).join('；'),
    lines.map((l) => l.textEn).join('; '),
    field,
  );
}
