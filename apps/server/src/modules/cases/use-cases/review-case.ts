import type { CaseActionBody, CaseDetail, DiscretionBody } from '@chengguan/contracts';
import type { CaseSnapshot, FenRange } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { calculateDiscretionFor } from '../../law/index.ts';
import { assertActionPermission } from '../case-access.ts';
import { loadCaseOrFail } from '../case-loader.ts';
import { mergeFlags } from '../case-offence.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ReviewCaseOptions = { caseId: string; body: CaseActionBody<'reviewCase'> };

/** The circumstances of the case as the law module's discretion calculator reads them. */
export function discretionBodyOf(s: CaseSnapshot, decisionDate: string, proposedFineFen?: number): DiscretionBody {
  const f = s.flags;
  return {
    offenceCode: s.offence.code,
    party: { type: s.party.type, ...(s.party.birthDate ? { birthDate: s.party.birthDate } : {}) },
    circumstances: {
      actDate: s.act.actDate,
      decisionDate,
      ...(s.dates.discoveredOn ? { discoveredOn: s.dates.discoveredOn } : {}),
      ...(s.act.continuingUntil ? { continuingUntil: s.act.continuingUntil } : {}),
      involvesLifeHealthOrFinancialSafety: f.involvesLifeHealthOrFinancialSafety,
      firstViolation: f.firstViolation,
      correctedPromptly: f.correctedPromptly,
      minorViolation: f.minorViolation,
      harm: f.harm,
      mentalIncapacityAtAct: f.mentalIncapacityAtAct,
      provenNoFault: f.provenNoFault,
      majorPublicInterest: f.majorPublicInterest,
      complexMultipleLegalRelationships: f.complexMultipleLegalRelationships,
      complex: f.complex,
      ...(proposedFineFen !== undefined ? { proposedFineFen } : {}),
    },
  };
}

/**
 * 案件审核 (处罚法 Art. 57): the leader's proposal. A proposed fine must lie in the 裁量基准 tier that the law
 * module's calculator finds for the facts (处罚法 Art. 34) — the domain guard compares it.
 */
export async function reviewCase(deps: Deps, actor: Actor, meta: RequestMeta, { caseId, body }: ReviewCaseOptions): Promise<CaseDetail> {
  assertActionPermission(actor, 'reviewCase');
  const withFlags = (s: CaseSnapshot): CaseSnapshot => ({ ...s, flags: mergeFlags(s.flags, body.flags) });
  let tierRange: FenRange | undefined;
  const fine = body.proposedPenalty?.penalties.includes('fine') ? body.proposedPenalty.fineFen : undefined;
  if (body.proposedOutcome === 'penalty' && fine !== undefined) {
    // Reference data read before the step's transaction (the embedded database has one connection).
    const current = withFlags((await loadCaseOrFail(deps, deps.db, actor, caseId)).snapshot);
    // The range only: the domain guard judges the proposed fine against it (DISCRETION, Art. 34).
    tierRange = (await calculateDiscretionFor(deps, actor, discretionBodyOf(current, body.date))).range;
  }
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'reviewCase',
    body: { ...body, ...(tierRange ? { tierRange } : {}) },
    // The domain's tier guard reads the tier from the case (s.proposal.tierRange), not from the input: the tier
    // found now is put on the case before the guards run (the reducer then stores the whole proposal).
    before: (s) => ({ ...withFlags(s), ...(tierRange ? { proposal: { outcome: body.proposedOutcome, tierRange } } : {}) }),
    input: () => ({
      date: body.date,
      proposedOutcome: body.proposedOutcome,
      ...(body.proposedPenalty ? { proposedPenalty: body.proposedPenalty } : {}),
      ...(tierRange ? { tierRange } : {}),
    }),
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
