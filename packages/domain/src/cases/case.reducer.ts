// A reference reducer: what each action writes into the snapshot. The server persists the same facts in its
// tables; tests drive whole cases through it. Always guarded: applyCaseAction calls assertCanTransition first.
import type { Role } from '@chengguan/contracts';
import type { CaseActionInput, CaseActionInputs } from './case-inputs.ts';
import { UNREGISTERED, type CaseAction, type CaseState, type Procedure } from './case-states.ts';
import { decisionFineFen, type CaseContext, type CaseSnapshot } from './case-snapshot.ts';
import { assertCanTransition } from './case.evaluate.ts';
import { actVersion } from './case.guards.basis.ts';
import { CASE_MACHINE } from './case.machine.ts';

export type NewCaseFacts = Pick<CaseSnapshot, 'party' | 'offence' | 'act' | 'flags' | 'officers'> & {
  procedure: Procedure;
  recusals?: CaseSnapshot['recusals'];
};

/** A case before `register`: its facts, nothing done yet. */
export function newCaseSnapshot(facts: NewCaseFacts): CaseSnapshot {
  return {
    ...facts,
    state: UNREGISTERED,
    recusals: facts.recusals ?? [],
    dates: {},
    statementsOn: [],
    statementReviewsOn: [],
    legalReviews: [],
    deliberationsOn: [],
    payments: [],
    enforcement: { reviewOrLitigationFiled: false, reviewOrLitigationIntervals: [], surchargeReducedFen: 0 },
    extensions: [],
    suspensions: [],
    preservations: [],
    records: [],
  };
}

type Patch<A extends CaseAction> = (s: CaseSnapshot, input: CaseActionInputs[A]) => Partial<CaseSnapshot>;

const NOTHING = (): Partial<CaseSnapshot> => ({});

