import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type SuspendCaseOptions = { caseId: string; body: CaseActionBody<'suspend'> };

/** 中止 with reason and legal basis: the E4 clock pauses. */
export async function suspendCase(deps: Deps, actor: Actor, meta: RequestMeta, { caseId, body }: SuspendCaseOptions): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'suspend',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
