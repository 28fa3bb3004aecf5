import {
  COMPLAINT_OUTCOMES,
  CREDIT_SEVERITIES,
  EXAM_KINDS,
  NOTICE_KINDS,
  QUESTION_KINDS,
  REVIEW_CAUSES,
  REVIEW_KINDS,
  REVIEW_OUTCOMES,
  SCORE_LEVELS,
  SQUAD_RATINGS,
} from '@chengguan/contracts';
import type { ActionSpec } from '../../components/ActionFormDrawer.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { bureauToday } from '../../lib/bureauTime';

// The writes of 执法监督, 教育培训 and 规范化中队 that the console offers as forms (ActionFormDrawer). Field names are
// the bodies' keys (packages/contracts/src/supervision.ts, training.ts, team.ts).

const S = '/api/v1/supervision';
const opts = (codes: readonly string[], prefix: string) => codes.map((c) => ({ value: c, label: `${prefix}.${c}` as MessageKey }));

export const SUPERVISION_FORMS = {
  recording: {
    key: 'sup-recording',
    title: 'act.sup.recording',
    method: 'post',
    path: () => `${S}/recordings`,
    fields: [
      { name: 'fileSm3', label: 'act.f.fileSm3', kind: 'text', required: true, maxLength: 64 },
      { name: 'officerId', label: 'act.f.officer', kind: 'officer', required: true },
      { name: 'recordedOn', label: 'act.f.recordedOn', kind: 'date', required: true },
      { name: 'durationSeconds', label: 'act.f.durationSeconds', kind: 'int', required: true, min: 0, max: 86_400 },
      { name: 'caseId', label: 'act.f.case', kind: 'case' },
      { name: 'device', label: 'act.f.device', kind: 'text', maxLength: 60 },
    ],
  },
  recordingProblem: {
    key: 'sup-recording-problem',
    title: 'act.sup.recordingProblem',
    method: 'post',
    path: (id) => `${S}/recordings/${id}/problems`,
    fields: [
      { name: 'description', label: 'act.f.description', kind: 'textarea', required: true, maxLength: 1000 },
      { name: 'rule', label: 'act.f.rule', kind: 'text', maxLength: 200 },
      { name: 'dueOn', label: 'act.f.dueOn', kind: 'date', required: true, initial: () => bureauToday().add(14, 'day') },
    ],
  },
  notice: {
    key: 'sup-notice',
    title: 'act.sup.notice',
    method: 'post',
    path: () => `${S}/notices`,
    fields: [
      { name: 'kind', label: 'act.f.noticeKind', kind: 'select', required: true, options: opts(NOTICE_KINDS, 'sup.notice.kind') },
      { name: 'orgId', label: 'act.f.squad', kind: 'squad', required: true },
      { name: 'recipient', label: 'act.f.recipient', kind: 'text', required: true, maxLength: 100 },
      { name: 'officerId', label: 'act.f.officer', kind: 'officer' },
      { name: 'caseId', label: 'act.f.case', kind: 'case' },
      { name: 'subject', label: 'act.f.subject', kind: 'text', required: true, maxLength: 100 },
      { name: 'body', label: 'act.f.body', kind: 'textarea', required: true, maxLength: 5000 },
      { name: 'issuedOn', label: 'act.f.issuedOn', kind: 'date', required: true },
      { name: 'answerDue', label: 'act.f.answerDue', kind: 'date', required: true },
    ],
  },
  answerNotice: {
    key: 'sup-answer',
    title: 'act.sup.answer',
    method: 'post',
    path: (id) => `${S}/notices/${id}/answer`,
    fields: [
      { name: 'date', label: 'act.f.date', kind: 'date', required: true },
      { name: 'answer', label: 'act.f.answer', kind: 'textarea', required: true, maxLength: 5000 },
    ],
  },
  majorCase: {
    key: 'sup-major',
    title: 'act.sup.major',
    method: 'post',
    path: () => `${S}/major-cases`,
    fields: [
      { name: 'caseId', label: 'act.f.case', kind: 'case', required: true },
      { name: 'reason', label: 'act.f.reason', kind: 'textarea', required: true, maxLength: 1000 },
      { name: 'openedOn', label: 'act.f.openedOn', kind: 'date', required: true },
      { name: 'dueOn', label: 'act.f.dueOn', kind: 'date', required: true },
    ],
  },
  closeMajor: {
    key: 'sup-major-close',
    title: 'act.sup.majorClose',
    method: 'post',
    path: (id) => `${S}/major-cases/${id}/close`,
    fields: [
      { name: 'date', label: 'act.f.date', kind: 'date', required: true },
      { name: 'result', label: 'act.f.result', kind: 'textarea', required: true, maxLength: 2000 },
    ],
  },
  complaint: {
    key: 'sup-complaint',
    title: 'act.sup.complaint',
    method: 'post',
    path: () => `${S}/officer-complaints`,
    fields: [
      { name: 'orgId', label: 'act.f.squad', kind: 'squad', required: true },
      { name: 'officerId', label: 'act.f.officer', kind: 'officer' },
      { name: 'channel', label: 'act.f.channel', kind: 'text', required: true, maxLength: 30 },
      { name: 'complainant', label: 'act.f.complainant', kind: 'text', required: true, maxLength: 60 },
      { name: 'content', label: 'act.f.content', kind: 'textarea', required: true, maxLength: 5000 },
      { name: 'receivedOn', label: 'act.f.receivedOn', kind: 'date', required: true },
    ],
  },
  reviewSheet: {
    key: 'sup-sheet',
    title: 'act.sup.sheet',
    method: 'post',
    path: () => `${S}/review-sheets`,
    fields: [
      { name: 'name', label: 'act.f.sheetName', kind: 'text', required: true, maxLength: 60 },
      { name: 'items', label: 'act.f.sheetItems', kind: 'sheetItems', required: true },
    ],
  },
  /** One 考核 item; the page puts it into the whole list (PUT score-items takes every item). */
  scoreItem: {
    key: 'sup-score-item',
    title: 'act.sup.scoreItem',
    method: 'put',
    path: () => `${S}/score-items`,
    fields: [
      { name: 'code', label: 'act.f.itemCode', kind: 'text', required: true, maxLength: 32 },
      { name: 'labelZh', label: 'act.f.labelZh', kind: 'text', required: true, maxLength: 30 },
      { name: 'labelEn', label: 'act.f.labelEn', kind: 'text', required: true, maxLength: 60 },
      { name: 'source', label: 'act.f.scoreSource', kind: 'select', required: true, options: [] },
      {
        name: 'levels',
        label: 'act.f.scoreLevels',
        kind: 'select',
        required: true,
        multiple: true,
        options: opts(SCORE_LEVELS, 'sup.scores.level'),
      },
      { name: 'maxPoints', label: 'act.f.maxPoints', kind: 'int', required: true, min: 1, max: 1000 },
      { name: 'perUnit', label: 'act.f.perUnit', kind: 'number', min: -1000, max: 1000 },
    ],
  },
  handleComplaint: {
    key: 'sup-complaint-handle',
    title: 'act.sup.complaintHandle',
    method: 'post',
    path: (id) => `${S}/officer-complaints/${id}/handle`,
    fields: [
      { name: 'date', label: 'act.f.date', kind: 'date', required: true },
      { name: 'outcome', label: 'act.f.outcome', kind: 'select', required: true, options: opts(COMPLAINT_OUTCOMES, 'act.outcome') },
      { name: 'handling', label: 'act.f.handling', kind: 'textarea', required: true, maxLength: 2000 },
    ],
  },
} satisfies Record<string, ActionSpec>;

