import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RequestHearingOptions = { caseId: string; body: CaseActionBody<'requestHearing'> };

/** 听证申请 within 5 days of the notice (D5, 处罚法 Art. 64(1)). */
export async function requestHearing(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RequestHearingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'requestHearing',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
