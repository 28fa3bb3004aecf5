import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type CompleteLegalReviewOptions = { caseId: string; body: CaseActionBody<'completeLegalReview'> };

/** 法制审核 (E1, 处罚法 Art. 58): a failed review sends the case back to the investigation. */
export async function completeLegalReview(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: CompleteLegalReviewOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'completeLegalReview',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
