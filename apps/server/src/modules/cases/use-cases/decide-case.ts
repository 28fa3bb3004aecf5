import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type DecideCaseOptions = { caseId: string; body: CaseActionBody<'decide'> };

/**
 * 作出决定 by the agency head, one of the four outcomes of 处罚法 Art. 57 (E3): after the prior notice was served
 * and its periods ran (D1, D2, D5), the statement reviewed (D3), the hearing record cited (D7), the legal review
 * (E1) and deliberation (E2) done, within 90 days (E4). The decision document gets its 文号.
 */
export async function decideCase(deps: Deps, actor: Actor, meta: RequestMeta, { caseId, body }: DecideCaseOptions): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'decide',
    body,
    input: () => input,
    document: (next) =>
      next.decision?.outcome === 'penalty' ? 'decision' : next.decision?.outcome === 'transfer_judicial' ? null : 'no_penalty_decision',
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
