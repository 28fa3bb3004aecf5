// A squad's inspection progress (the squad leader's home): open tasks, tasks done this quarter, overdue tasks.
import { sql } from 'kysely';
import type { Executor } from '../../../context.ts';

export type SquadInspectionProgress = { open: number; doneThisQuarter: number; overdue: number };

/** `today` is the Shanghai legal date; the quarter is the calendar quarter holding it. */
export async function squadInspectionProgress(db: Executor, orgId: string, today: string): Promise<SquadInspectionProgress> {
  const month = Number(today.slice(5, 7));
  const quarterStart = `${today.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const r = await db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspection_visits as v', 'v.id', 't.visit_id')
    .select([
      sql<number>`count(*) FILTER (WHERE t.status = 'open')`.as('open'),
      sql<number>`count(*) FILTER (WHERE t.status = 'open' AND t.due_on < ${today})`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE t.status = 'done' AND v.visited_on >= ${quarterStart})`.as('done'),
    ])
    .where('t.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { open: Number(r.open), doneThisQuarter: Number(r.done), overdue: Number(r.overdue) };
}
