import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ReviewStatementOptions = { caseId: string; body: CaseActionBody<'reviewStatement'> };

/** 复核 of what the party said (D3: 「应当进行复核」, no heavier penalty). */
export async function reviewStatement(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ReviewStatementOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'reviewStatement',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