const T = '/api/v1/training';

export const TRAINING_SETTINGS_FORM = {
  key: 'tr-settings',
  title: 'act.tr.settings',
  method: 'put',
  path: () => `${T}/settings`,
  fields: [
    { name: 'hoursPerYear', label: 'act.f.hoursPerYear', kind: 'number', required: true, min: 0, max: 1000, initial: 60 },
    { name: 'creditsPerYear', label: 'act.f.creditsPerYear', kind: 'number', required: true, min: 0, max: 1000, initial: 24 },
  ],
} satisfies ActionSpec;

/** The bureau is the page's (fixed): the training forms take the user's bureau. */
export const TRAINING_FORMS = {
  course: {
    key: 'tr-course',
    title: 'act.tr.course',
    method: 'post',
    path: () => `${T}/courses`,
    fields: [
      { name: 'bureauId', label: 'act.f.bureau', kind: 'bureau', required: true },
      { name: 'title', label: 'act.f.title', kind: 'text', required: true, maxLength: 100 },
      { name: 'category', label: 'act.f.category', kind: 'text', required: true, maxLength: 30 },
      { name: 'hours', label: 'act.f.hours', kind: 'number', required: true, min: 0.5, max: 200 },
      { name: 'credits', label: 'act.f.credits', kind: 'number', required: true, min: 0, max: 100 },
      { name: 'description', label: 'act.f.description', kind: 'textarea', maxLength: 2000 },
      { name: 'materialUrl', label: 'act.f.materialUrl', kind: 'text', maxLength: 500 },
    ],
  },
  completion: {
    key: 'tr-completion',
    title: 'act.tr.completion',
    method: 'post',
    path: () => `${T}/completions`,
    fields: [
      { name: 'officerId', label: 'act.f.officer', kind: 'officer', required: true },
      { name: 'title', label: 'act.f.title', kind: 'text', required: true, maxLength: 100 },
      { name: 'hours', label: 'act.f.hours', kind: 'number', required: true, min: 0.5, max: 200 },
      { name: 'credits', label: 'act.f.credits', kind: 'number', required: true, min: 0, max: 100 },
      { name: 'completedOn', label: 'act.f.completedOn', kind: 'date', required: true },
    ],
  },
  question: {
    key: 'tr-question',
    title: 'act.tr.question',
    method: 'post',
    path: () => `${T}/questions`,
    fields: [
      { name: 'bureauId', label: 'act.f.bureau', kind: 'bureau', required: true },
      { name: 'bank', label: 'act.f.bank', kind: 'text', required: true, maxLength: 30 },
      { name: 'kind', label: 'act.f.questionKind', kind: 'select', required: true, options: opts(QUESTION_KINDS, 'act.questionKind') },
      { name: 'stem', label: 'act.f.stem', kind: 'textarea', required: true, maxLength: 1000 },
      { name: 'options', label: 'act.f.options', kind: 'lines', required: true },
      { name: 'answer', label: 'act.f.answerLetters', kind: 'letters', required: true },
      { name: 'explanation', label: 'act.f.explanation', kind: 'textarea', maxLength: 1000 },
    ],
  },
  exam: {
    key: 'tr-exam',
    title: 'act.tr.exam',
    method: 'post',
    path: () => `${T}/exams`,
    fields: [
      { name: 'bureauId', label: 'act.f.bureau', kind: 'bureau', required: true },
      { name: 'title', label: 'act.f.title', kind: 'text', required: true, maxLength: 100 },
      {
        name: 'kind',
        label: 'act.f.examKind',
        kind: 'select',
        required: true,
        options: opts(EXAM_KINDS, 'act.examKind'),
        initial: 'regular',
      },
      { name: 'bank', label: 'act.f.bank', kind: 'text', required: true, maxLength: 30 },
      { name: 'questionCount', label: 'act.f.questionCount', kind: 'int', required: true, min: 1, max: 200 },
      { name: 'durationMinutes', label: 'act.f.durationMinutes', kind: 'int', required: true, min: 1, max: 600, initial: 60 },
      { name: 'passScore', label: 'act.f.passScore', kind: 'int', required: true, min: 0, max: 100, initial: 60 },
      { name: 'maxAttempts', label: 'act.f.maxAttempts', kind: 'int', required: true, min: 1, max: 10, initial: 2 },
      { name: 'hours', label: 'act.f.hours', kind: 'number', min: 0, max: 200 },
      { name: 'credits', label: 'act.f.credits', kind: 'number', min: 0, max: 100 },
      { name: 'opensOn', label: 'act.f.opensOn', kind: 'date', required: true },
      { name: 'closesOn', label: 'act.f.closesOn', kind: 'date', required: true },
    ],
  },
  qualification: {
    key: 'tr-qualification',
    title: 'act.tr.qualification',
    method: 'post',
    path: () => `${T}/qualifications`,
    fields: [
      { name: 'officerId', label: 'act.f.officer', kind: 'officer', required: true },
      { name: 'examDate', label: 'act.f.examDate', kind: 'date', required: true },
      { name: 'score', label: 'act.f.score', kind: 'int', required: true, min: 0, max: 100 },
      { name: 'passed', label: 'act.f.passed', kind: 'bool', initial: false },
    ],
  },
} satisfies Record<string, ActionSpec>;

