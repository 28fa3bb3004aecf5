import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ConvertToOrdinaryOptions = { caseId: string; body: CaseActionBody<'convertToOrdinary'> };

/** 转为普通程序: a summary draft that turns out not to qualify (B1) continues as an ordinary case. */
export async function convertToOrdinary(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ConvertToOrdinaryOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'convertToOrdinary',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
