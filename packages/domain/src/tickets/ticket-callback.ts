// 回访 (callback): the reporter is asked whether the problem was solved and how satisfied he is (反馈回访,
// LEGAL-RULES.md §5.8.3, P). The three levels are the usual 12345 evaluation (U).
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export const SATISFACTION_LABELS: Record<SatisfactionLevel, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** An unsatisfied or unsolved callback sends the ticket to 回访复核 (the supervision limit, I6). */
export function callbackNeedsReview(resolved: boolean | null, satisfaction: SatisfactionLevel | null): boolean {
  return resolved === false || satisfaction === 'unsatisfied';
}
