import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RecordDeliberationOptions = { caseId: string; body: CaseActionBody<'recordDeliberation'> };

/** 集体讨论 of the agency heads (E2, 处罚法 Art. 57 para. 2). */
export async function recordDeliberation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordDeliberationOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordDeliberation',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
