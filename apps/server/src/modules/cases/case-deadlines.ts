// The deadline rows of a case, computed by the domain's runningDeadlines (never re-derived here), and the
// worker jobs that remind before a due date and alert after it.
import { addDays, type CaseContext, type CaseDeadline, type CaseSnapshot, runningDeadlines } from '@chengguan/domain';
import type { Deps, Executor } from '../../context.ts';
import { enqueueJobs } from '../scheduler/index.ts';
import { replaceCaseDeadlines } from './cases.repository.ts';
import { shanghaiInstant } from '../../shared/time.ts';

/** Reminders go out this many calendar days before an agency deadline is due. */
export const REMINDER_DAYS_BEFORE = 3;
export const JOB_DEADLINE_REMINDER = 'case.deadline_reminder';
export const JOB_DEADLINE_OVERDUE = 'case.deadline_overdue';

export type DeadlineSummary = { deadlines: CaseDeadline[]; hasOverdue: boolean; nextDueDate: string | null };

/** Only the agency's own duties can be overdue; a party's window simply runs out. */
export function summarizeDeadlines(s: CaseSnapshot, ctx: CaseContext): DeadlineSummary {
  const deadlines = s.state === 'unregistered' ? [] : runningDeadlines(s, ctx);
  const agency = deadlines.filter((d) => d.holder === 'agency');
  const open = agency
    .filter((d) => d.state === 'running')
    .map((d) => d.dueDate)
    .sort();
  return { deadlines, hasOverdue: agency.some((d) => d.state === 'overdue' && d.doneOn === undefined), nextDueDate: open[0] ?? null };
}

export async function refreshCaseDeadlines(
  db: Executor,
  deps: Pick<Deps, 'clock' | 'newId'>,
  c: { id: string; bureauId: string | null; orgId: string },
  summary: DeadlineSummary,
): Promise<void> {
  const now = deps.clock.now();
  await replaceCaseDeadlines(
    db,
    c.id,
    summary.deadlines.map((d) => ({
      case_id: c.id,
      kind: d.kind,
      bureau_id: c.bureauId,
      org_id: c.orgId,
      due_date: d.dueDate,
      basis: JSON.stringify(d.basis),
      state: d.state,
      holder: d.holder,
      done_on: d.doneOn ?? null,
      updated_at: now,
    })),
  );
  await enqueueJobs(
    db,
    deadlineJobs(c, summary, now).map((job) => ({ id: deps.newId(), ...job })),
  );
}

export type DeadlineJob = {
  kind: string;
  runAt: Date;
  payload: { caseId: string; kind: string; dueDate: string };
  dedupeKey: string;
  bureauId: string | null;
};

/** The reminder and overdue jobs of a case's running agency deadlines (also written in bulk by the city generator). */
export function deadlineJobs(c: { id: string; bureauId: string | null }, summary: DeadlineSummary, now: Date): DeadlineJob[] {
  const jobs: DeadlineJob[] = [];
  for (const d of summary.deadlines) {
    if (d.holder !== 'agency' || d.state !== 'running') continue;
    const payload = { caseId: c.id, kind: d.kind, dueDate: d.dueDate };
    const remindAt = shanghaiInstant(addDays(d.dueDate, -REMINDER_DAYS_BEFORE));
    // The dedupe key carries the due date: a moved deadline is scheduled anew, a stale job finds nothing to do.
    jobs.push({
      kind: JOB_DEADLINE_REMINDER,
      runAt: remindAt < now ? now : remindAt,
      payload,
      dedupeKey: `${JOB_DEADLINE_REMINDER}:${c.id}:${d.kind}:${d.dueDate}`,
      bureauId: c.bureauId,
    });
    jobs.push({
      kind: JOB_DEADLINE_OVERDUE,
      runAt: shanghaiInstant(addDays(d.dueDate, 1)),
      payload,
      dedupeKey: `${JOB_DEADLINE_OVERDUE}:${c.id}:${d.kind}:${d.dueDate}`,
      bureauId: c.bureauId,
    });
  }
  return jobs;
}
