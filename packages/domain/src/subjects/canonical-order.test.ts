import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOrder, DrawInputError, fnv1a32, isDrawId } from './canonical-order.ts';

const idArb = fc.string({ unit: fc.constantFrom(...'0123456789abcdefXYZ-_'.split('')), minLength: 1, maxLength: 12 });

describe('fnv1a32', () => {
  it('matches the published FNV-1a test values', () => {
    // Reference values of FNV-1a 32 (Fowler/Noll/Vo test suite): "a" and "foobar".
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('isDrawId', () => {
  it('accepts 1–64 printable ASCII characters only', () => {
    expect(isDrawId('0190c3b2-7abc-8def-0000-000000000001')).toBe(true);
    expect(isDrawId('x'.repeat(64))).toBe(true);
    expect(isDrawId('x'.repeat(65))).toBe(false);
    expect(isDrawId('')).toBe(false);
    expect(isDrawId('a b')).toBe(false);
    expect(isDrawId('陆家嘴')).toBe(false);
  });
});

describe('canonicalOrder', () => {
  it('gives the same order whatever order the items come in (property)', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(idArb, { maxLength: 60 })
          .chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))),
        ([ids, shuffled]) => {
          expect(canonicalOrder(shuffled, (x) => x)).toEqual(canonicalOrder(ids, (x) => x));
        },
      ),
    );
  });

  it('orders by (fnv1a32, id)', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `S${i}`);
    const ordered = canonicalOrder(ids, (x) => x);
    const expected = ids.slice().sort((a, b) => fnv1a32(a) - fnv1a32(b) || (a < b ? -1 : a > b ? 1 : 0));
    expect(ordered).toEqual(expected);
  });

  it('orders ids with equal hashes by id', () => {
    // A known FNV-1a 32 collision: both hash to 0x5e4daa9d.
    const a = 'costarring';
    const b = 'liquid';
    expect(fnv1a32(a)).toBe(fnv1a32(b));
    expect(canonicalOrder([b, a], (x) => x)).toEqual([a, b]);
    expect(canonicalOrder([a, b], (x) => x)).toEqual([a, b]);
  });

  it('names a duplicate or malformed id by its position', () => {
    expect(() => canonicalOrder(['A', 'B', 'A'], (x) => x, 'targets')).toThrow(DrawInputError);
    expect(() => canonicalOrder(['A', 'B', 'A'], (x) => x, 'targets')).toThrow(/targets\[(0|2)\]\.id: duplicate id A/);
    expect(() => canonicalOrder(['A', 'b c'], (x) => x, 'inspectors')).toThrow(/inspectors\[1\]\.id/);
  });
});
