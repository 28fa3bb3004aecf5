// runningDeadlines: every deadline of a case with its due date, basis and state.
import { describe, expect, it } from 'vitest';
import { courtEnforcementWindow } from '../law/enforcement.ts';
import { caseAmountDue, runningDeadlines, type CaseDeadlineKind } from './case.deadlines.ts';
import { enforcementView } from './case.enforcement.ts';
import { evaluateAction } from './case.evaluate.ts';
import {
  ALL_ROLES,
  CALENDAR,
  CHAIR_ID,
  OFFICER_A,
  OFFICER_B,
  ctxOn,
  fine,
  noticeContents,
  ordinaryFacts,
  reviewedCase,
  step,
  summaryDraft,
  summaryForm,
} from './case.fixtures.ts';
import { newCaseSnapshot } from './case.reducer.ts';
import type { CaseSnapshot } from './case-snapshot.ts';

function kind(s: CaseSnapshot, today: string, k: CaseDeadlineKind) {
  return runningDeadlines(s, ctxOn(today)).find((d) => d.kind === k);
}

describe('runningDeadlines', () => {
  it('C2 filing: 7 working days from discovery (config, unverified), met on filing', () => {
    let s = newCaseSnapshot(ordinaryFacts());
    s = step(s, 'register', { date: '2025-09-01', procedure: 'ordinary', discoveredOn: '2025-09-01', source: 'patrol' });
    expect(kind(s, '2025-09-02', 'filing')).toMatchObject({
      dueDate: '2025-09-10',
      state: 'running',
      holder: 'agency',
      basis: { ruleId: 'C2' },
    });
    expect(kind(s, '2025-09-11', 'filing')?.state).toBe('overdue');
    s = step(s, 'submitFiling', { date: '2025-09-02' });
    s = step(s, 'approveFiling', { date: '2025-09-03' });
    expect(kind(s, '2025-09-11', 'filing')).toMatchObject({ state: 'met', doneOn: '2025-09-03' });
  });

  it('D2 statement and D5 hearing request run from the notice; they lapse (met) when the party does nothing', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    expect(kind(s, '2025-09-15', 'statement')).toMatchObject({
      dueDate: '2025-09-17',
      state: 'running',
      holder: 'party',
      basis: { ruleId: 'D2' },
    });
    expect(kind(s, '2025-09-15', 'hearing_request')).toMatchObject({ dueDate: '2025-09-19', state: 'running', basis: { ruleId: 'D5' } });
    expect(kind(s, '2025-09-22', 'statement')?.state).toBe('met');
    expect(kind(s, '2025-09-22', 'hearing_request')?.state).toBe('met');
  });

  it('D6 hearing notice: 7 working days before the hearing; E4 met by the decision; F1 service across National Day', () => {
    let s = reviewedCase(6_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
    s = step(s, 'requestHearing', { date: '2025-09-15' });
    s = step(s, 'scheduleHearing', {
      date: '2025-09-16',
      hearingOn: '2025-09-26',
      chairOfficerId: CHAIR_ID,
      agentCount: 0,
      publicHearing: true,
      secretOrPrivacy: false,
    });
    expect(kind(s, '2025-09-16', 'hearing_notice')).toMatchObject({ dueDate: '2025-09-17', state: 'met', doneOn: '2025-09-16' });
    expect(kind(s, '2025-09-16', 'hearing_request')).toMatchObject({ state: 'met', doneOn: '2025-09-15' });
    s = step(s, 'recordHearing', { date: '2025-09-26', recordSignedByParty: true, refusalNotedByChair: false });
    s = step(s, 'completeLegalReview', {
      date: '2025-09-29',
      result: 'pass',
      reviewerFirstTime: false,
      reviewerHasLegalQualification: true,
    });
    s = step(s, 'recordDeliberation', { date: '2025-09-29', conclusion: '同意' });
    s = step(s, 'decide', {
      date: '2025-09-30',
      outcome: 'penalty',
      penalty: fine(6_000),
      citesHearingRecord: true,
      educationRecorded: false,
    });
    expect(kind(s, '2025-09-30', 'decision')).toMatchObject({ dueDate: '2025-12-01', state: 'met', doneOn: '2025-09-30' });
    // 7 working days after 09-30: 10-09, 10-10, 10-11 (调休 Saturday), 10-13, 10-14, 10-15, 10-16.
    expect(kind(s, '2025-10-09', 'service')).toMatchObject({ dueDate: '2025-10-16', state: 'running', basis: { ruleId: 'F1' } });
    expect(kind(s, '2025-10-17', 'service')?.state).toBe('overdue');
  });

  it('G1 payment with a deferral; G2 surcharge capped at the fine; G3 court window after a reminder', () => {
    let s = reviewedCase(2_000);
    s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    s = step(s, 'decide', {
      date: '2025-09-18',
      outcome: 'penalty',
      penalty: fine(2_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    s = step(s, 'serveDecision', { date: '2025-09-19', method: 'direct' });
    expect(kind(s, '2025-09-20', 'payment')).toMatchObject({
      dueDate: '2025-10-09',
      state: 'running',
      holder: 'party',
      basis: { ruleId: 'G1' },
    });
    // 100 days late: 3 % × 100 > 100 % → capped at the fine.
    expect(kind(s, '2026-01-17', 'payment')).toMatchObject({ state: 'overdue', surchargeFen: 200_000 });
    s = step(s, 'startEnforcement', { date: '2025-10-10', kind: 'reminder' });
    const window = courtEnforcementWindow(
      { decisionReceivedOn: '2025-09-19', reviewOrLitigationFiled: false, reminderServedOn: '2025-10-10', today: '2026-04-01' },
      CALENDAR,
    );
    expect(kind(s, '2026-04-01', 'court_enforcement')).toMatchObject({
      dueDate: window.closesOn.due,
      opensOn: window.opensOn,
      state: 'running',
    });
    const deferred = step(
      step(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) }),
      'decide',
      {
        date: '2025-09-18',
        outcome: 'penalty',
        penalty: fine(2_000),
        citesHearingRecord: false,
        educationRecorded: false,
      },
    );
    const served = step(deferred, 'serveDecision', { date: '2025-09-19', method: 'direct' });
    const approved = step(served, 'approveDeferral', { date: '2025-09-25', until: '2025-12-31', reason: '确有经济困难' });
    expect(kind(approved, '2025-10-20', 'payment')).toMatchObject({ dueDate: '2025-12-31', state: 'running' });
  });

  it('G2: under an instalment plan a missed instalment accrues from its own due date — deadline, enforcement view, closing', () => {
    let s = step(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    s = step(s, 'decide', {
      date: '2025-09-18',
      outcome: 'penalty',
      penalty: fine(2_000),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    s = step(s, 'serveDecision', { date: '2025-09-19', method: 'direct' });
    s = step(s, 'approveDeferral', {
      date: '2025-09-25',
      until: '2025-12-01',
      reason: '确有经济困难',
      instalments: [
        { dueOn: '2025-11-03', amountFen: 100_000 },
        { dueOn: '2025-12-01', amountFen: 100_000 },
      ],
    });
    // The first instalment was missed on 11-03: ten days later it has accrued 3 % × 10 of 1,000 yuan.
    expect(kind(s, '2025-11-13', 'payment')).toMatchObject({ dueDate: '2025-12-01', surchargeFen: 30_000 });
    expect(enforcementView(s, ctxOn('2025-11-13'))).toMatchObject({ surchargeFen: 30_000, overdueDays: 10 });
    expect(caseAmountDue(s, '2025-11-13', CALENDAR)).toMatchObject({ surchargeFen: 30_000, dueNowFen: 130_000, dueFen: 230_000 });
    // Paid late (11-13) and the second on time: the principal alone does not close the case; with the surcharge it does.
    s = step(s, 'recordPayment', { date: '2025-11-13', amountFen: 100_000 });
    s = step(s, 'recordPayment', { date: '2025-12-01', amountFen: 100_000 });
    const blocked = evaluateAction(s, 'close', { date: '2025-12-02' }, ALL_ROLES, ctxOn('2025-12-02'));
    expect(blocked.blockedBy.map((b) => b.ruleId)).toContain('G2');
    s = step(s, 'recordPayment', { date: '2025-12-02', amountFen: 30_000 });
    expect(evaluateAction(s, 'close', { date: '2025-12-02' }, ALL_ROLES, ctxOn('2025-12-02')).allowed).toBe(true);
  });

  it('B4 cash hand-in and bank deposit: 2 working days each, counting the 调休 Sunday 2025-09-28', () => {
    let s = summaryDraft(undefined, '2025-09-26');
    s = step(s, 'issueSummaryDecision', { date: '2025-09-26', officers: [OFFICER_A, OFFICER_B], penalty: fine(50), form: summaryForm() });
    s = step(s, 'collectOnSpot', {
      date: '2025-09-26',
      officers: [OFFICER_A, OFFICER_B],
      receiptNumber: 'PJ-9',
      hardToEnforceLater: false,
      remoteArea: false,
      partyRequested: false,
    });
    expect(kind(s, '2025-09-26', 'cash_hand_in')).toMatchObject({ dueDate: '2025-09-29', state: 'running', basis: { ruleId: 'B4' } });
    expect(kind(s, '2025-09-26', 'payment')).toMatchObject({ state: 'met', doneOn: '2025-09-26' });
    const late = { ...s, summary: { ...s.summary!, cashHandedInOn: '2025-09-29' } };
    // 09-30, then the holiday week, then 10-09.
    expect(kind(late, '2025-10-10', 'bank_deposit')).toMatchObject({ dueDate: '2025-10-09', state: 'overdue' });
  });

  it('C3 preservation: 7 working days to decide on the preserved evidence', () => {
    const s = { ...reviewedCase(2_000), preservations: [{ preservedOn: '2025-09-26' }] };
    // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13.
    expect(kind(s, '2025-10-01', 'preservation')).toMatchObject({ dueDate: '2025-10-13', state: 'running', basis: { ruleId: 'C3' } });
  });
});
