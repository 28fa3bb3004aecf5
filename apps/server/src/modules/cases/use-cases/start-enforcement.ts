import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { teamOfficersOrFail } from '../case-loader.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type StartEnforcementOptions = { caseId: string; body: CaseActionBody<'startEnforcement'> };

/** 催告 / 申请法院强制执行 / 当场强制 (G3; 行政强制法 Arts. 35, 53). */
export async function startEnforcement(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: StartEnforcementOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, officerIds, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'startEnforcement',
    body,
    // 行政强制法 Art. 18(2): on-site enforcement by two credentialed officers, judged on their live credentials.
    input: async (_l, trx) => ({
      ...input,
      ...(officerIds?.length ? { officers: await teamOfficersOrFail(trx, actor, officerIds, 'officerIds') } : {}),
    }),
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
