import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ApproveFilingOptions = { caseId: string; body: CaseActionBody<'approveFiling'> };

/** 批准立案: the leader files the case (C4 limitation and E6 one fine per act checked here); the 立案号 is allocated. */
export async function approveFiling(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ApproveFilingOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'approveFiling',
    body,
    input: () => input,
    document: () => 'filing',
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
