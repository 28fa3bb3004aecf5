// States and actions of the administrative-penalty case (行政处罚案件), ordinary and summary procedure.
// 处罚法 Chapter 5: Section 2 简易程序 (Arts. 51–53), Section 3 普通程序 (Arts. 54–62), Section 4 听证程序 (Arts. 63–65).

export type Procedure = 'ordinary' | 'summary';

export const PROCEDURES: readonly Procedure[] = ['ordinary', 'summary'];

export const ORDINARY_CASE_STATES = [
  'registered', // 登记
  'filing_pending', // 立案审批中
  'investigating', // 调查取证
  'investigation_concluded', // 调查终结
  'case_reviewed', // 案件审核
  'legal_review', // 法制审核已通过 (E1)
  'deliberation', // 集体讨论已完成 (E2)
  'prior_notice_served', // 事先告知已送达，陈述申辩期间
  'hearing_requested', // 已申请听证
  'hearing_scheduled', // 已通知听证
  'hearing_held', // 已举行听证
  'hearing_terminated', // 听证终止（当事人无正当理由不到场或中途退场，视为放弃）
  'decided', // 已作出决定 (E3)
  'decision_served', // 决定书已送达
  'enforcing', // 执行（缴款 / 强制执行）
  'closed', // 结案
  'archived', // 归档
  'suspended', // 中止
  'not_filed', // 不予立案
  'transferred', // 已移送
] as const;

export const SUMMARY_ONLY_CASE_STATES = [
  'summary_draft', // 当场处罚草稿
  'summary_decided', // 当场处罚决定书已交付
  'summary_paid', // 已到银行 / 电子缴款
  'summary_collected', // 已当场收缴
] as const;

export const CASE_STATES = [...ORDINARY_CASE_STATES, ...SUMMARY_ONLY_CASE_STATES] as const;

export type CaseState = (typeof CASE_STATES)[number];

/** The pseudo state of a case that does not exist yet: only `register` leaves it. */
export const UNREGISTERED = 'unregistered';

export type MachineState = CaseState | typeof UNREGISTERED;

export function isCaseState(value: string): value is CaseState {
  return (CASE_STATES as readonly string[]).includes(value);
}

export const CASE_ACTIONS = [
  'register',
  'convertToOrdinary',
  'submitFiling',
  'approveFiling',
  'rejectFiling',
  'addEvidence',
  'recordInspection',
  'recordQuestioning',
  'concludeInvestigation',
  'reviewCase',
  'completeLegalReview',
  'recordDeliberation',
  'confirmLegalBasis',
  'issuePriorNotice',
  'recordStatement',
  'reviewStatement',
  'waiveStatement',
  'requestHearing',
  'scheduleHearing',
  'recordHearing',
  'terminateHearing',
  'decide',
  'serveDecision',
  'recordPayment',
  'approveDeferral',
  'startEnforcement',
  'concludeEnforcement',
  'close',
  'archive',
  'suspend',
  'resume',
  'extendDeadline',
  'transfer',
  'issueSummaryDecision',
  'collectOnSpot',
  'recordSummaryPayment',
  'recordServiceConsent',
  'recordReviewOrLitigation',
] as const;

export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Nothing follows: archived, 不予立案, 移送 (the transfer record closes the case). */
export const TERMINAL_CASE_STATES: readonly CaseState[] = ['archived', 'not_filed', 'transferred'];

/** `close` (结案) is possible from these states, once performance is complete. */
export const CLOSABLE_CASE_STATES: readonly CaseState[] = [
  'decision_served',
  'enforcing',
  'summary_decided',
  'summary_paid',
  'summary_collected',
];

/** The E4 ninety-day clock runs in these states (filed, not yet decided). */
export const DECISION_PENDING_STATES: readonly CaseState[] = [
  'investigating',
  'investigation_concluded',
  'case_reviewed',
  'legal_review',
  'deliberation',
  'prior_notice_served',
  'hearing_requested',
  'hearing_scheduled',
  'hearing_held',
  'hearing_terminated',
];

/** 中止 of the investigation (E4 clock paused) or of enforcement (行政强制法 Art. 39). */
export const SUSPENDABLE_CASE_STATES: readonly CaseState[] = [...DECISION_PENDING_STATES, 'enforcing'];

