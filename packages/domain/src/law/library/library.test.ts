import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findOverlappingVersion, repealedOnIsValid, spansOverlap } from './overlap.ts';
import { fenToYuan, yuanText, yuanToFen } from '../../money.ts';

describe('ART37 library versions never overlap', () => {
  it('treats the end date as the last day in force', () => {
    expect(spansOverlap({ from: '2020-01-01', to: '2024-12-31' }, { from: '2025-01-01' })).toBe(false);
    expect(spansOverlap({ from: '2020-01-01', to: '2025-01-01' }, { from: '2025-01-01' })).toBe(true);
    expect(spansOverlap({ from: '2020-01-01' }, { from: '2019-01-01', to: '2019-12-31' })).toBe(false);
    expect(spansOverlap({ from: '2020-01-01' }, { from: '2030-01-01' })).toBe(true);
  });

  it('finds the conflicting version', () => {
    const existing = [
      { id: 'a', from: '2019-07-01', to: '2023-06-30' },
      { id: 'b', from: '2023-07-01', to: null },
    ];
    expect(findOverlappingVersion({ from: '2024-01-01' }, existing)?.id).toBe('b');
    expect(findOverlappingVersion({ from: '2010-01-01', to: '2019-06-30' }, existing)).toBeUndefined();
  });

  it('is symmetric', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    const span = fc.tuple(day, fc.option(day)).map(([a, b]) => (b && b < a ? { from: b, to: a } : { from: a, to: b }));
    fc.assert(fc.property(span, span, (a, b) => spansOverlap(a, b) === spansOverlap(b, a)));
  });

  it('refuses a repeal on or before the effective day', () => {
    expect(repealedOnIsValid('2021-07-15', '2021-07-14')).toBe(false);
    expect(repealedOnIsValid('2021-07-15', '2021-07-15')).toBe(false);
    expect(repealedOnIsValid('2021-07-15', '2021-07-16')).toBe(true);
  });
});

describe('spreadsheet money (元 → 分)', () => {
  it('reads numbers and numeric text', () => {
    expect(yuanToFen(200)).toBe(20_000);
    expect(yuanToFen(200.5)).toBe(20_050);
    expect(yuanToFen('5,000')).toBe(500_000);
    expect(yuanToFen(' 50000.01 ')).toBe(5_000_001);
    expect(fenToYuan(20_050)).toBe(200.5);
  });

  it('refuses text, units, negatives and fractions of a fen', () => {
    for (const bad of ['五千', '200元', '-5', '1.234', '', '1,00', 'abc']) expect(yuanToFen(bad)).toBeNull();
    expect(yuanToFen(-1)).toBeNull();
    expect(yuanToFen(0.001)).toBeNull();
  });
});

describe('yuan for people (one formatter of amounts)', () => {
  it('groups thousands and writes two decimals, or none for a whole amount where asked', () => {
    expect(yuanText(200_000, { unit: true })).toBe('2,000.00 元');
    expect(yuanText(123_456_789)).toBe('1,234,567.89');
    expect(yuanText(5, { unit: true })).toBe('0.05 元');
    expect(yuanText(0)).toBe('0.00');
    expect(yuanText(100_000, { decimals: 'whole-as-integer', unit: true })).toBe('1,000 元');
    expect(yuanText(100_050, { decimals: 'whole-as-integer', unit: true })).toBe('1,000.50 元');
    expect(yuanText(-2_050)).toBe('-20.50');
  });

  it('reads back what it writes', () => {
    for (const fen of [0, 1, 99, 100, 20_050, 123_456_789]) expect(yuanToFen(yuanText(fen))).toBe(fen);
  });
});
