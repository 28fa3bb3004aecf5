import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RejectFilingOptions = { caseId: string; body: CaseActionBody<'rejectFiling'> };

/** 不予立案 with its reason (处罚法 Art. 54). */
export async function rejectFiling(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RejectFilingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'rejectFiling',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
