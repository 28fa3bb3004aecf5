// The case state machines as data: one row per action — where it may start, where it leads, the guards that
// must pass, who may take it, the records it writes and the deadlines it starts (ARCHITECTURE.md "Workflows").
// Rows up to the decision are in case.machine.ordinary.ts; this file holds service, payment, enforcement,
// closing, the side steps (suspend, resume, extend, transfer) and the summary procedure.
import {
  ACTIVE_CASE_STATES,
  CASE_ACTIONS,
  DECISION_PENDING_STATES,
  SUSPENDABLE_CASE_STATES,
  type CaseAction,
  type CaseState,
} from './case-states.ts';
import { openSuspension } from './case-snapshot.ts';
import * as basis from './case.guards.basis.ts';
import * as closing from './case.guards.closing.ts';
import * as service from './case.guards.service.ts';
import * as steps from './case.guards.steps.ts';
import * as summary from './case.guards.summary.ts';
import { noRecusedOfficer, notBeforeDiscovery, notInFuture, penaltyGuards, requireText, twoCredentialedOfficers } from './case.guards.ts';
import { PRE_DECISION_TRANSITIONS } from './case.machine.ordinary.ts';
import {
  AGENCY_HEAD,
  BOTH,
  LEADERS,
  OFFICERS,
  ORDINARY,
  STEP,
  SUMMARY,
  type CaseMachine,
  type CaseTransition,
} from './case.machine.shared.ts';

export type { CaseMachine, CaseTarget, CaseTransition } from './case.machine.shared.ts';

const PRE_DECISION_TRANSFER: readonly CaseState[] = [
  'registered',
  'filing_pending',
  'investigating',
  'investigation_concluded',
  'case_reviewed',
  'legal_review',
  'deliberation',
  'decided',
  'summary_draft',
];

/** After the decision reached the party: the states in which a 复议 / 诉讼 can be pending (处罚法 Art. 73). */
const POST_SERVICE_STATES: readonly CaseState[] = ['decision_served', 'enforcing', 'summary_decided', 'summary_paid', 'summary_collected'];

/** Records-only steps of the service and enforcement stream (F2 consent, Art. 73 review / litigation). */
const SERVICE_TRANSITIONS: Pick<CaseMachine, 'recordServiceConsent' | 'recordReviewOrLitigation'> = {
  recordServiceConsent: {
    action: 'recordServiceConsent',
    labelZh: '登记电子送达地址确认书',
    procedures: BOTH,
    // Signed whenever the party meets the bureau (at the 笔录, on the portal …), until the case is closed.
    from: ACTIVE_CASE_STATES,
    to: null,
    // The confirmation may predate the current step (signed at the inspection), not the discovery of the act.
    guards: [notInFuture, notBeforeDiscovery, service.consentAddressValid],
    roles: OFFICERS,
    records: ['e_service_consent'],
    startsDeadlines: [],
    onEvent: true,
  },
  recordReviewOrLitigation: {
    action: 'recordReviewOrLitigation',
    labelZh: '登记行政复议 / 行政诉讼',
    procedures: BOTH,
    from: POST_SERVICE_STATES,
    to: null,
    // The bureau often learns of a review after the fact: not in the future, otherwise dated as it happened.
    guards: [notInFuture, service.reviewOrLitigationValid],
    roles: [...OFFICERS, 'bureau_leader', 'legal_reviewer'],
    records: ['review_litigation_record'],
    startsDeadlines: ['payment'],
    onEvent: true,
  },
};

