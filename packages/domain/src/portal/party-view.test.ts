import { describe, expect, it } from 'vitest';
import { ctxOn, fine, noticeContents, reviewedCase, step } from '../cases/case.fixtures.ts';
import type { CaseSnapshot } from '../cases/case-snapshot.ts';
import { partyDeadlines, partyStateText, portalStatementRefusal } from './party-view.ts';

// 2025-09-15 is a Monday; the notice is served that day.
function noticed(fineYuan: number, hearing: boolean): CaseSnapshot {
  return step(reviewedCase(fineYuan), 'issuePriorNotice', {
    date: '2025-09-15',
    proposed: fine(fineYuan),
    contents: noticeContents(hearing),
  });
}

function served(fineYuan = 1_000): CaseSnapshot {
  let s = noticed(fineYuan, false);
  s = step(s, 'decide', {
    date: '2025-09-22',
    outcome: 'penalty',
    penalty: fine(fineYuan),
    citesHearingRecord: false,
    educationRecorded: false,
  });
  return step(s, 'serveDecision', { date: '2025-09-23', method: 'direct' });
}

const kind = (s: CaseSnapshot, today: string, k: string) => partyDeadlines(s, ctxOn(today)).find((d) => d.kind === k);

describe('the party’s deadlines in the portal', () => {
  it('D2 the statement period: 3 working days from the notice, with the days left', () => {
    const d = kind(noticed(1_000, false), '2025-09-16', 'statement')!;
    expect(d).toMatchObject({ dueDate: '2025-09-18', daysLeft: 2, state: 'open', titleZh: '陈述、申辩期限' });
    expect(d.basis.ruleId).toBe('D2');
    expect(kind(noticed(1_000, false), '2025-09-19', 'statement')).toMatchObject({ state: 'passed', daysLeft: -1 });
  });

  it('D2 a statement inside the period counts as done', () => {
    const s = step(noticed(1_000, false), 'recordStatement', { date: '2025-09-17' });
    expect(kind(s, '2025-09-19', 'statement')).toMatchObject({ state: 'done', doneOn: '2025-09-17' });
  });

  it('D5 the hearing request window appears only when the notice stated the right', () => {
    expect(kind(noticed(1_000, false), '2025-09-16', 'hearing_request')).toBeUndefined();
    const d = kind(noticed(5_000, true), '2025-09-16', 'hearing_request')!;
    expect(d).toMatchObject({ dueDate: '2025-09-22', daysLeft: 6, state: 'open' });
    expect(d.basis.ruleId).toBe('D5');
  });

  it('G1 payment within 15 days of receiving the decision; G2 the surcharge once overdue', () => {
    const s = served(1_000);
    expect(kind(s, '2025-09-24', 'payment')).toMatchObject({ dueDate: '2025-10-09', state: 'open', daysLeft: 15 });
    const late = kind(s, '2025-10-11', 'payment')!;
    expect(late).toMatchObject({ state: 'passed', daysLeft: -2, surchargeFen: 6_000 });
    expect(late.basis.ruleId).toBe('G1');
  });

  it('J1 review within 60 days and litigation within 6 months of receiving the decision', () => {
    const s = served();
    const review = kind(s, '2025-09-24', 'review')!;
    const lit = kind(s, '2025-09-24', 'litigation')!;
    expect(review).toMatchObject({ dueDate: '2025-11-24', state: 'open' });
    expect(review.basis.ruleId).toBe('J1');
    expect(lit).toMatchObject({ dueDate: '2026-03-23', state: 'open' });
    expect(lit.basis.articles).toContain('行政诉讼法 Art. 46');
  });

  it('D2 the portal refuses a statement after the period, naming the rule and the due date', () => {
    expect(portalStatementRefusal(noticed(1_000, false), ctxOn('2025-09-18'))).toBeNull();
    const r = portalStatementRefusal(noticed(1_000, false), ctxOn('2025-09-19'))!;
    expect(r).toMatchObject({ ruleId: 'D2', dueDate: '2025-09-18' });
    expect(r.messageZh).toContain('2025-09-18');
    expect(r.article).toContain('行政处罚法 Art. 62');
  });

  it('states are told in plain words', () => {
    expect(partyStateText('prior_notice_served')).toContain('陈述、申辩');
    expect(partyStateText('decision_served')).toContain('已送达');
  });
});
