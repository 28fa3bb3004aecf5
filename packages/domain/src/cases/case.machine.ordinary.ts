// Rows of the ordinary procedure up to the decision: registration, filing, investigation, review, 事先告知,
// 陈述申辩, 听证, 法制审核, 集体讨论 and the decision (处罚法 Arts. 54–65).
import { DECIDABLE_CASE_STATES, POST_NOTICE_STATES, UNREGISTERED, type CaseState } from './case-states.ts';
import type { RecordKind } from './case-snapshot.ts';
import * as basis from './case.guards.basis.ts';
import * as decision from './case.guards.decision.ts';
import * as hearing from './case.guards.hearing.ts';
import * as steps from './case.guards.steps.ts';
import {
  actNotAfterDiscovery,
  credentialsShown,
  discoveredBeforeRegistration,
  monitoringDeviceReviewed,
  noRecusedOfficer,
  notBeforeDiscovery,
  notInFuture,
  penaltyGuards,
  recordSigned,
  requireText,
  statutoryEvidenceType,
  recordTeamOfficers,
} from './case.guards.ts';
import {
  AGENCY_HEAD,
  BOTH,
  FIELD,
  HEARING_STAFF,
  LEADERS,
  LEGAL,
  OFFICERS,
  ORDINARY,
  STEP,
  SUMMARY,
  type CaseTransition,
} from './case.machine.shared.ts';

export type PreDecisionAction =
  | 'register'
  | 'convertToOrdinary'
  | 'submitFiling'
  | 'approveFiling'
  | 'rejectFiling'
  | 'addEvidence'
  | 'recordInspection'
  | 'recordQuestioning'
  | 'concludeInvestigation'
  | 'reviewCase'
  | 'completeLegalReview'
  | 'recordDeliberation'
  | 'confirmLegalBasis'
  | 'issuePriorNotice'
  | 'recordStatement'
  | 'reviewStatement'
  | 'waiveStatement'
  | 'requestHearing'
  | 'scheduleHearing'
  | 'recordHearing'
  | 'terminateHearing'
  | 'decide';

const EARLY_STATES: readonly CaseState[] = ['registered', 'filing_pending', 'investigating'];

const officerRecord = <A extends 'recordInspection' | 'recordQuestioning'>(
  action: A,
  labelZh: string,
  record: RecordKind,
): CaseTransition<A> => ({
  action,
  labelZh,
  procedures: ORDINARY,
  from: EARLY_STATES,
  to: null,
  guards: [...FIELD, recordTeamOfficers, credentialsShown, recordSigned, noRecusedOfficer],
  roles: OFFICERS,
  records: [record],
  startsDeadlines: [],
});

