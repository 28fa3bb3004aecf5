import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type SubmitFilingOptions = { caseId: string; body: CaseActionBody<'submitFiling'> };

/** 提请立案: the handling officer asks the squad leader to file the case. */
export async function submitFiling(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: SubmitFilingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'submitFiling',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
