import type { CaseDetail, Me, PenaltyBody, RoutedCaseAction } from '@chengguan/contracts';
import type { Translate } from '../../../i18n/i18n.tsx';
import { fenToYuan } from '../format.ts';
import { evidenceOptions, outcomeOptions, serviceOptions } from '../labels.ts';
import { fromPenaltyBody } from '../components/PenaltyInput.tsx';

// The input of every case action as data: one list of fields per action, rendered by ActionForm. Field names are
// the API's body keys (CASE_ACTION_ROUTES in packages/contracts/src/cases.ts), so the server's field errors land
// on the field. Every form also has the legal date of the act (`date`) and a note. Nothing here decides whether
// an action is allowed: the server's allowedActions does.

export type FieldKind =
  | 'date' // DatePicker → 'YYYY-MM-DD'
  | 'text'
  | 'textarea'
  | 'bool' // Switch
  | 'select'
  | 'tags' // free list of short texts
  | 'int'
  | 'yuan' // InputNumber in 元 → integer fen
  | 'penalty' // types + amounts in 元 → PenaltyBody
  | 'officers' // squad officers, several
  | 'officer' // squad officer, one
  | 'officerNames' // officers of the user's jurisdiction, several, sent by name
  | 'file' // upload → SM3 hash
  | 'period' // { unit, n }
  | 'checks'; // checkboxes → { key: boolean }

export const FLAG_KEYS = [
  'factsCertain',
  'legalBasisPresent',
  'firstViolation',
  'minorViolation',
  'correctedPromptly',
  'harmfulConsequence',
  'involvesLifeHealthOrFinancialSafety',
  'majorPublicInterest',
  'majorRightsOfPartyOrThirdParty',
  'complexMultipleLegalRelationships',
  'complex',
  'reducedPenalty',
  'provenNoFault',
  'mentalIncapacityAtAct',
  'minorOrCurable',
  'correctionOrdered',
  'refusedToCorrect',
  'otherSeriousPenalty',
] as const;

export const NOTICE_CONTENT_KEYS = [
  'proposedPenaltyStated',
  'factsStated',
  'reasonsStated',
  'legalBasisStated',
  'statementRightsStated',
  'hearingRightStated',
] as const;

export type CheckKey = (typeof FLAG_KEYS)[number] | (typeof NOTICE_CONTENT_KEYS)[number];

export type FieldName =
  | 'date'
  | 'note'
  | 'reason'
  | 'evidenceType'
  | 'title'
  | 'fileSm3'
  | 'collectedById'
  | 'officerIds'
  | 'credentialsShown'
  | 'officersSigned'
  | 'partySigned'
  | 'witnessSigned'
  | 'absenceNote'
  | 'statutoryException'
  | 'location'
  | 'content'
  | 'interviewee'
  | 'report'
  | 'proposedOutcome'
  | 'proposedPenalty'
  | 'flags'
  | 'result'
  | 'reviewerFirstTime'
  | 'reviewerHasLegalQualification'
  | 'opinion'
  | 'conclusion'
  | 'violatedProvision'
  | 'penaltyProvision'
  | 'participants'
  | 'proposed'
  | 'contents'
  | 'adopted'
  | 'waivesHearing'
  | 'hearingOn'
  | 'chairOfficerId'
  | 'agentCount'
  | 'publicHearing'
  | 'secretOrPrivacy'
  | 'recordSignedByParty'
  | 'refusalNotedByChair'
  | 'outcome'
  | 'penalty'
  | 'citesHearingRecord'
  | 'educationRecorded'
  | 'reasonForPenaltyDespiteExemption'
  | 'method'
  | 'witnessOrMedia'
  | 'publishedOn'
  | 'amountFen'
  | 'receiptNumber'
  | 'until'
  | 'kind'
  | 'emergency'
  | 'cashHandedInOn'
  | 'bankDepositedOn'
  | 'filedWithAgencyOn'
  | 'legalBasis'
  | 'period'
  | 'lateReason'
  | 'receivingBody'
  | 'hardToEnforceLater'
  | 'remoteArea'
  | 'partyRequested';

export type Option = { value: string; label: string };

