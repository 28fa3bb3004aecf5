import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ConcludeEnforcementOptions = { caseId: string; body: CaseActionBody<'concludeEnforcement'> };

/** 执行完毕或终结执行 (行政强制法 Art. 40). */
export async function concludeEnforcement(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ConcludeEnforcementOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'concludeEnforcement',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
