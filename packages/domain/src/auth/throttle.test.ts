import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_THROTTLE_LIMITS, parseThrottleLimit, throttleVerdict, throttleWindow } from './throttle.ts';

const FIFTEEN = { limit: 30, windowMinutes: 15 };

describe('parseThrottleLimit', () => {
  it('reads N attempts per M minutes', () => {
    expect(parseThrottleLimit('30/15')).toEqual({ limit: 30, windowMinutes: 15 });
    expect(parseThrottleLimit(' 5/1440 ')).toEqual({ limit: 5, windowMinutes: 1440 });
  });
  it('refuses malformed and out-of-range values', () => {
    for (const bad of ['', '30', '30/', '/15', '0/15', '30/0', '30/15m', '-1/15', '1.5/15', '30/99999', '200000/1']) {
      expect(parseThrottleLimit(bad), bad).toBeNull();
    }
  });
  it('accepts every default written as N/M', () => {
    for (const l of Object.values(DEFAULT_THROTTLE_LIMITS)) expect(parseThrottleLimit(`${l.limit}/${l.windowMinutes}`)).toEqual(l);
  });
});

describe('throttleWindow', () => {
  it('aligns fixed windows to the epoch, so two processes agree', () => {
    const w = throttleWindow(new Date('2026-03-02T02:07:30Z'), FIFTEEN);
    expect(w.start.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-03-02T02:15:00.000Z');
    expect(throttleWindow(new Date('2026-03-02T02:15:00Z'), FIFTEEN).start.toISOString()).toBe('2026-03-02T02:15:00.000Z');
  });
  it('holds the instant: start ≤ now < end, one window long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: 1, max: 10_080 }), (t, minutes) => {
        const now = new Date(t);
        const w = throttleWindow(now, { limit: 1, windowMinutes: minutes });
        return w.start.getTime() <= t && t < w.end.getTime() && w.end.getTime() - w.start.getTime() === minutes * 60_000;
      }),
    );
  });
});

describe('throttleVerdict', () => {
  const now = new Date('2026-03-02T02:14:59.200Z');
  it('allows up to the limit and refuses beyond, until the window ends', () => {
    expect(throttleVerdict(30, FIFTEEN, now).allowed).toBe(true);
    expect(throttleVerdict(31, FIFTEEN, now)).toEqual({ allowed: false, retryAfterSeconds: 1, firstRefusal: true });
    expect(throttleVerdict(32, FIFTEEN, now).firstRefusal).toBe(false);
    expect(throttleVerdict(31, FIFTEEN, new Date('2026-03-02T02:00:00Z')).retryAfterSeconds).toBe(900);
  });
});