export const PRE_DECISION_TRANSITIONS: { [A in PreDecisionAction]: CaseTransition<A> } = {
  register: {
    action: 'register',
    labelZh: '登记',
    procedures: BOTH,
    from: [UNREGISTERED],
    to: (_s, input) => (input.procedure === 'summary' ? 'summary_draft' : 'registered'),
    guards: [notInFuture, discoveredBeforeRegistration, actNotAfterDiscovery],
    roles: ['field_officer', 'squad_leader', 'commander'],
    records: ['registration'],
    startsDeadlines: ['filing'],
  },
  convertToOrdinary: {
    action: 'convertToOrdinary',
    labelZh: '转为普通程序',
    procedures: SUMMARY,
    from: ['summary_draft'],
    to: 'registered',
    guards: [...STEP, requireText('B1', '行政处罚法 Art. 51', 'reason', (i) => i.reason, '转为普通程序须说明理由', 'A reason is required')],
    roles: OFFICERS,
    records: ['procedure_change'],
    startsDeadlines: ['filing'],
  },
  submitFiling: {
    action: 'submitFiling',
    labelZh: '提请立案',
    procedures: ORDINARY,
    from: ['registered'],
    to: 'filing_pending',
    guards: [...STEP, noRecusedOfficer],
    roles: OFFICERS,
    records: ['filing_request'],
    startsDeadlines: [],
  },
  approveFiling: {
    action: 'approveFiling',
    labelZh: '批准立案',
    procedures: ORDINARY,
    from: ['filing_pending'],
    to: 'investigating',
    guards: [...STEP, steps.fileableAct, noRecusedOfficer],
    roles: LEADERS,
    records: ['filing_approval'],
    startsDeadlines: ['decision'],
  },
  rejectFiling: {
    action: 'rejectFiling',
    labelZh: '不予立案',
    procedures: ORDINARY,
    from: ['filing_pending'],
    to: 'not_filed',
    guards: [...STEP, requireText('C1', '行政处罚法 Art. 54', 'reason', (i) => i.reason, '不予立案须说明理由', 'A reason is required')],
    roles: LEADERS,
    records: ['not_filed_decision'],
    startsDeadlines: [],
  },
  addEvidence: {
    action: 'addEvidence',
    labelZh: '添加证据',
    procedures: BOTH,
    from: [...EARLY_STATES, 'summary_draft'],
    to: null,
    guards: [...FIELD, statutoryEvidenceType, monitoringDeviceReviewed, noRecusedOfficer],
    roles: OFFICERS,
    records: ['evidence'],
    startsDeadlines: [],
  },
  recordInspection: officerRecord('recordInspection', '制作检查（勘验）笔录', 'inspection_record'),
  recordQuestioning: officerRecord('recordQuestioning', '制作询问笔录', 'questioning_record'),
  concludeInvestigation: {
    action: 'concludeInvestigation',
    labelZh: '调查终结',
    procedures: ORDINARY,
    from: ['investigating'],
    to: 'investigation_concluded',
    guards: [...STEP, steps.investigationRecorded, noRecusedOfficer],
    roles: OFFICERS,
    records: ['investigation_report'],
    startsDeadlines: [],
  },
  reviewCase: {
    action: 'reviewCase',
    labelZh: '案件审核',
    procedures: ORDINARY,
    from: ['investigation_concluded'],
    to: 'case_reviewed',
    guards: [...STEP, ...penaltyGuards<'reviewCase'>((_s, i) => (i?.proposedOutcome === 'penalty' ? (i.proposedPenalty ?? null) : null))],
    roles: LEADERS,
    records: ['case_review'],
    startsDeadlines: [],
  },
  completeLegalReview: {
    action: 'completeLegalReview',
    labelZh: '法制审核',
    procedures: ORDINARY,
    from: ['case_reviewed', 'deliberation', ...POST_NOTICE_STATES],
    // 审核未通过: back to 补充调查 (Art. 58 「审核未通过的，不得作出决定」).
    to: (_s, input) => (input.result === 'pass' ? 'legal_review' : 'investigating'),
    guards: [...STEP, steps.reviewerQualified],
    roles: LEGAL,
    records: ['legal_review_opinion'],
    startsDeadlines: [],
  },
  recordDeliberation: {
    action: 'recordDeliberation',
    labelZh: '集体讨论',
    procedures: ORDINARY,
    from: ['case_reviewed', 'legal_review', ...POST_NOTICE_STATES],
    to: 'deliberation',
    guards: [...STEP],
    roles: AGENCY_HEAD,
    records: ['deliberation_minutes'],
    startsDeadlines: [],
  },
  // E12: before a decision (or the 当场 form) prints a basis the library marks 未核实, the legal reviewer confirms the
  // article texts for this case. Records only; the reviewer may do it from the investigation on.
  confirmLegalBasis: {
    action: 'confirmLegalBasis',
    labelZh: '法制审核确认条文',
    procedures: BOTH,
    from: ['investigating', 'investigation_concluded', ...DECIDABLE_CASE_STATES, 'hearing_requested', 'hearing_scheduled', 'summary_draft'],
    to: null,
    guards: [notInFuture, notBeforeDiscovery, basis.confirmationNeeded],
    roles: LEGAL,
    records: ['legal_basis_confirmation'],
    startsDeadlines: [],
  },
  issuePriorNotice: {
    action: 'issuePriorNotice',
    labelZh: '送达事先告知书',
    procedures: ORDINARY,
    from: ['case_reviewed', 'legal_review', 'deliberation', ...POST_NOTICE_STATES],
    to: 'prior_notice_served',
    guards: [...STEP, hearing.priorNoticeComplete, hearing.hearingRightInNotice, ...hearing.noticePenaltyGuards, noRecusedOfficer],
    roles: OFFICERS,
    records: ['prior_notice', 'prior_notice_service'],
    startsDeadlines: ['statement', 'hearing_request'],
  },
  recordStatement: {
    action: 'recordStatement',
    labelZh: '记录陈述申辩',
    procedures: ORDINARY,
    from: ['prior_notice_served', 'hearing_requested', 'hearing_scheduled'],
    to: null,
    guards: [...STEP],
    roles: OFFICERS,
    records: ['statement_record'],
    startsDeadlines: [],
  },
  reviewStatement: {
    action: 'reviewStatement',
    labelZh: '陈述申辩复核',
    procedures: ORDINARY,
    from: [
      'prior_notice_served',
      'hearing_requested',
      'hearing_scheduled',
      'hearing_held',
      'hearing_terminated',
      'legal_review',
      'deliberation',
    ],
    to: null,
    guards: [...STEP, hearing.statementToReview],
    roles: LEADERS,
    records: ['statement_review'],
    startsDeadlines: [],
  },
  waiveStatement: {
    action: 'waiveStatement',
    labelZh: '当事人放弃陈述申辩',
    procedures: ORDINARY,
    from: ['prior_notice_served'],
    to: null,
    guards: [...STEP],
    roles: OFFICERS,
    records: ['statement_waiver'],
    startsDeadlines: [],
  },
  requestHearing: {
    action: 'requestHearing',
    labelZh: '申请听证',
    procedures: ORDINARY,
    from: ['prior_notice_served'],
    to: 'hearing_requested',
    guards: [...STEP, hearing.hearingRightExists, hearing.hearingRequestInTime],
    roles: [...OFFICERS, 'legal_reviewer'],
    records: ['hearing_request'],
    startsDeadlines: [],
  },
  scheduleHearing: {
    action: 'scheduleHearing',
    labelZh: '送达听证通知',
    procedures: ORDINARY,
    from: ['hearing_requested'],
    to: 'hearing_scheduled',
    guards: [...STEP, hearing.hearingNoticeValid],
    roles: HEARING_STAFF,
    records: ['hearing_notice'],
    startsDeadlines: ['hearing_notice'],
  },
  recordHearing: {
    action: 'recordHearing',
    labelZh: '举行听证',
    procedures: ORDINARY,
    from: ['hearing_scheduled'],
    to: 'hearing_held',
    guards: [...STEP, hearing.notBeforeHearingDay, hearing.hearingRecordSigned],
    roles: HEARING_STAFF,
    records: ['hearing_record'],
    startsDeadlines: [],
  },
  terminateHearing: {
    action: 'terminateHearing',
    labelZh: '终止听证',
    procedures: ORDINARY,
    from: ['hearing_scheduled'],
    to: 'hearing_terminated',
    guards: [...STEP, hearing.notBeforeHearingDay],
    roles: HEARING_STAFF,
    records: ['hearing_termination'],
    startsDeadlines: [],
  },
  decide: {
    action: 'decide',
    labelZh: '作出决定',
    procedures: ORDINARY,
    from: DECIDABLE_CASE_STATES,
    to: 'decided',
    guards: [
      ...STEP,
      decision.filedBeforeDecision,
      decision.outcomeValid,
      decision.priorNoticeServed,
      decision.statementPeriodOver,
      decision.hearingWindowOver,
      decision.notHeavierAndReviewed,
      decision.citesHearingRecord,
      decision.legalReviewPassed,
      decision.deliberationHeld,
      decision.withinDecisionDeadline,
      basis.decisionBasisVerified,
      ...decision.decisionPenaltyGuards,
      decision.educationOnNoPenalty,
      decision.firstViolationConsidered,
      decision.educationFirstDone,
    ],
    roles: AGENCY_HEAD,
    records: ['decision_document'],
    startsDeadlines: ['service'],
  },
};