export type FieldSpec = {
  name: FieldName;
  kind: FieldKind;
  required?: boolean;
  max?: number;
  options?: (t: Translate) => Option[];
  /** For 'checks': the keys of the object sent. */
  keys?: readonly CheckKey[];
  /** Officer pickers: the case's squad (default) or its whole bureau (the hearing chair is not a squad member). */
  scope?: 'squad' | 'bureau';
  /** The starting value, from the case where it helps (the proposal, the fine, the handling officers). */
  initial?: (c: CaseDetail) => unknown;
  /**
   * A fact of the user's own staff record that the server reads itself (the reviewer's 法律职业资格): shown read-only
   * from `/me`, off when unknown, and not sent.
   */
  fromMe?: (me: Me) => unknown;
};

const RESULTS = ['pass', 'fail'] as const;
const TERMINATIONS = ['no_show', 'walked_out', 'withdrawn'] as const;
const ENFORCEMENTS = ['reminder', 'court_application', 'on_site'] as const;
const CONCLUSIONS = ['completed', 'terminated'] as const;
const TRANSFERS = ['other_agency', 'judicial'] as const;
const resultOptions = (t: Translate) => RESULTS.map((v) => ({ value: v, label: t(`case.opt.result.${v}`) }));
const terminationOptions = (t: Translate) => TERMINATIONS.map((v) => ({ value: v, label: t(`case.opt.terminate.${v}`) }));
const enforcementOptions = (t: Translate) => ENFORCEMENTS.map((v) => ({ value: v, label: t(`case.opt.enforcement.${v}`) }));
const conclusionOptions = (t: Translate) => CONCLUSIONS.map((v) => ({ value: v, label: t(`case.opt.conclusion.${v}`) }));
const transferOptions = (t: Translate) => TRANSFERS.map((v) => ({ value: v, label: t(`case.opt.transfer.${v}`) }));

const text = (name: FieldName, required = false, max = 1000): FieldSpec => ({ name, kind: 'textarea', required, max });
const line = (name: FieldName, required = false, max = 200): FieldSpec => ({ name, kind: 'text', required, max });
const bool = (name: FieldName, initial = false): FieldSpec => ({ name, kind: 'bool', initial: () => initial });
const date = (name: FieldName, required = false): FieldSpec => ({ name, kind: 'date', required });

const leadOfficers = (c: CaseDetail) => c.officers.map((o) => o.officerId);
const proposalPenalty = (c: CaseDetail) => fromPenaltyBody(c.decision?.penalty ?? c.proposal?.penalty ?? undefined);
const fineYuan = (c: CaseDetail) => {
  const p: PenaltyBody | null | undefined = c.decision?.penalty;
  const due = (p?.fineFen ?? 0) - c.paidFen;
  return due > 0 ? fenToYuan(due) : undefined;
};

const officerRecord: FieldSpec[] = [
  { name: 'officerIds', kind: 'officers', required: true, initial: leadOfficers },
  bool('credentialsShown', true),
  bool('officersSigned', true),
  bool('partySigned', true),
  bool('witnessSigned'),
  text('absenceNote', false, 500),
  line('statutoryException', false, 300),
  line('location', false, 300),
  text('content', false, 20000),
  { name: 'fileSm3', kind: 'file' },
];

