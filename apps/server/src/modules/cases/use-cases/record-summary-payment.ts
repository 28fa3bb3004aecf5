import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RecordSummaryPaymentOptions = { caseId: string; body: CaseActionBody<'recordSummaryPayment'> };

/** 缴款 of an on-the-spot fine at the bank or online (处罚法 Art. 67). */
export async function recordSummaryPayment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordSummaryPaymentOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordSummaryPayment',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