const Q = '/api/v1/squads';

export const SQUAD_FORMS = {
  sheet: {
    key: 'sq-sheet',
    title: 'act.sq.sheet',
    method: 'post',
    path: () => `${Q}/sheets`,
    fields: [
      { name: 'bureauId', label: 'act.f.bureau', kind: 'bureau', required: true },
      { name: 'year', label: 'act.f.year', kind: 'int', required: true, min: 2000, max: 2100 },
      { name: 'title', label: 'act.f.title', kind: 'text', required: true, maxLength: 100 },
      { name: 'items', label: 'act.f.criteria', kind: 'criteria', required: true },
      { name: 'standardAt', label: 'act.f.standardAt', kind: 'int', required: true, min: 0, max: 10_000 },
      { name: 'modelAt', label: 'act.f.modelAt', kind: 'int', required: true, min: 0, max: 10_000 },
    ],
  },
  assessment: {
    key: 'sq-assessment',
    title: 'act.sq.assessment',
    method: 'post',
    path: () => `${Q}/assessments`,
    fields: [
      { name: 'sheetId', label: 'act.f.sheet', kind: 'select', required: true, options: [] },
      { name: 'orgId', label: 'act.f.squad', kind: 'squad', required: true },
      {
        name: 'kind',
        label: 'act.f.assessmentKind',
        kind: 'select',
        required: true,
        options: opts(['self', 'inspection'], 'act.assessmentKind'),
      },
      { name: 'scores', label: 'act.f.scores', kind: 'scores', required: true },
      { name: 'note', label: 'act.f.note', kind: 'textarea', maxLength: 1000 },
    ],
  },
  rating: {
    key: 'sq-rating',
    title: 'act.sq.rating',
    method: 'post',
    path: () => `${Q}/ratings`,
    fields: [
      { name: 'orgId', label: 'act.f.squad', kind: 'squad', required: true },
      { name: 'year', label: 'act.f.year', kind: 'int', required: true, min: 2000, max: 2100 },
      { name: 'rating', label: 'act.f.rating', kind: 'select', required: true, options: opts(SQUAD_RATINGS, 'squads.rating') },
      { name: 'stars', label: 'act.f.stars', kind: 'int', min: 1, max: 5 },
      { name: 'assessmentId', label: 'act.f.assessment', kind: 'text', required: true },
    ],
  },
  targets: {
    key: 'sq-targets',
    title: 'act.sq.targets',
    method: 'put',
    path: () => `${Q}/targets`,
    fields: [
      { name: 'bureauId', label: 'act.f.bureau', kind: 'bureau', required: true },
      { name: 'targetModelPct', label: 'act.f.targetModelPct', kind: 'number', required: true, min: 0, max: 100, initial: 40 },
      { name: 'targetRatedPct', label: 'act.f.targetRatedPct', kind: 'number', required: true, min: 0, max: 100, initial: 98 },
    ],
  },
} satisfies Record<string, ActionSpec>;

