import type { Executor } from '../../../context.ts';
import { deleteCounters } from '../throttle.repository.ts';
import { accountKey } from '../throttle-keys.ts';

/** An administrator unlocked the account: its failed-login count starts afresh too. Answers how many windows went. */
export async function clearAccountLimit(db: Executor, username: string): Promise<number> {
  const key = accountKey(username);
  return deleteCounters(db, key.rule, key.subject);
}
