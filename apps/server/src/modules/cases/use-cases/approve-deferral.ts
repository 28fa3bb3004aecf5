import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ApproveDeferralOptions = { caseId: string; body: CaseActionBody<'approveDeferral'> };

/** 暂缓或分期缴纳 (处罚法 Art. 66). */
export async function approveDeferral(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ApproveDeferralOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'approveDeferral',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
