// The records-only steps of service and enforcement: F2 consent, Art. 73 review / litigation pause, enforcementView.
import { describe, expect, it } from 'vitest';
import { CaseRuleError } from './case.errors.ts';
import { enforcementRecheckOn, enforcementView, type EnforcementView } from './case.enforcement.ts';
import { allowedActions, evaluateAction } from './case.evaluate.ts';
import { ALL_ROLES, CALENDAR, ctxOn, fine, noticeContents, reviewedCase, step } from './case.fixtures.ts';
import { addDays, compareDates } from '../calendar/legal-date.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { courtEnforcementWindow } from '../law/enforcement.ts';

function decided(): CaseSnapshot {
  let s = reviewedCase(2_000);
  s = step(s, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
  return step(s, 'decide', {
    date: '2025-09-18',
    outcome: 'penalty',
    penalty: fine(2_000),
    citesHearingRecord: false,
    educationRecorded: false,
  });
}

function refusal(fn: () => unknown): CaseRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CaseRuleError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('recordServiceConsent (F2)', () => {
  it('F2 electronic service is refused without the consent and allowed after it, on or after the signing day', () => {
    const s = decided();
    expect(refusal(() => step(s, 'serveDecision', { date: '2025-09-19', method: 'electronic' })).ruleId).toBe('F2');
    const consented = step(s, 'recordServiceConsent', { date: '2025-09-19', channel: 'sms', address: '13812345678', via: 'paper' });
    expect(consented.party.electronicServiceConsentOn).toBe('2025-09-19');
    expect(consented.state).toBe('decided');
    expect(consented.records.at(-1)).toEqual({ kind: 'e_service_consent', date: '2025-09-19' });
    expect(step(consented, 'serveDecision', { date: '2025-09-19', method: 'electronic' }).state).toBe('decision_served');
  });

  it('F2 the confirmation names a valid address for its channel', () => {
    const s = decided();
    const bad = refusal(() =>
      step(s, 'recordServiceConsent', { date: '2025-09-19', channel: 'email', address: 'not-an-address', via: 'portal' }),
    );
    expect(bad).toMatchObject({ ruleId: 'F2', field: 'address' });
    expect(refusal(() => step(s, 'recordServiceConsent', { date: '2025-09-19', channel: 'sms', address: 'x', via: 'portal' })).field).toBe(
      'address',
    );
    expect(step(s, 'recordServiceConsent', { date: '2025-09-19', channel: 'email', address: 'a@b.cn', via: 'portal' }).party).toMatchObject(
      {
        electronicServiceConsentOn: '2025-09-19',
      },
    );
  });

  it('a consent signed at the inspection may be recorded later but not dated before discovery or in the future', () => {
    const s = decided();
    expect(
      step(s, 'recordServiceConsent', { date: '2025-09-05', channel: 'sms', address: '13812345678', via: 'paper' }, '2025-09-19').party,
    ).toMatchObject({ electronicServiceConsentOn: '2025-09-05' });
    expect(
      refusal(() =>
        step(s, 'recordServiceConsent', { date: '2025-08-01', channel: 'sms', address: '13812345678', via: 'paper' }, '2025-09-19'),
      ).ruleId,
    ).toBe('CHRONOLOGY');
    expect(
      refusal(() =>
        step(s, 'recordServiceConsent', { date: '2025-09-20', channel: 'sms', address: '13812345678', via: 'paper' }, '2025-09-19'),
      ).ruleId,
    ).toBe('CHRONOLOGY');
  });

  it('records taken on an outside event are no task: allowedActions leaves them out', () => {
    const listed = allowedActions(decided(), ALL_ROLES, ctxOn('2025-09-19')).map((a) => a.action);
    expect(listed).not.toContain('recordServiceConsent');
    expect(listed).not.toContain('recordReviewOrLitigation');
    expect(listed).toContain('serveDecision');
  });

  it('the portal consent needs an officer-level role (the portal acts through a channel actor with that role)', () => {
    const s = decided();
    const r = evaluateAction(s, 'recordServiceConsent', undefined, ['commander'], ctxOn('2025-09-19'));
    expect(r.blockedBy.map((b) => b.ruleId)).toContain('ROLE');
  });
});

describe('recordReviewOrLitigation (G2 pause, 处罚法 Art. 73)', () => {
  it('G2 the surcharge does not accrue while a review is pending, and resumes after it ends', () => {
    let s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    // G1: 15 days from 09-19 end on 10-04, inside the National Day holiday: moved to 10-09 (民法典 Art. 203).
    expect(enforcementView(s, ctxOn('2025-10-15')).paymentDue).toBe('2025-10-09');
    expect(enforcementView(s, ctxOn('2025-10-15'))).toMatchObject({ status: 'awaiting_reminder', overdueDays: 6, surchargeFen: 36_000 });
    s = step(
      s,
      'recordReviewOrLitigation',
      { date: '2025-10-13', kind: 'review', stage: 'filed', body: '上海市浦东新区人民政府' },
      '2025-10-15',
    );
    expect(s.enforcement.reviewOrLitigationFiled).toBe(true);
    // 10-10..10-12 count (3 days), 10-13..10-25 paused (13 days).
    expect(enforcementView(s, ctxOn('2025-10-25'))).toMatchObject({
      status: 'review_pending',
      overdueDays: 3,
      pausedDays: 13,
      surchargeFen: 18_000,
    });
    s = step(s, 'recordReviewOrLitigation', { date: '2025-10-25', kind: 'review', stage: 'ended', result: '维持' });
    expect(s.enforcement.reviewOrLitigationIntervals).toEqual([{ from: '2025-10-13', to: '2025-10-25' }]);
    // 10-26 and 10-27 count again.
    expect(enforcementView(s, ctxOn('2025-10-27'))).toMatchObject({ overdueDays: 5, pausedDays: 13, surchargeFen: 30_000 });
  });

  it('G2 refuses a second filing while one is pending, an end without a filing, and an end before the filing', () => {
    const s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    expect(
      refusal(() => step(s, 'recordReviewOrLitigation', { date: '2025-10-01', kind: 'review', stage: 'ended', result: '维持' })).field,
    ).toBe('stage');
    expect(refusal(() => step(s, 'recordReviewOrLitigation', { date: '2025-10-01', kind: 'review', stage: 'filed' })).field).toBe('body');
    const filed = step(s, 'recordReviewOrLitigation', { date: '2025-10-01', kind: 'litigation', stage: 'filed', body: '浦东新区人民法院' });
    expect(
      refusal(() => step(filed, 'recordReviewOrLitigation', { date: '2025-10-02', kind: 'review', stage: 'filed', body: '区政府' })).ruleId,
    ).toBe('G2');
    expect(
      refusal(() =>
        step(filed, 'recordReviewOrLitigation', { date: '2025-09-30', kind: 'litigation', stage: 'ended', result: '驳回' }, '2025-10-02'),
      ).field,
    ).toBe('date');
  });

  it('G3 a filed review or lawsuit closes the Art. 53 route to the court', () => {
    let s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    s = step(s, 'startEnforcement', { date: '2025-10-10', kind: 'reminder' });
    s = step(s, 'recordReviewOrLitigation', { date: '2025-10-11', kind: 'litigation', stage: 'filed', body: '浦东新区人民法院' });
    const r = evaluateAction(s, 'startEnforcement', { date: '2026-04-01', kind: 'court_application' }, ALL_ROLES, ctxOn('2026-04-01'));
    expect(r.blockedBy.map((b) => b.ruleId)).toContain('G3');
  });
});

describe('enforcementView', () => {
  it('G1 → 待催告 → 已催告 → 可申请 (G3 window) → 临近申请期限 → passed', () => {
    let s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    expect(enforcementView(s, ctxOn('2025-10-09')).status).toBe('paying');
    expect(enforcementView(s, ctxOn('2025-10-10')).status).toBe('awaiting_reminder');
    s = step(s, 'startEnforcement', { date: '2025-10-10', kind: 'reminder' });
    const w = courtEnforcementWindow(
      { decisionReceivedOn: '2025-09-19', reviewOrLitigationFiled: false, reminderServedOn: '2025-10-10', today: '2026-04-01' },
      CALENDAR,
    );
    const v = enforcementView(s, ctxOn('2025-10-20'));
    expect(v).toMatchObject({
      status: 'reminded',
      courtOpensOn: w.opensOn,
      courtClosesOn: w.closesOn.due,
      reminderWaitEnds: w.reminderWaitEnds!.due,
    });
    // The litigation period (6 months) ends 2026-03-19: the window opens the day after and closes 3 months later.
    expect(w.opensOn).toBe('2026-03-20');
    expect(enforcementView(s, ctxOn('2026-03-20')).status).toBe('court_window_open');
    expect(enforcementView(s, ctxOn(w.closesOn.due)).status).toBe('court_deadline_near');
    expect(enforcementView(s, ctxOn('2026-12-31')).status).toBe('court_deadline_passed');
    expect(enforcementView(step(s, 'recordPayment', { date: '2025-10-21', amountFen: 400_000 }), ctxOn('2025-10-22')).status).toBe('none');
  });
});

describe('enforcementRecheckOn (the daily check looks again only where the calendar can change the view)', () => {
  /** What the enforcement list keeps of a view. */
  const kept = (v: EnforcementView) => ({
    status: v.status,
    fineFen: v.fineFen,
    surchargeFen: v.surchargeFen,
    paymentDue: v.paymentDue,
    reminderServedOn: v.reminderServedOn,
    courtOpensOn: v.courtOpensOn,
    courtClosesOn: v.courtClosesOn,
    courtAppliedOn: v.courtAppliedOn,
  });

  /**
   * For each checked day from `from` to `to`: every day after it and before its recheck day (or, with none, the next
   * `horizon` days) has the same view. Answers the recheck days, to assert on.
   */
  function holdsUntilRecheck(s: CaseSnapshot, from: string, to: string, everyDays = 3, horizon = 400): Map<string, string | null> {
    const seen = new Map<string, string | null>();
    for (let today = from; compareDates(today, to) <= 0; today = addDays(today, everyDays)) {
      const view = enforcementView(s, ctxOn(today));
      const recheck = enforcementRecheckOn(view, s, today);
      seen.set(today, recheck);
      if (recheck !== null) expect(compareDates(recheck, today)).toBeGreaterThan(0);
      const until = recheck ?? addDays(today, horizon);
      for (let d = addDays(today, 1); compareDates(d, until) < 0; d = addDays(d, 1)) {
        expect(kept(enforcementView(s, ctxOn(d))), `${today} → ${d}`).toEqual(kept(view));
      }
    }
    return seen;
  }

  it('G1 paying: looked at again the day after the payment is due; G2 then daily until the surcharge reaches the fine', () => {
    const s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    const seen = holdsUntilRecheck(s, '2025-09-20', '2026-01-10', 1);
    // Paying until 10-09 (the holiday moved the G1 deadline): the first overdue day is the next look.
    expect(seen.get('2025-09-20')).toBe('2025-10-10');
    expect(seen.get('2025-10-11')).toBe('2025-10-12');
    // 3 % a day reaches the fine after 34 overdue days (10-10 … 11-12): then only the 催告 (a step) changes 待催告.
    expect(enforcementView(s, ctxOn('2025-11-20'))).toMatchObject({ status: 'awaiting_reminder', surchargeFen: 200_000 });
    expect(seen.get('2025-11-20')).toBeNull();
  });

  it('G3 after the 催告: daily through the court window, none once it has passed or the court was applied to', () => {
    let s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    s = step(s, 'startEnforcement', { date: '2025-10-10', kind: 'reminder' });
    const seen = holdsUntilRecheck(s, '2025-10-11', '2026-08-01', 7);
    expect(seen.get('2026-03-21')).toBe('2026-03-22');
    expect(enforcementView(s, ctxOn('2026-08-01')).status).toBe('court_deadline_passed');
    expect(seen.get('2026-08-01')).toBeNull();
  });

  it('G2 under 复议: no look until a step ends it; settled: none', () => {
    let s = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    const pending = step(s, 'recordReviewOrLitigation', {
      date: '2025-10-13',
      kind: 'review',
      stage: 'filed',
      body: '上海市浦东新区人民政府',
    });
    expect(holdsUntilRecheck(pending, '2025-10-13', '2025-12-31').get('2025-10-13')).toBeNull();
    s = step(s, 'recordPayment', { date: '2025-10-21', amountFen: 400_000 });
    expect(holdsUntilRecheck(s, '2025-10-22', '2025-12-31').get('2025-10-22')).toBeNull();
  });

  it('G1 with a deferral and an instalment plan (处罚法 Art. 66): every instalment counts on its own day', () => {
    const served = step(decided(), 'serveDecision', { date: '2025-09-19', method: 'direct' });
    const deferred = step(served, 'approveDeferral', { date: '2025-09-25', until: '2025-12-31', reason: '确有经济困难' });
    expect(holdsUntilRecheck(deferred, '2025-09-26', '2026-03-01').get('2025-09-26')).toBe('2026-01-01');
    // Three instalments, the last on the deferral's end.
    const instalments = ['2025-10-20', '2025-11-20', '2025-12-15'].map((dueOn, i) => ({ dueOn, amountFen: i === 0 ? 66_668 : 66_666 }));
    const plan = step(served, 'approveDeferral', { date: '2025-09-25', until: '2025-12-15', reason: '分期缴纳', instalments });
    expect(holdsUntilRecheck(plan, '2025-09-26', '2026-02-01', 5).get('2025-09-26')).toBe('2025-09-27');
  });
});
