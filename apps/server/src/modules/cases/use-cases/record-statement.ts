import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type RecordStatementOptions = { caseId: string; body: CaseActionBody<'recordStatement'> };

/** 陈述申辩 of the party (处罚法 Art. 45). */
export async function recordStatement(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordStatementOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'recordStatement',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
