import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ExtendDeadlineOptions = { caseId: string; body: CaseActionBody<'extendDeadline'> };

/** 延长办案期限 with its legal basis (E4, 处罚法 Art. 60). */
export async function extendDeadline(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ExtendDeadlineOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'extendDeadline',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
