import { describe, expect, it } from 'vitest';
import { drawPaper, gradePaper, renewalTrainingCheck, squadShares, trainingProgress } from './index.ts';

const REQ = { hours: 60, credits: 24 };

describe('T1 credential renewal requires the year’s training', () => {
  it('passes with 60 学时 / 24 学分 in the renewal year or the year before, refuses otherwise', () => {
    expect(renewalTrainingCheck(2026, new Map([[2026, { hours: 60, credits: 24 }]]), REQ)).toEqual({ ok: true, year: 2026 });
    expect(renewalTrainingCheck(2026, new Map([[2025, { hours: 61, credits: 30 }]]), REQ)).toEqual({ ok: true, year: 2025 });
    const r = renewalTrainingCheck(2026, new Map([[2025, { hours: 59.5, credits: 24 }]]), REQ);
    expect(r).toMatchObject({ ok: false, ruleId: 'T1', year: 2025, totals: { hours: 59.5 } });
  });
});

describe('training progress, papers, grading, squad shares', () => {
  it('progress is the smaller share', () => {
    expect(trainingProgress({ hours: 30, credits: 24 }, REQ)).toMatchObject({ percent: 50, complete: false });
    expect(trainingProgress({ hours: 60, credits: 24 }, REQ).complete).toBe(true);
  });
  it('the same seed draws the same paper, another seed another one', () => {
    const bank = Array.from({ length: 30 }, (_, i) => `q${String(i).padStart(2, '0')}`);
    const a = drawPaper(bank, 10, 42);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(drawPaper([...bank].reverse(), 10, 42)).toEqual(a);
    expect(drawPaper(bank, 10, 43)).not.toEqual(a);
  });
  it('grades exact answers, order ignored', () => {
    const qs = [
      { id: 'a', answer: ['A'] },
      { id: 'b', answer: ['B', 'C'] },
    ];
    expect(gradePaper(qs, { a: ['a'], b: ['C', 'B'] })).toBe(100);
    expect(gradePaper(qs, { a: ['A'], b: ['B'] })).toBe(50);
  });
  it('shares of rated squads against the targets', () => {
    expect(squadShares(10, ['model', 'star', 'standard', 'standard'], { modelPct: 40, ratedPct: 98 })).toMatchObject({
      ratedPct: 40,
      modelPct: 20,
      ratedMet: false,
      modelMet: false,
    });
  });
});
