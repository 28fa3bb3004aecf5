import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type TerminateHearingOptions = { caseId: string; body: CaseActionBody<'terminateHearing'> };

/** 听证终止: no-show, walk-out or withdrawal (处罚法 Art. 64(7)). */
export async function terminateHearing(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: TerminateHearingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'terminateHearing',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
