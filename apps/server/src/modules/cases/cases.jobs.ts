// Worker jobs of the cases module: a reminder before an agency deadline is due and an overdue alert after it.
// Both re-read the case and recompute its deadlines with today's calendar, so a stale job (the deadline was met
// or moved) does nothing; the stamps on the deadline row make a retried job harmless (idempotent).
import type { Deps } from '../../context.ts';
import type { ClaimedJob, JobHandlers } from '../scheduler/index.ts';
import { recordAudit } from '../audit/index.ts';
import { JOB_DEADLINE_OVERDUE, JOB_DEADLINE_REMINDER, refreshCaseDeadlines, summarizeDeadlines } from './case-deadlines.ts';
import { caseContext, hydrateSnapshot } from './case-loader.ts';
import { findCase, findCaseDeadline, insertCaseEvent, setCaseOverdue, stampDeadline } from './cases.repository.ts';

type DeadlineJob = { caseId: string; kind: string; dueDate: string };

async function alert(deps: Deps, job: ClaimedJob, kind: 'reminder' | 'overdue'): Promise<void> {
  const p = job.payload as DeadlineJob;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findCase(trx, p.caseId);
    if (!row) return;
    const now = deps.clock.now();
    const ctx = await caseContext(trx, now);
    const summary = summarizeDeadlines(await hydrateSnapshot(trx, row), ctx);
    await refreshCaseDeadlines(trx, deps, { id: row.id, bureauId: row.bureau_id, orgId: row.org_id }, summary);
    await setCaseOverdue(trx, row.id, summary.hasOverdue, summary.nextDueDate);
    const d = summary.deadlines.find((x) => x.kind === p.kind && x.dueDate === p.dueDate && x.holder === 'agency');
    const stored = await findCaseDeadline(trx, row.id, p.kind);
    if (!d || !stored) return;
    if (kind === 'reminder' && (d.state !== 'running' || stored.reminded_at)) return;
    if (kind === 'overdue' && (d.state !== 'overdue' || d.doneOn !== undefined || stored.overdue_alerted_at)) return;
    await stampDeadline(trx, row.id, p.kind, kind === 'reminder' ? { reminded_at: now } : { overdue_alerted_at: now });
    const action = kind === 'reminder' ? 'deadlineReminder' : 'deadlineOverdue';
    const data = { kind: d.kind, dueDate: d.dueDate, basis: d.basis };
    await insertCaseEvent(trx, {
      id: deps.newId(),
      case_id: row.id,
      bureau_id: row.bureau_id,
      action,
      from_state: row.state,
      to_state: row.state,
      legal_date: ctx.today,
      at: now,
      actor_id: null,
      version: null,
      data: JSON.stringify(data),
    });
    await recordAudit(
      trx,
      deps,
      null,
      { ip: null, correlationId: `job:${job.id}` },
      {
        action: `case.${action}`,
        entityType: 'case',
        entityId: row.id,
        bureauId: row.bureau_id,
        data,
      },
    );
  });
}

export const CASE_JOB_HANDLERS: JobHandlers = {
  [JOB_DEADLINE_REMINDER]: (deps, job) => alert(deps, job, 'reminder'),
  [JOB_DEADLINE_OVERDUE]: (deps, job) => alert(deps, job, 'overdue'),
};