// 信用设置与目录 (modules/credit): the bureau is the page's (fixed).
export const CREDIT_FORMS = {
  settings: {
    key: 'cr-settings',
    title: 'act.cr.settings',
    method: 'put',
    path: () => '/api/v1/credit/settings',
    fields: [
      { name: 'publishMonths', label: 'act.f.publishMonths', kind: 'int', required: true, min: 1, max: 120 },
      { name: 'repairMinMonthsGeneral', label: 'act.f.repairMinMonthsGeneral', kind: 'int', required: true, min: 0, max: 120 },
      { name: 'repairMinMonthsSerious', label: 'act.f.repairMinMonthsSerious', kind: 'int', required: true, min: 0, max: 120 },
      { name: 'repairConditions', label: 'act.f.repairConditions', kind: 'lines' },
    ],
  },
  catalogueLine: {
    key: 'cr-catalogue',
    title: 'act.cr.catalogueLine',
    method: 'post',
    path: () => '/api/v1/credit/catalogue',
    fields: [
      { name: 'offenceCode', label: 'act.f.offenceCode', kind: 'offence', required: true },
      { name: 'record', label: 'act.f.creditRecord', kind: 'bool', initial: true },
      {
        name: 'severity',
        label: 'act.f.severity',
        kind: 'select',
        required: true,
        options: opts(CREDIT_SEVERITIES, 'act.severity'),
        initial: 'general',
      },
      { name: 'publishMonths', label: 'act.f.publishMonths', kind: 'int', min: 1, max: 120 },
      { name: 'note', label: 'act.f.note', kind: 'text', maxLength: 200 },
    ],
  },
} satisfies Record<string, ActionSpec>;