/** While in these states the E4 decision clock does not run. */
export const DEADLINE_PAUSING_STATES: readonly CaseState[] = ['suspended'];

/** States in which the agency head may decide (E3) once the guards pass. */
export const DECIDABLE_CASE_STATES: readonly CaseState[] = [
  'case_reviewed',
  'legal_review',
  'deliberation',
  'prior_notice_served',
  'hearing_held',
  'hearing_terminated',
];

/** After 事先告知: the states from which a new notice may be served (D3) or review/deliberation recorded. */
export const POST_NOTICE_STATES: readonly CaseState[] = ['prior_notice_served', 'hearing_held', 'hearing_terminated'];

export const HEARING_CASE_STATES: readonly CaseState[] = ['hearing_requested', 'hearing_scheduled', 'hearing_held', 'hearing_terminated'];

/** Open work: neither terminal nor closed (suspended cases count, they come back). */
export const ACTIVE_CASE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => s !== 'closed' && !TERMINAL_CASE_STATES.includes(s));

export const CASE_STATE_LABELS: Record<CaseState, { zh: string; en: string }> = {
  registered: { zh: '登记', en: 'Registered' },
  filing_pending: { zh: '立案审批中', en: 'Filing pending approval' },
  investigating: { zh: '调查取证', en: 'Investigating' },
  investigation_concluded: { zh: '调查终结', en: 'Investigation concluded' },
  case_reviewed: { zh: '案件审核', en: 'Case reviewed' },
  legal_review: { zh: '法制审核', en: 'Legal review passed' },
  deliberation: { zh: '集体讨论', en: 'Collective deliberation held' },
  prior_notice_served: { zh: '事先告知已送达', en: 'Prior notice served' },
  hearing_requested: { zh: '已申请听证', en: 'Hearing requested' },
  hearing_scheduled: { zh: '已通知听证', en: 'Hearing scheduled' },
  hearing_held: { zh: '已举行听证', en: 'Hearing held' },
  hearing_terminated: { zh: '听证终止', en: 'Hearing terminated' },
  decided: { zh: '已作出决定', en: 'Decided' },
  decision_served: { zh: '决定书已送达', en: 'Decision served' },
  enforcing: { zh: '执行中', en: 'Enforcing' },
  closed: { zh: '结案', en: 'Closed' },
  archived: { zh: '归档', en: 'Archived' },
  suspended: { zh: '中止', en: 'Suspended' },
  not_filed: { zh: '不予立案', en: 'Not filed' },
  transferred: { zh: '已移送', en: 'Transferred' },
  summary_draft: { zh: '当场处罚（草稿）', en: 'Summary draft' },
  summary_decided: { zh: '当场处罚决定', en: 'Summary decision issued' },
  summary_paid: { zh: '已缴款', en: 'Summary fine paid' },
  summary_collected: { zh: '当场收缴', en: 'Collected on the spot' },
};

/**
 * none: nothing to enforce (no fine, not yet served, or paid / ended); paying: the G1 period runs;
 * awaiting_reminder: 待催告 — the period has passed unpaid and no 催告书 was served; reminded: 已催告, the 10 working days
 * of Art. 54 run; court_window_open: 可申请; court_deadline_near: 临近申请期限 (the last day is within `nearDays`);
 * court_deadline_passed; court_applied; review_pending: a 复议 / 诉讼 is pending (Art. 73, no application under Art. 53).
 */
export const ENFORCEMENT_STATUSES = [
  'none',
  'paying',
  'awaiting_reminder',
  'reminded',
  'court_window_open',
  'court_deadline_near',
  'court_deadline_passed',
  'court_applied',
  'review_pending',
] as const;
export type EnforcementStatus = (typeof ENFORCEMENT_STATUSES)[number];

/**
 * The stages of the ordinary procedure in order — 立案 → 调查取证 → 审核 → 事先告知 → 陈述申辩/听证 → 决定 → 送达 → 执行 →
 * 结案 → 归档 (处罚法 Chapter 5); the summary procedure passes a subset (case.progress.ts).
 */
export const PROCEDURE_STAGES = [
  'filing',
  'investigation',
  'review',
  'notice',
  'statement',
  'decision',
  'service',
  'enforcement',
  'close',
  'archive',
] as const;
