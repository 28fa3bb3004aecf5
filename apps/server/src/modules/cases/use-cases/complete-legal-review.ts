import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { officerLegalQualification } from '../cases.repository.ts';
import { getCase } from './get-case.ts';

export type CompleteLegalReviewOptions = { caseId: string; body: CaseActionBody<'completeLegalReview'> };

/**
 * 法制审核 (E1, 处罚法 Art. 58): a failed review sends the case back to the investigation. Whether the reviewer
 * holds the 法律职业资格 is read from his staff record (set by the administrator), not from the request: the body's
 * `reviewerHasLegalQualification` is still accepted for older clients but the record wins, and the event records
 * the value judged.
 */
export async function completeLegalReview(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: CompleteLegalReviewOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...given } = body;
  const qualified = await officerLegalQualification(deps.db, actor.id);
  const input = { ...given, reviewerHasLegalQualification: qualified };
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'completeLegalReview',
    body: { ...body, reviewerHasLegalQualification: qualified },
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