// 复议与诉讼 (modules/reviews).
export const REVIEW_FORMS = {
  create: {
    key: 'rv-create',
    title: 'act.rv.create',
    method: 'post',
    path: () => '/api/v1/case-reviews',
    fields: [
      { name: 'caseId', label: 'act.f.case', kind: 'case', required: true },
      { name: 'kind', label: 'act.f.reviewKind', kind: 'select', required: true, options: opts(REVIEW_KINDS, 'reviews.kind') },
      { name: 'filedOn', label: 'act.f.filedOn', kind: 'date', required: true, initial: () => bureauToday() },
      { name: 'forum', label: 'act.f.forum', kind: 'text', required: true, maxLength: 100 },
      { name: 'referenceNo', label: 'act.f.referenceNo', kind: 'text', maxLength: 60 },
    ],
  },
  outcome: {
    key: 'rv-outcome',
    title: 'act.rv.outcome',
    method: 'post',
    path: (id) => `/api/v1/case-reviews/${id}/outcome`,
    fields: [
      { name: 'outcome', label: 'act.f.reviewOutcome', kind: 'select', required: true, options: opts(REVIEW_OUTCOMES, 'reviews.outcome') },
      { name: 'decidedOn', label: 'act.f.decidedOn', kind: 'date', required: true, initial: () => bureauToday() },
      { name: 'cause', label: 'act.f.reviewCause', kind: 'select', options: opts(REVIEW_CAUSES, 'act.reviewCause') },
      { name: 'causeNote', label: 'act.f.causeNote', kind: 'textarea', maxLength: 500 },
    ],
  },
} satisfies Record<string, ActionSpec>;

// 执法人员档案与调动 (modules/staff/team).
export const OFFICER_FORMS = {
  profile: {
    key: 'of-profile',
    title: 'act.of.profile',
    method: 'put',
    path: (id) => `/api/v1/officers/${id}/profile`,
    fields: [
      { name: 'rank', label: 'act.f.rank', kind: 'select', options: [] },
      { name: 'postTags', label: 'act.f.postTags', kind: 'lines' },
    ],
  },
  transfer: {
    key: 'of-transfer',
    title: 'act.of.transfer',
    method: 'post',
    path: (id) => `/api/v1/officers/${id}/transfers`,
    fields: [
      { name: 'toOrgId', label: 'act.f.toOrg', kind: 'squad', required: true },
      { name: 'effectiveOn', label: 'act.f.effectiveOn', kind: 'date', required: true, initial: () => bureauToday() },
      { name: 'reason', label: 'act.f.reason', kind: 'textarea', required: true, maxLength: 200 },
    ],
  },
} satisfies Record<string, ActionSpec>;
