import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { teamOfficersOrFail } from '../case-loader.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type CollectOnSpotOptions = { caseId: string; body: CaseActionBody<'collectOnSpot'> };

/** 当场收缴 (B4, 处罚法 Arts. 68–70) with the 专用票据 number, by two credentialed officers. */
export async function collectOnSpot(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: CollectOnSpotOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, officerIds, ...rest } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'collectOnSpot',
    body,
    input: async (_l, trx) => ({ ...rest, officers: await teamOfficersOrFail(trx, actor, officerIds, 'officerIds') }),
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
