// What 勤务 (modules/duty) reads of inspections, through ./index.ts: an officer's open tasks, a squad's tasks of a
// period counted by origin, and a listener told of every submitted visit inside its transaction (the duty log).
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';

export type OfficerInspectionTask = { id: string; origin: string; subjectName: string; dueOn: string; planId: string | null };

/** The officer's open inspection tasks (he is one of the inspectors), soonest first, at most `limit`. */
export async function officerOpenInspectionTasks(db: Executor, officerId: string, limit = 200): Promise<OfficerInspectionTask[]> {
  const rows = await db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .select(['t.id', 't.origin', 's.name', 't.due_on', 't.plan_id'])
    .where(sql<boolean>`${officerId}::uuid = ANY (t.inspector_ids)`)
    .where('t.status', '=', 'open')
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, origin: r.origin, subjectName: r.name, dueOn: String(r.due_on).slice(0, 10), planId: r.plan_id }));
}

export type OriginCounts = { origin: string; total: number; done: number; open: number; overdue: number };

/** A squad's tasks due in [from, to], counted by origin (random, risk_frequency, special, reinspection). */
export async function squadTaskCounts(db: Executor, orgId: string, from: string, to: string, today: string): Promise<OriginCounts[]> {
  const rows = await db
    .selectFrom('inspection_tasks')
    .select([
      'origin',
      (eb) => eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) FILTER (WHERE status = 'done')`.as('done'),
      sql<string>`count(*) FILTER (WHERE status = 'open')`.as('open'),
      sql<string>`count(*) FILTER (WHERE status = 'open' AND due_on < ${today})`.as('overdue'),
    ])
    .where('org_id', '=', orgId)
    .where('due_on', '>=', from)
    .where('due_on', '<=', to)
    .groupBy('origin')
    .execute();
  return rows.map((r) => ({
    origin: r.origin,
    total: Number(r.total),
    done: Number(r.done),
    open: Number(r.open),
    overdue: Number(r.overdue),
  }));
}

export type SubmittedVisit = {
  id: string;
  bureauId: string;
  orgId: string;
  subjectName: string;
  inspectorIds: readonly string[];
  origins: readonly string[];
  outcome: 'passed' | 'failed';
  visitedAt: Date;
  visitedOn: string;
};
export type VisitListener = (trx: Executor, visit: SubmittedVisit) => Promise<void>;
const VISIT_LISTENERS: VisitListener[] = [];

/** Called inside the visit's transaction after it is written; registering the same function twice is harmless. */
export function onVisitSubmitted(listener: VisitListener): void {
  if (!VISIT_LISTENERS.includes(listener)) VISIT_LISTENERS.push(listener);
}

export async function notifyVisitSubmitted(trx: Executor, visit: SubmittedVisit): Promise<void> {
  for (const l of VISIT_LISTENERS) await l(trx, visit);
}
