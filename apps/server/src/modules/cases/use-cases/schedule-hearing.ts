import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ScheduleHearingOptions = { caseId: string; body: CaseActionBody<'scheduleHearing'> };

/** 听证通知 served at least 7 days before the hearing (D6, 处罚法 Art. 64(2)); numbered. */
export async function scheduleHearing(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ScheduleHearingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'scheduleHearing',
    body,
    input: () => input,
    document: () => 'hearing_notice',
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
