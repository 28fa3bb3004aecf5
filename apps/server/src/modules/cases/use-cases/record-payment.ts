import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RecordPaymentOptions = { caseId: string; body: CaseActionBody<'recordPayment'> };

/** 缴款 (G1, 处罚法 Art. 67). */
export async function recordPayment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordPaymentOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordPayment',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
