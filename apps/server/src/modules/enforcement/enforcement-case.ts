// The case an enforcement act is done on, loaded inside the act's transaction, with the date of the act checked
// against today (an act is not dated in the future).
import type { Transaction } from 'kysely';
import { type CaseContext, type CaseSnapshot, isAfter } from '@chengguan/domain';
import type { Actor, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { caseContext, getCaseRowOrFail, hydrateSnapshot, ruleViolation } from '../cases/index.ts';
import type { CaseRow } from '../cases/index.ts';

export async function enforcementCaseOn(
  trx: Transaction<DB>,
  deps: Deps,
  actor: Actor,
  caseId: string,
  date: string,
): Promise<{ row: CaseRow; snapshot: CaseSnapshot; ctx: CaseContext }> {
  const row = await getCaseRowOrFail(trx, actor, caseId);
  const [snapshot, ctx] = await Promise.all([hydrateSnapshot(trx, row), caseContext(trx, deps.clock.now())]);
  if (isAfter(date, ctx.today)) {
    throw ruleViolation('CHRONOLOGY', '行政处罚法 Art. 47', 'date', `日期 ${date} 晚于今天 ${ctx.today}`, `${date} is after today`);
  }
  return { row, snapshot, ctx };
}
