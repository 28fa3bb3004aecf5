// CaseRuleError (packages/domain) → the coded AppError: the body names the rule ID and article in `rule` and in the
// English message, the Chinese message cites the statute in the Chinese form (docs/ui-text.md), the field when there
// is one, and every reason in `details`.
import { CaseRuleError, formatCitationZh, type BlockReason } from '@chengguan/domain';
import { AppError, type AppErrorCode } from '../../errors/app-error.ts';

const CODE_OF: Record<CaseRuleError['code'], AppErrorCode> = {
  CASE_ACTION_NOT_IN_STATE: 'CASE_ACTION_NOT_IN_STATE',
  CASE_ACTION_WRONG_PROCEDURE: 'CASE_ACTION_WRONG_PROCEDURE',
  CASE_ACTION_FORBIDDEN_ROLE: 'FORBIDDEN',
  CASE_RULE_VIOLATION: 'RULE_VIOLATION',
};

export function ruleLabel(r: Pick<BlockReason, 'ruleId' | 'article'>): string {
  return r.article ? `${r.ruleId} ${r.article}` : r.ruleId;
}

/** The Chinese reader's form of a reason: the sentence, then （依据《…》第X条）. */
export function reasonZh(r: Pick<BlockReason, 'article' | 'messageZh'>): string {
  return r.article ? `${r.messageZh}（依据${formatCitationZh(r.article)}）` : r.messageZh;
}

export function caseRuleToAppError(e: CaseRuleError): AppError {
  const head = e.reasons[0];
  const rule = head ? ruleLabel(head) : e.ruleId;
  return new AppError(CODE_OF[e.code], {
    rule,
    message: head ? reasonZh(head) : e.messageZh,
    messageEn: `${e.messageEn} (${rule})`,
    ...(e.field ? { field: e.field } : {}),
    details: e.reasons.map((r) => ({
      field: r.field ?? 'case',
      message: reasonZh(r),
      messageEn: `${r.messageEn} (${ruleLabel(r)})`,
    })),
  });
}

/** Runs a domain call and turns its CaseRuleError into the coded 4xx. */
export function withCaseRules<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CaseRuleError) throw caseRuleToAppError(e);
    throw e;
  }
}

/** A rule the server checks itself before the domain runs (e.g. B2 numbering), in the same shape. */
export function ruleViolation(ruleId: string, article: string, field: string, zh: string, en: string): AppError {
  return caseRuleToAppError(
    new CaseRuleError('CASE_RULE_VIOLATION', 'register', 'unregistered', [{ ruleId, article, messageZh: zh, messageEn: en, field }]),
  );
}
