import { describe, expect, it } from 'vitest';
import { createUuidv7Generator, isUuid, isUuidV7, uuidv7, uuidv7Timestamp } from './uuid7.ts';

function seededBytes(seed: number): (n: number) => Uint8Array {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => Uint8Array.from({ length: n }, () => next() & 0xff);
}

const T0 = Date.UTC(2026, 0, 5, 8, 30);

describe('uuidv7 (RFC 9562)', () => {
  it('sets version 7 and variant 10', () => {
    const rand = seededBytes(1);
    for (let i = 0; i < 200; i++) {
      const id = uuidv7(T0 + i, rand);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuidV7(id)).toBe(true);
    }
    expect(uuidv7(0, () => new Uint8Array(10).fill(0xff))).toBe('00000000-0000-7fff-bfff-ffffffffffff');
    expect(uuidv7(0, () => new Uint8Array(10))).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('encodes the timestamp in the first 48 bits', () => {
    const id = uuidv7(T0, seededBytes(2));
    expect(uuidv7Timestamp(id)).toBe(T0);
    expect(id.slice(0, 13)).toBe(
      T0.toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})/, '$1-'),
    );
  });

  it('sorts by time as a string', () => {
    const rand = seededBytes(3);
    const ids = [T0 + 5000, T0, T0 + 1, T0 + 86_400_000, 1, 2 ** 48 - 1].map((t) => uuidv7(t, rand));
    const byTime = [...ids].sort((a, b) => uuidv7Timestamp(a) - uuidv7Timestamp(b));
    expect([...ids].sort()).toEqual(byTime);
  });

  it('rejects timestamps outside 48 bits and short random sources', () => {
    expect(() => uuidv7(-1, seededBytes(4))).toThrow(RangeError);
    expect(() => uuidv7(2 ** 48, seededBytes(4))).toThrow(RangeError);
    expect(() => uuidv7(1.5, seededBytes(4))).toThrow(RangeError);
    expect(() => uuidv7(T0, () => new Uint8Array(4))).toThrow(RangeError);
  });

  it('the generator is strictly increasing within a millisecond and when the clock steps back', () => {
    const clock = [T0, T0, T0, T0 - 10, T0 + 1, T0 + 1];
    let i = 0;
    const next = createUuidv7Generator(() => clock[Math.min(i++, clock.length - 1)]!, seededBytes(5));
    const ids = Array.from({ length: 5000 }, () => next());
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isUuidV7)).toBe(true);
  });
});

describe('isUuid', () => {
  it('accepts canonical UUIDs of any version and rejects others', () => {
    expect(isUuid('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(true);
    expect(isUuid('018F3A2B-0000-7000-8000-000000000000')).toBe(true);
    expect(isUuid('3f2504e04f8941d39a0c0305e82c3301')).toBe(false);
    expect(isUuid('3f2504e0-4f89-41d3-9a0c-0305e82c330')).toBe(false);
    expect(isUuid('g f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(false);
    expect(isUuid(42)).toBe(false);
    expect(isUuidV7('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(false);
  });
});
