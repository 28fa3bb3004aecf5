import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ConfirmLegalBasisOptions = { caseId: string; body: CaseActionBody<'confirmLegalBasis'> };

/**
 * E12 (处罚法 Arts. 38, 58, 59): the legal reviewer confirms, for this case, the article texts a decision prints where
 * the law library marks the offence or its provision 未核实. Who (the actor), when (the step's date and the event's
 * instant) and which texts are in the case event and its audit row; the decision and its documents print these texts.
 */
export async function confirmLegalBasis(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: ConfirmLegalBasisOptions,
): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'confirmLegalBasis',
    body,
    input: () => ({ ...input, reviewerId: actor.id }),
    auditData: (i) => ({ reviewerId: i.reviewerId, violatedProvision: i.violatedProvision, penaltyProvision: i.penaltyProvision }),
  });
  return getCase(deps, actor, caseId);
}
