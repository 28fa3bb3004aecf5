// Test factories for the case machine (used by *.test.ts; not exported from the package).
import { ROLES, type Role } from '@chengguan/contracts';
import { calendarFromChineseDays } from '../calendar/chinese-days.ts';
import type { LegalDate } from '../calendar/legal-date.ts';
import { SHANGHAI_DEFAULTS } from '../law/config.ts';
import type { DecisionOutcome } from '../law/decision.ts';
import { summaryRemedyText } from '../law/remedy.ts';
import type { TeamOfficer } from '../staff/credential.ts';
import { type CaseActionInput, type OfficerRecordInput, printedSummaryForm, type SummaryDecisionForm } from './case-inputs.ts';
import type { CaseAction } from './case-states.ts';
import type { CaseContext, CaseFlags, CaseSnapshot, PriorNoticeContents } from './case-snapshot.ts';
import { applyCaseAction, newCaseSnapshot, type NewCaseFacts } from './case.reducer.ts';

export const CALENDAR = calendarFromChineseDays();

export function ctxOn(today: LegalDate): CaseContext {
  return { today, calendar: CALENDAR, config: SHANGHAI_DEFAULTS };
}

export const ALL_ROLES: readonly Role[] = ROLES;

function credential(validTo = '2030-12-31') {
  return { number: '沪城管执字001', domains: ['city_appearance'], validFrom: '2020-01-01', validTo, revoked: false };
}

export const OFFICER_A: TeamOfficer = { id: 'officer-a', name: '张三', credentials: [credential()] };
export const OFFICER_B: TeamOfficer = { id: 'officer-b', name: '李四', credentials: [credential()] };
export const OFFICER_EXPIRED: TeamOfficer = { id: 'officer-c', name: '王五', credentials: [credential('2025-06-30')] };
export const CHAIR_ID = 'officer-chair';

export const FLAGS: CaseFlags = {
  factsCertain: true,
  legalBasisPresent: true,
  involvesLifeHealthOrFinancialSafety: false,
  harmfulConsequence: true,
  majorPublicInterest: false,
  majorRightsOfPartyOrThirdParty: false,
  complexMultipleLegalRelationships: false,
  complex: false,
  reducedPenalty: false,
  minorViolation: false,
  correctedPromptly: false,
  harm: 'minor',
  firstViolation: false,
  provenNoFault: false,
  mentalIncapacityAtAct: false,
  minorOrCurable: false,
  correctionOrdered: false,
  refusedToCorrect: false,
  otherSeriousPenalty: false,
};

const YUAN = 100;

/** An ordinary case: a natural person, a norm with fines of 1,000–10,000 yuan. */
export function ordinaryFacts(overrides: Partial<NewCaseFacts> = {}): NewCaseFacts {
  return {
    procedure: 'ordinary',
    party: { type: 'natural_person', birthDate: '1980-05-05' },
    offence: {
      code: 'CW-01',
      provision: '《上海市建筑垃圾处理管理规定》第二十八条',
      penaltyTypes: ['warning', 'fine'],
      statutoryRange: { minFen: 1_000 * YUAN, maxFen: 10_000 * YUAN },
      finesOnlyAfterRefusal: false,
      requiresDirectPenalty: true,
    },
    act: { actId: 'act-1', actDate: '2025-08-30', priorFineDecisionCount: 0 },
    flags: FLAGS,
    officers: [OFFICER_A, OFFICER_B],
    ...overrides,
  };
}

/** A summary case: a norm with fines of 50–200 yuan. */
export function summaryFacts(overrides: Partial<NewCaseFacts> = {}): NewCaseFacts {
  return ordinaryFacts({
    procedure: 'summary',
    offence: {
      code: 'SR-01',
      provision: '《上海市市容环境卫生管理条例》第二十四条',
      penaltyTypes: ['warning', 'fine'],
      statutoryRange: { minFen: 50 * YUAN, maxFen: 3_000 * YUAN },
      finesOnlyAfterRefusal: false,
      requiresDirectPenalty: true,
    },
    ...overrides,
  });
}

/** Apply one action as all roles, on the action's own date unless `today` is given. */
export function step<A extends CaseAction>(s: CaseSnapshot, action: A, input: CaseActionInput<A>, today?: LegalDate): CaseSnapshot {
  return applyCaseAction(s, action, input, ALL_ROLES, ctxOn(today ?? input.date));
}

export function signedRecord(
  date: LegalDate,
  officers: readonly TeamOfficer[] = [OFFICER_A, OFFICER_B],
): OfficerRecordInput & { date: LegalDate } {
  return { date, officers, credentialsShown: true, officersSigned: true, partySigned: true, witnessSigned: false };
}

export function noticeContents(hearingRightStated: boolean): PriorNoticeContents {
  return {
    proposedPenaltyStated: true,
    factsStated: true,
    reasonsStated: true,
    legalBasisStated: true,
    statementRightsStated: true,
    hearingRightStated,
  };
}

export function fine(yuan: number) {
  return { penalties: ['fine'] as const, fineFen: yuan * YUAN };
}

/** Registered 2025-09-01, filed 2025-09-02, investigated, concluded 2025-09-10, reviewed 2025-09-11 proposing `fineYuan`. */
export function reviewedCase(
  fineYuan: number,
  facts: NewCaseFacts = ordinaryFacts(),
  proposedOutcome: DecisionOutcome = 'penalty',
): CaseSnapshot {
  let s = newCaseSnapshot(facts);
  s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'patrol' });
  s = step(s, 'recordInspection', signedRecord('2025-09-01'));
  s = step(s, 'submitFiling', { date: '2025-09-01' });
  s = step(s, 'approveFiling', { date: '2025-09-02' });
  s = step(s, 'addEvidence', { date: '2025-09-03', evidenceType: 'audio_visual' });
  s = step(s, 'recordQuestioning', signedRecord('2025-09-04'));
  s = step(s, 'concludeInvestigation', { date: '2025-09-10' });
  return step(s, 'reviewCase', {
    date: '2025-09-11',
    proposedOutcome,
    ...(proposedOutcome === 'penalty' ? { proposedPenalty: fine(fineYuan) } : {}),
  });
}

export function summaryForm(serialNumber = '沪城管当罚〔2025〕000123'): SummaryDecisionForm {
  return printedSummaryForm({
    serialNumber,
    partySigned: true,
    refusalNoted: false,
    remedyText: summaryRemedyText({ level: 'district', districtName: '上海市浦东新区' }).textZh,
  });
}

export function summaryDraft(facts: NewCaseFacts = summaryFacts(), on: LegalDate = '2025-09-01'): CaseSnapshot {
  return step(newCaseSnapshot(facts), 'register', { date: on, procedure: 'summary', discoveredOn: on, source: 'patrol' });
}
