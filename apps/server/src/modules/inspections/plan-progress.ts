// How far a 双随机 plan's tasks have got (the plan page's progress, through ./index.ts).
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';

export type PlanTaskProgress = {
  total: number;
  done: number;
  open: number;
  /** Each task's status by its subject (a draw gives a subject one task). */
  statusBySubject: Map<string, 'open' | 'done' | 'cancelled'>;
};

/**
 * Counts by status in the database; each task's status only for `subjectIds` when given (the plan page names a few
 * hundred of a city-wide plan's 100,000 and more), else for all.
 */
export async function planTaskProgress(db: Executor, planId: string, subjectIds?: readonly string[]): Promise<PlanTaskProgress> {
  const counts = await db
    .selectFrom('inspection_tasks')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('plan_id', '=', planId)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  let q = db.selectFrom('inspection_tasks').select(['subject_id', 'status']).where('plan_id', '=', planId);
  if (subjectIds) q = q.where(sql<boolean>`subject_id = any(${[...subjectIds]}::uuid[])`);
  const rows = subjectIds && subjectIds.length === 0 ? [] : await q.execute();
  const statusBySubject = new Map<string, 'open' | 'done' | 'cancelled'>();
  for (const r of rows) statusBySubject.set(r.subject_id, r.status as 'open' | 'done' | 'cancelled');
  return { total: counts.reduce((a, c) => a + Number(c.n), 0), done: n('done'), open: n('open'), statusBySubject };
}

/** What a 双随机 plan's visits found, as the public record shows it: nothing about the officers, nothing internal. */
export type PlanVisitResult = {
  subjectId: string;
  visitedOn: string;
  /** When the result was published: the visit's submission (its Shanghai date); the public record shows it from then. */
  submittedAt: Date;
  /** 合格, 不合格, or 不合格 with a 责令改正 order issued from the visit. */
  outcome: 'passed' | 'failed' | 'rectification_ordered';
  failedItems: string[];
};

/** The results of a plan's done tasks (a draw gives a subject one task), with the counts done and not yet done. */
export async function planVisitResults(
  db: Executor,
  planId: string,
): Promise<{ total: number; done: number; open: number; results: PlanVisitResult[] }> {
  const counts = await db
    .selectFrom('inspection_tasks')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('plan_id', '=', planId)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const rows = await db
    .selectFrom('inspection_tasks as t')
    .innerJoin('inspection_visits as v', 'v.id', 't.visit_id')
    .select([
      't.subject_id',
      'v.visited_on',
      'v.created_at',
      'v.outcome',
      'v.failed_items',
      (eb) => eb.exists(eb.selectFrom('rectification_orders as r').select('r.id').whereRef('r.visit_id', '=', 'v.id')).as('ordered'),
    ])
    .where('t.plan_id', '=', planId)
    .where('t.status', '=', 'done')
    .orderBy('v.visited_on')
    .orderBy('t.subject_id')
    .execute();
  return {
    total: counts.reduce((a, c) => a + Number(c.n), 0),
    done: n('done'),
    open: n('open'),
    results: rows.map((r) => ({
      subjectId: r.subject_id,
      visitedOn: String(r.visited_on),
      submittedAt: r.created_at,
      outcome: r.outcome === 'passed' ? 'passed' : r.ordered ? 'rectification_ordered' : 'failed',
      failedItems: (r.failed_items as { textZh: string }[]).map((f) => f.textZh),
    })),
  };
}
