import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ConcludeInvestigationOptions = { caseId: string; body: CaseActionBody<'concludeInvestigation'> };

/** 调查终结: refused while no evidence or 笔录 exists (A6). */
export async function concludeInvestigation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ConcludeInvestigationOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'concludeInvestigation',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
