import { afterEach, describe, expect, it, vi } from 'vitest';
import { bureauDay, bureauTime, bureauToday } from './bureauTime';

// Sunday 6 December 2026, 16:45 UTC is already Monday 7 December, 00:45 in Shanghai: a console on a UTC machine
// must still call that day Monday (the roster's week, every default date).
describe('bureau time', () => {
  afterEach(() => vi.useRealTimers());

  it('today is the Shanghai date, not the browser’s', () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T16:45:00Z') });
    expect(bureauToday().format('YYYY-MM-DD')).toBe('2026-12-07');
    expect(bureauToday().day()).toBe(1);
  });

  it('an instant’s day and wall time are Shanghai’s', () => {
    expect(bureauDay('2026-12-06T16:45:00Z').format('YYYY-MM-DD')).toBe('2026-12-07');
    expect(bureauDay('2026-12-06T15:59:59Z').format('YYYY-MM-DD')).toBe('2026-12-06');
    expect(bureauTime('2026-12-06T16:45:00Z')).toBe('2026/12/7 00:45:00');
  });
});