const PATCHES: { [A in CaseAction]: Patch<A> } = {
  register: (s, i) => ({ procedure: i.procedure, dates: { ...s.dates, discoveredOn: i.discoveredOn, registeredOn: i.date } }),
  convertToOrdinary: () => ({ procedure: 'ordinary' }),
  submitFiling: (s, i) => ({ dates: { ...s.dates, filingSubmittedOn: i.date } }),
  approveFiling: (s, i) => ({ dates: { ...s.dates, filedOn: i.date } }),
  rejectFiling: NOTHING,
  addEvidence: NOTHING,
  recordInspection: NOTHING,
  recordQuestioning: NOTHING,
  concludeInvestigation: (s, i) => ({ dates: { ...s.dates, investigationConcludedOn: i.date } }),
  reviewCase: (s, i) => ({
    dates: { ...s.dates, caseReviewedOn: i.date },
    proposal: {
      outcome: i.proposedOutcome,
      ...(i.proposedPenalty ? { penalty: i.proposedPenalty } : {}),
      ...(i.tierRange ? { tierRange: i.tierRange } : {}),
    },
  }),
  completeLegalReview: (s, i) => ({ legalReviews: [...s.legalReviews, { reviewedOn: i.date, result: i.result }] }),
  recordDeliberation: (s, i) => ({ deliberationsOn: [...s.deliberationsOn, i.date] }),
  confirmLegalBasis: (s, i) => ({
    lawBasisConfirmation: {
      confirmedOn: i.date,
      reviewerId: i.reviewerId,
      offenceVersionId: actVersion(s)?.versionId ?? '',
      violatedProvision: i.violatedProvision.trim(),
      penaltyProvision: i.penaltyProvision.trim(),
    },
  }),
  issuePriorNotice: (_s, i) => ({ priorNotice: { servedOn: i.date, proposed: i.proposed, contents: i.contents } }),
  recordStatement: (s, i) => ({ statementsOn: [...s.statementsOn, i.date] }),
  reviewStatement: (s, i) => ({ statementReviewsOn: [...s.statementReviewsOn, i.date] }),
  waiveStatement: (_s, i) => ({ statementWaivedOn: i.date, ...(i.waivesHearing ? { hearingWaivedOn: i.date } : {}) }),
  requestHearing: (_s, i) => ({ hearing: { requestedOn: i.date } }),
  scheduleHearing: (s, i) => ({
    hearing: {
      requestedOn: s.hearing?.requestedOn ?? i.date,
      noticeServedOn: i.date,
      hearingOn: i.hearingOn,
      chairOfficerId: i.chairOfficerId,
    },
  }),
  recordHearing: (s, i) => (s.hearing ? { hearing: { ...s.hearing, heldOn: i.date } } : {}),
  terminateHearing: (s, i) => (s.hearing ? { hearing: { ...s.hearing, terminatedOn: i.date } } : {}),
  decide: (_s, i) => ({
    decision: {
      decidedOn: i.date,
      outcome: i.outcome,
      ...(i.outcome === 'penalty' && i.penalty ? { penalty: i.penalty } : {}),
      citesHearingRecord: i.citesHearingRecord,
    },
  }),
  serveDecision: (_s, i) => ({ service: { servedOn: i.date, method: i.method } }),
  recordPayment: (s, i) => ({ payments: [...s.payments, { paidOn: i.date, amountFen: i.amountFen }] }),
  approveDeferral: (s, i) => {
    // A new approval replaces the plan: a plain deferral has no instalments.
    const { instalments: _previous, ...enforcement } = s.enforcement;
    return { enforcement: { ...enforcement, deferredUntil: i.until, ...(i.instalments ? { instalments: i.instalments } : {}) } };
  },
  startEnforcement: (s, i) => ({
    enforcement: {
      ...s.enforcement,
      ...(i.kind === 'reminder' ? { reminderServedOn: i.date } : {}),
      ...(i.kind === 'court_application' ? { courtAppliedOn: i.date } : {}),
    },
  }),
  concludeEnforcement: (s, i) => ({
    enforcement: { ...s.enforcement, ...(i.result === 'completed' ? { completedOn: i.date } : { terminatedOn: i.date }) },
  }),
  close: (s, i) => ({
    dates: { ...s.dates, closedOn: i.date },
    ...(s.summary
      ? {
          summary: {
            ...s.summary,
            ...(i.filedWithAgencyOn ? { filedWithAgencyOn: i.filedWithAgencyOn } : {}),
            ...(i.cashHandedInOn ? { cashHandedInOn: i.cashHandedInOn } : {}),
            ...(i.bankDepositedOn ? { bankDepositedOn: i.bankDepositedOn } : {}),
          },
        }
      : {}),
  }),
  archive: (s, i) => ({ dates: { ...s.dates, archivedOn: i.date } }),
  suspend: (s, i) => ({
    suspensions: [...s.suspensions, { from: i.date, resumeTo: s.state as CaseState, reason: i.reason, legalBasis: i.legalBasis }],
  }),
  resume: (s, i) => ({ suspensions: s.suspensions.map((x) => (x.to === undefined ? { ...x, to: i.date } : x)) }),
  extendDeadline: (s, i) => ({
    extensions: [
      ...s.extensions,
      { approvedOn: i.date, period: i.period, legalBasis: i.legalBasis, ...(i.lateReason ? { lateReason: i.lateReason } : {}) },
    ],
  }),
  transfer: (_s, i) => ({
    transfer: { transferredOn: i.date, kind: i.kind, receivingBody: i.receivingBody, legalBasis: i.legalBasis, reason: i.reason },
  }),
  issueSummaryDecision: (_s, i) => ({
    decision: { decidedOn: i.date, outcome: 'penalty', penalty: i.penalty, citesHearingRecord: false },
    summary: { serialNumber: i.form.serialNumber },
  }),
  collectOnSpot: (s, i) => ({
    summary: { serialNumber: s.summary?.serialNumber ?? '', collectedOn: i.date, receiptNumber: i.receiptNumber },
    payments: [...s.payments, { paidOn: i.date, amountFen: decisionFineFen(s) }],
  }),
  recordSummaryPayment: (s, i) => ({ payments: [...s.payments, { paidOn: i.date, amountFen: i.amountFen }] }),
  recordServiceConsent: (s, i) => ({ party: { ...s.party, electronicServiceConsentOn: i.date } }),
  recordReviewOrLitigation: (s, i) => ({
    enforcement: {
      ...s.enforcement,
      reviewOrLitigationFiled: s.enforcement.reviewOrLitigationFiled || i.stage === 'filed',
      reviewOrLitigationIntervals:
        i.stage === 'filed'
          ? [...s.enforcement.reviewOrLitigationIntervals, { from: i.date }]
          : s.enforcement.reviewOrLitigationIntervals.map((x) => (x.to === undefined ? { ...x, to: i.date } : x)),
    },
  }),
};

/** Check the action, then return the snapshot after it: new state, its facts and the records it writes. */
export function applyCaseAction<A extends CaseAction>(
  s: CaseSnapshot,
  action: A,
  input: CaseActionInput<A>,
  actorRoles: readonly Role[],
  ctx: CaseContext,
): CaseSnapshot {
  const next = assertCanTransition(s, action, input, actorRoles, ctx);
  const patch: Patch<A> = PATCHES[action];
  const t = CASE_MACHINE[action];
  const extra = action === 'decide' && (input as CaseActionInputs['decide']).educationRecorded ? (['education_record'] as const) : [];
  return {
    ...s,
    ...patch(s, input),
    state: next,
    ...(t.to !== null ? { lastTransitionOn: input.date } : {}),
    records: [...s.records, ...[...t.records, ...extra].map((kind) => ({ kind, date: input.date }))],
  };
}
