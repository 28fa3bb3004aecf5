// Where the case stands: stages with the day reached, the running clocks (working days with 调休 where the law counts them).
import { describe, expect, it } from 'vitest';
import { runningDeadlines } from './case.deadlines.ts';
import { caseProgress } from './case.progress.ts';
import { OFFICER_A, OFFICER_B, ctxOn, fine, noticeContents, reviewedCase, step, summaryDraft, summaryForm } from './case.fixtures.ts';
import type { CaseSnapshot } from './case-snapshot.ts';

function progressOn(s: CaseSnapshot, today: string) {
  const ctx = ctxOn(today);
  return caseProgress(s, runningDeadlines(s, ctx), ctx);
}

describe('caseProgress: the ordinary path', () => {
  it('after 案件审核: filing, investigation and review are done with their dates; 事先告知 is current', () => {
    const p = progressOn(reviewedCase(2_000), '2025-09-12');
    expect(p.path).toBe('ordinary');
    expect(p.stages.map((x) => x.stage)).toEqual([
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
    ]);
    expect(p.stages.slice(0, 4).map((x) => [x.status, x.reachedOn])).toEqual([
      ['done', '2025-09-02'],
      ['done', '2025-09-10'],
      ['done', '2025-09-11'],
      ['current', null],
    ]);
    expect(p.current).toBe('notice');
    expect(p.stages.slice(4).every((x) => x.status === 'upcoming')).toBe(true);
    expect(p.offPath).toBeNull();
  });

  it('D2 statement clock counts working days with the 调休 Sunday (2025-09-28) and E4 counts calendar days from filing', () => {
    // Notice served Friday 2025-09-26: three working days are Sunday 09-28 (调休), Monday 09-29, Tuesday 09-30.
    const s = step(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-26', proposed: fine(2_000), contents: noticeContents(false) });
    const p = progressOn(s, '2025-09-28');
    expect(p.current).toBe('statement');
    expect(p.stages.find((x) => x.stage === 'notice')).toMatchObject({ status: 'done', reachedOn: '2025-09-26' });
    const statement = p.clocks.find((c) => c.kind === 'statement')!;
    expect(statement).toMatchObject({
      holder: 'party',
      unit: 'working_day',
      startedOn: '2025-09-26',
      dueDate: '2025-09-30',
      elapsed: 1,
      total: 3,
      remaining: 2,
      ruleId: 'D2',
    });
    expect(statement.citation?.zh).toBe('《中华人民共和国行政处罚法》第六十二条');
    const decision = p.clocks.find((c) => c.kind === 'decision')!;
    // Filed 2025-09-02: ninety days end on 2025-12-01 (a Monday).
    expect(decision).toMatchObject({
      unit: 'calendar_day',
      startedOn: '2025-09-02',
      dueDate: '2025-12-01',
      elapsed: 26,
      total: 90,
      remaining: 64,
    });
    expect(decision.citation?.zh).toBe('《中华人民共和国行政处罚法》第六十条');
  });

  it('after the statement period ran out the statement stage is done on its last day; an overdue clock goes negative', () => {
    const s = step(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-26', proposed: fine(2_000), contents: noticeContents(false) });
    const p = progressOn(s, '2025-12-03');
    expect(p.stages.find((x) => x.stage === 'statement')).toMatchObject({ status: 'done', reachedOn: '2025-09-30' });
    expect(p.current).toBe('decision');
    const decision = p.clocks.find((c) => c.kind === 'decision')!;
    expect(decision.state).toBe('overdue');
    expect(decision.remaining).toBe(-2);
    expect(p.clocks.find((c) => c.kind === 'statement')).toBeUndefined();
  });

  it('a suspended case is off its path but keeps its stages; the E4 clock is paused', () => {
    const s = step(reviewedCase(2_000), 'suspend', { date: '2025-09-15', reason: '当事人下落不明', legalBasis: '行政处罚法第六十条' });
    const p = progressOn(s, '2025-09-20');
    expect(p.offPath).toMatchObject({ state: 'suspended', ended: false });
    expect(p.offPath!.labelZh).toContain('2025-09-15');
    expect(p.clocks.find((c) => c.kind === 'decision')?.state).toBe('paused');
  });
});

describe('caseProgress: the summary path is shorter', () => {
  it('当场处罚决定 → 缴纳罚款 → 结案 → 归档, with the decision day', () => {
    let s = summaryDraft();
    s = step(s, 'addEvidence', { date: '2025-09-01', evidenceType: 'audio_visual' });
    s = step(s, 'issueSummaryDecision', { date: '2025-09-01', officers: [OFFICER_A, OFFICER_B], penalty: fine(150), form: summaryForm() });
    const p = progressOn(s, '2025-09-02');
    expect(p.path).toBe('summary');
    expect(p.stages.map((x) => [x.labelZh, x.status, x.reachedOn])).toEqual([
      ['当场处罚决定', 'done', '2025-09-01'],
      ['缴纳罚款', 'current', null],
      ['结案', 'upcoming', null],
      ['归档', 'upcoming', null],
    ]);
    const payment = p.clocks.find((c) => c.kind === 'payment')!;
    expect(payment).toMatchObject({ holder: 'party', unit: 'calendar_day', startedOn: '2025-09-01', elapsed: 1 });
  });
});