export const CASE_MACHINE: CaseMachine = {
  ...PRE_DECISION_TRANSITIONS,
  ...SERVICE_TRANSITIONS,
  serveDecision: {
    action: 'serveDecision',
    labelZh: '送达决定书',
    procedures: ORDINARY,
    from: ['decided'],
    to: 'decision_served',
    guards: [...STEP, closing.notATransferOutcome, closing.serviceMethodValid],
    roles: OFFICERS,
    records: ['decision_service'],
    startsDeadlines: ['payment'],
  },
  recordPayment: {
    action: 'recordPayment',
    labelZh: '登记缴款',
    procedures: BOTH,
    from: ['decision_served', 'enforcing'],
    to: 'enforcing',
    guards: [...STEP, summary.paysTheFine],
    roles: OFFICERS,
    records: ['payment_receipt'],
    startsDeadlines: [],
  },
  startEnforcement: {
    action: 'startEnforcement',
    labelZh: '催告 / 强制执行',
    procedures: BOTH,
    from: ['decision_served', 'enforcing', 'summary_decided'],
    to: 'enforcing',
    guards: [
      ...STEP,
      closing.enforcementAllowed,
      // A1 — 行政强制法 Art. 18(2): 「由两名以上行政执法人员实施」.
      (s, input, ctx) => (input?.kind === 'on_site' ? twoCredentialedOfficers(s, input, ctx) : null),
    ],
    roles: LEADERS,
    records: ['enforcement_record'],
    startsDeadlines: ['court_enforcement'],
  },
  approveDeferral: {
    action: 'approveDeferral',
    labelZh: '批准暂缓或分期缴纳',
    procedures: BOTH,
    from: ['decision_served', 'enforcing', 'summary_decided'],
    to: null,
    guards: [...STEP, closing.deferralValid],
    roles: LEADERS,
    records: ['deferral_approval'],
    startsDeadlines: ['payment'],
  },
  concludeEnforcement: {
    action: 'concludeEnforcement',
    labelZh: '执行完毕 / 终结执行',
    procedures: BOTH,
    from: ['enforcing'],
    to: null,
    guards: [
      ...STEP,
      requireText('G3', '行政强制法 Art. 40', 'reason', (i) => i.reason, '执行完毕或终结执行须载明情况', 'State how enforcement ended'),
    ],
    roles: LEADERS,
    records: ['enforcement_record'],
    startsDeadlines: [],
  },
  close: {
    action: 'close',
    labelZh: '结案',
    procedures: BOTH,
    from: ['decision_served', 'enforcing', 'summary_decided', 'summary_paid', 'summary_collected'],
    to: 'closed',
    guards: [...STEP, closing.performanceComplete],
    roles: LEADERS,
    records: ['closing_report'],
    startsDeadlines: [],
  },
  archive: {
    action: 'archive',
    labelZh: '归档',
    procedures: BOTH,
    from: ['closed'],
    to: 'archived',
    guards: [...STEP, closing.stagesRecorded],
    roles: LEADERS,
    records: ['archive_record'],
    startsDeadlines: [],
  },
  suspend: {
    action: 'suspend',
    labelZh: '中止',
    procedures: BOTH,
    from: SUSPENDABLE_CASE_STATES,
    to: 'suspended',
    guards: [
      ...STEP,
      requireText(
        'E4',
        '行政处罚法 Art. 60; 行政强制法 Art. 39',
        'legalBasis',
        (i) => (i.reason.trim() ? i.legalBasis : ''),
        '中止须载明理由和依据',
        'A suspension needs a reason and a legal basis',
      ),
    ],
    roles: LEADERS,
    records: ['suspension_approval'],
    startsDeadlines: [],
  },
  resume: {
    action: 'resume',
    labelZh: '恢复',
    procedures: BOTH,
    from: ['suspended'],
    to: (s) => openSuspension(s)?.resumeTo ?? 'investigating',
    guards: [...STEP],
    roles: LEADERS,
    records: ['resumption_approval'],
    startsDeadlines: [],
  },
  extendDeadline: {
    action: 'extendDeadline',
    labelZh: '延长办案期限',
    procedures: ORDINARY,
    from: [...DECISION_PENDING_STATES, 'suspended'],
    to: null,
    guards: [...STEP, steps.extensionValid],
    roles: AGENCY_HEAD,
    records: ['extension_approval'],
    startsDeadlines: [],
  },
  transfer: {
    action: 'transfer',
    labelZh: '移送',
    procedures: BOTH,
    from: PRE_DECISION_TRANSFER,
    to: 'transferred',
    guards: [...STEP, steps.transferAllowed],
    roles: LEADERS,
    records: ['transfer_letter'],
    startsDeadlines: [],
  },
  issueSummaryDecision: {
    action: 'issueSummaryDecision',
    labelZh: '当场作出处罚决定',
    procedures: SUMMARY,
    from: ['summary_draft'],
    to: 'summary_decided',
    guards: [
      ...STEP,
      twoCredentialedOfficers,
      noRecusedOfficer,
      summary.summaryAllowed,
      summary.summaryFormComplete,
      summary.summaryRemedyReviewFirst,
      basis.summaryBasisVerified,
      ...penaltyGuards<'issueSummaryDecision'>((s, i) => i?.penalty ?? s.proposal?.penalty ?? null),
    ],
    roles: OFFICERS,
    records: ['summary_decision_form'],
    startsDeadlines: ['payment'],
  },
  collectOnSpot: {
    action: 'collectOnSpot',
    labelZh: '当场收缴罚款',
    procedures: SUMMARY,
    from: ['summary_decided'],
    to: 'summary_collected',
    guards: [...STEP, twoCredentialedOfficers, summary.onTheSpotCollection],
    roles: OFFICERS,
    records: ['on_spot_receipt'],
    startsDeadlines: ['cash_hand_in'],
  },
  recordSummaryPayment: {
    action: 'recordSummaryPayment',
    labelZh: '登记缴款（当场处罚）',
    procedures: SUMMARY,
    from: ['summary_decided'],
    to: 'summary_paid',
    guards: [...STEP, summary.paysTheFine, summary.summaryPaidInFull],
    roles: OFFICERS,
    records: ['payment_receipt'],
    startsDeadlines: [],
  },
};

/** The rows of the machine, in CASE_ACTIONS order. */
export function caseTransitions(): CaseTransition<CaseAction>[] {
  return CASE_ACTIONS.map((a) => CASE_MACHINE[a] as CaseTransition<CaseAction>);
}

export function caseTransition<A extends CaseAction>(action: A): CaseTransition<A> {
  return CASE_MACHINE[action];
}
