import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type IssuePriorNoticeOptions = { caseId: string; body: CaseActionBody<'issuePriorNotice'> };

/** 送达事先告知书 (D1, D4; 处罚法 Arts. 44, 63): the proposed penalty, the statement and hearing rights; numbered. */
export async function issuePriorNotice(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: IssuePriorNoticeOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'issuePriorNotice',
    body,
    input: () => input,
    document: () => 'prior_notice',
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
