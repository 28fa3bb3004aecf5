import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type CloseCaseOptions = { caseId: string; body: CaseActionBody<'close'> };

/** 结案, once the decision is performed (F, G). */
export async function closeCase(deps: Deps, actor: Actor, meta: RequestMeta, { caseId, body }: CloseCaseOptions): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'close',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
