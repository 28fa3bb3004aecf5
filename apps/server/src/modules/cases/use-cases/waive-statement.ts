import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type WaiveStatementOptions = { caseId: string; body: CaseActionBody<'waiveStatement'> };

/** The party waives the statement (and possibly the hearing) in writing. */
export async function waiveStatement(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: WaiveStatementOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'waiveStatement',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
