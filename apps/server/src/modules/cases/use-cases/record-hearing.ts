import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RecordHearingOptions = { caseId: string; body: CaseActionBody<'recordHearing'> };

/** 听证笔录 signed by the party or with the chair's note of a refusal (D7, 处罚法 Art. 64(8)). */
export async function recordHearing(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordHearingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordHearing',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
