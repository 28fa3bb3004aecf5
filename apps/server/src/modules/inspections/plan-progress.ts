// How far a 双随机 plan's tasks have got (the plan page's progress, through ./index.ts).
import type { Executor } from '../../context.ts';

export type PlanTaskProgress = {
  total: number;
  done: number;
  open: number;
  /** Each task's status by its subject (a draw gives a subject one task). */
  statusBySubject: Map<string, 'open' | 'done' | 'cancelled'>;
};

export async function planTaskProgress(db: Executor, planId: string): Promise<PlanTaskProgress> {
  const rows = await db.selectFrom('inspection_tasks').select(['subject_id', 'status']).where('plan_id', '=', planId).execute();
  const statusBySubject = new Map<string, 'open' | 'done' | 'cancelled'>();
  let done = 0;
  let open = 0;
  for (const r of rows) {
    statusBySubject.set(r.subject_id, r.status as 'open' | 'done' | 'cancelled');
    if (r.status === 'done') done++;
    else if (r.status === 'open') open++;
  }
  return { total: rows.length, done, open, statusBySubject };
}