export const ACTION_FORMS: Record<RoutedCaseAction, FieldSpec[]> = {
  convertToOrdinary: [text('reason', true)],
  submitFiling: [],
  approveFiling: [],
  rejectFiling: [text('reason', true)],
  addEvidence: [
    { name: 'evidenceType', kind: 'select', required: true, options: evidenceOptions },
    line('title', true),
    { name: 'fileSm3', kind: 'file', required: true },
    { name: 'collectedById', kind: 'officer' },
  ],
  recordInspection: officerRecord,
  recordQuestioning: [...officerRecord, line('interviewee', false, 100)],
  concludeInvestigation: [text('report', false, 20000)],
  reviewCase: [
    { name: 'proposedOutcome', kind: 'select', required: true, options: outcomeOptions, initial: (c) => c.proposal?.outcome ?? 'penalty' },
    { name: 'proposedPenalty', kind: 'penalty', initial: proposalPenalty },
    { name: 'flags', kind: 'checks', keys: FLAG_KEYS, initial: (c) => FLAG_KEYS.filter((k) => c.flags[k] === true) },
  ],
  completeLegalReview: [
    { name: 'result', kind: 'select', required: true, options: resultOptions, initial: () => 'pass' },
    bool('reviewerFirstTime', true),
    // E1: the server takes the qualification from the reviewer's staff record; shown here as that record says.
    { name: 'reviewerHasLegalQualification', kind: 'bool', fromMe: (me) => me.legalQualification },
    text('opinion', false, 20000),
  ],
  recordDeliberation: [text('conclusion', true, 5000), { name: 'participants', kind: 'officerNames' }],
  // E12: the library's texts as a start; the reviewer writes the article he checked (the server refuses 「未核实」).
  confirmLegalBasis: [
    { ...line('violatedProvision', true, 500), initial: (c) => c.lawBasis?.violatedProvision ?? '' },
    { ...line('penaltyProvision', true, 500), initial: (c) => c.lawBasis?.penaltyProvision ?? '' },
  ],
  issuePriorNotice: [
    { name: 'proposed', kind: 'penalty', required: true, initial: proposalPenalty },
    { name: 'contents', kind: 'checks', keys: NOTICE_CONTENT_KEYS, initial: () => [...NOTICE_CONTENT_KEYS] },
  ],
  recordStatement: [text('content', false, 20000)],
  reviewStatement: [bool('adopted'), text('opinion', false, 5000)],
  waiveStatement: [bool('waivesHearing', true)],
  requestHearing: [],
  scheduleHearing: [
    date('hearingOn', true),
    { name: 'chairOfficerId', kind: 'officer', required: true, scope: 'bureau' },
    { name: 'agentCount', kind: 'int', initial: () => 0 },
    bool('publicHearing', true),
    bool('secretOrPrivacy'),
  ],
  recordHearing: [bool('recordSignedByParty', true), bool('refusalNotedByChair')],
  terminateHearing: [{ name: 'reason', kind: 'select', required: true, options: terminationOptions }],
  decide: [
    { name: 'outcome', kind: 'select', required: true, options: outcomeOptions, initial: (c) => c.proposal?.outcome ?? 'penalty' },
    { name: 'penalty', kind: 'penalty', initial: proposalPenalty },
    bool('citesHearingRecord'),
    bool('educationRecorded', true),
    text('reasonForPenaltyDespiteExemption', false, 2000),
  ],
  serveDecision: [
    { name: 'method', kind: 'select', required: true, options: serviceOptions, initial: () => 'direct' },
    bool('witnessOrMedia'),
    date('publishedOn'),
  ],
  recordPayment: [{ name: 'amountFen', kind: 'yuan', required: true, initial: fineYuan }, line('receiptNumber', false, 50)],
  approveDeferral: [date('until', true), text('reason', true)],
  startEnforcement: [
    { name: 'kind', kind: 'select', required: true, options: enforcementOptions },
    { name: 'officerIds', kind: 'officers' },
    bool('emergency'),
  ],
  concludeEnforcement: [
    { name: 'result', kind: 'select', required: true, options: conclusionOptions, initial: () => 'completed' },
    text('reason', true),
  ],
  close: [date('cashHandedInOn'), date('bankDepositedOn'), date('filedWithAgencyOn')],
  archive: [],
  suspend: [text('reason', true), line('legalBasis', true, 300)],
  resume: [],
  extendDeadline: [
    { name: 'period', kind: 'period', required: true, initial: () => ({ unit: 'calendar_day', n: 30 }) },
    line('legalBasis', true, 300),
    text('lateReason'),
  ],
  transfer: [
    { name: 'kind', kind: 'select', required: true, options: transferOptions },
    line('receivingBody', true),
    text('reason', true),
    line('legalBasis', true, 300),
  ],
  collectOnSpot: [
    { name: 'officerIds', kind: 'officers', required: true, initial: leadOfficers },
    line('receiptNumber', true, 50),
    bool('hardToEnforceLater'),
    bool('remoteArea'),
    bool('partyRequested'),
  ],
  recordSummaryPayment: [{ name: 'amountFen', kind: 'yuan', required: true, initial: fineYuan }],
};
