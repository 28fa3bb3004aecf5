// 行政复议 / 行政诉讼 filed by the party, and its end: a records-only case step (recordReviewOrLitigation) that keeps
// snapshot.enforcement.reviewOrLitigationIntervals, so the G2 surcharge stops in between (处罚法 Art. 73), plus the row.
import type { EndReviewLitigationBody, EnforcementOverview, ReviewLitigationBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { getCaseRowOrFail, runCaseStep } from '../../cases/index.ts';
import { endReviewLitigation, findReviewLitigation, insertReviewLitigation } from '../../service/index.ts';
import { getEnforcement } from './get-enforcement.ts';

export async function recordReviewLitigation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  body: ReviewLitigationBody,
): Promise<EnforcementOverview> {
  const id = deps.newId();
  const input = { date: body.filedOn, kind: body.kind, stage: 'filed' as const, body: body.body };
  await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordReviewOrLitigation',
    body: { ...input, reviewLitigationId: id, ...(body.caseNumber ? { caseNumber: body.caseNumber } : {}) },
    input: () => input,
    write: async (w) =>
      insertReviewLitigation(w.trx, {
        id,
        case_id: w.loaded.row.id,
        bureau_id: w.loaded.row.bureau_id,
        kind: body.kind,
        filed_on: body.filedOn,
        body: body.body.trim(),
        case_number: body.caseNumber?.trim() || null,
        filed_event_id: w.eventId,
        created_by: actor.id,
        created_at: deps.clock.now(),
        updated_at: deps.clock.now(),
      }),
  });
  return getEnforcement(deps, actor, caseId);
}

export async function endReviewOrLitigation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  reviewId: string,
  body: EndReviewLitigationBody,
): Promise<EnforcementOverview> {
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const found = await findReviewLitigation(deps.db, row.id, reviewId);
  if (!found) throw new AppError('NOT_FOUND');
  const input = { date: body.endedOn, kind: found.kind, stage: 'ended' as const, result: body.result };
  await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordReviewOrLitigation',
    body: { ...input, reviewLitigationId: reviewId },
    input: () => input,
    write: async (w) => {
      if (
        !(await endReviewLitigation(w.trx, reviewId, {
          ended_on: body.endedOn,
          result: body.result.trim(),
          ended_event_id: w.eventId,
          updated_at: deps.clock.now(),
        }))
      ) {
        throw new AppError('STATE_CONFLICT', { message: '该复议或诉讼已登记结束', messageEn: 'This review or lawsuit has already ended' });
      }
    },
  });
  return getEnforcement(deps, actor, caseId);
}
