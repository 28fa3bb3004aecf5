import { sql, type Selectable } from 'kysely';
import type { ThrottleCounterListQuery } from '@chengguan/contracts';
import type { Executor } from '../../context.ts';
import type { ThrottleCountersTable } from './throttle.tables.ts';
import { prefixPattern } from '../../db/like.ts';

export type ThrottleCounterRow = Selectable<ThrottleCountersTable>;

/**
 * Adds one attempt and answers the count after it, in one statement: two processes (or two connections) that count
 * at once both see their own increment, never the same number.
 */
export async function incrementCounter(
  db: Executor,
  c: { rule: string; subject: string; windowStart: Date; windowEnd: Date; limit: number; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('throttle_counters')
    .values({
      rule: c.rule,
      subject: c.subject,
      window_start: c.windowStart,
      window_end: c.windowEnd,
      hit_limit: c.limit,
      hits: 1,
      last_at: c.at,
    })
    .onConflict((oc) =>
      oc.columns(['rule', 'subject', 'window_start']).doUpdateSet({
        hits: sql<number>`throttle_counters.hits + 1`,
        last_at: sql<Date>`excluded.last_at`,
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/**
 * Takes back one attempt of the window (a success that was counted on the way in); a window back at zero goes. Never
 * below zero: of concurrent logins on one window, a decrement finding the window at one deletes it (or finds it gone),
 * the others only lower a count above one — at worst a count stays one high, never a constraint error.
 */
export async function decrementCounter(db: Executor, c: { rule: string; subject: string; windowStart: Date }): Promise<void> {
  // One statement: the update (a count above one) and the delete (a count of one) match the row on the same snapshot,
  // so exactly one of them applies to it.
  await db
    .with('lowered', (q) =>
      q
        .updateTable('throttle_counters')
        .set({ hits: sql<number>`hits - 1` })
        .where('rule', '=', c.rule)
        .where('subject', '=', c.subject)
        .where('window_start', '=', c.windowStart)
        .where('hits', '>', 1)
        .returning('hits'),
    )
    .deleteFrom('throttle_counters')
    .where('rule', '=', c.rule)
    .where('subject', '=', c.subject)
    .where('window_start', '=', c.windowStart)
    .where('hits', '<=', 1)
    .execute();
}

/** Forgets every window of one subject (an administrator unlocked the account). */
export async function deleteCounters(db: Executor, rule: string, subject: string): Promise<number> {
  const r = await db.deleteFrom('throttle_counters').where('rule', '=', rule).where('subject', '=', subject).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteCountersEndedBefore(db: Executor, before: Date): Promise<number> {
  const r = await db.deleteFrom('throttle_counters').where('window_end', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type CounterFilter = Omit<ThrottleCounterListQuery, 'page' | 'pageSize'>;

function filtered(db: Executor, f: CounterFilter) {
  let q = db.selectFrom('throttle_counters');
  if (f.rule) q = q.where('rule', '=', f.rule);
  if (f.subject) q = q.where('subject', 'like', prefixPattern(f.subject));
  if (f.refusedOnly) q = q.whereRef('hits', '>', 'hit_limit');
  if (f.from) q = q.where('window_end', '>', new Date(f.from));
  if (f.to) q = q.where('window_start', '<', new Date(f.to));
  return q;
}

export async function listCounters(db: Executor, f: CounterFilter, limit: number, offset: number) {
  const [items, count] = await Promise.all([
    filtered(db, f).selectAll().orderBy('last_at', 'desc').orderBy('rule').orderBy('subject').limit(limit).offset(offset).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
