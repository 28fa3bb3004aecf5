import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ServeDecisionOptions = { caseId: string; body: CaseActionBody<'serveDecision'> };

/** 送达决定书 within 7 days (F1, 处罚法 Art. 61). */
export async function serveDecision(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ServeDecisionOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'serveDecision',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
