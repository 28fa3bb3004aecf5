import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type TransferCaseOptions = { caseId: string; body: CaseActionBody<'transfer'> };

/** 移送 to another agency or to the judicial organs; the transfer letter closes the case. Numbered. */
export async function transferCase(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: TransferCaseOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'transfer',
    body,
    input: () => input,
    document: () => 'transfer_letter',
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
