// The load run's memory trend: a heap's collection sawtooth is flat, a steady rise is not.
import { describe, expect, it } from 'vitest';
import { trendPercent } from './load-stats.ts';

describe('trendPercent (resident memory flat after warm-up)', () => {
  it('reads a sawtooth between 480 and 640 MiB as flat, whatever phase the run ends in', () => {
    const saw = Array.from({ length: 150 }, (_, i) => 480 + ((i * 7) % 40) * 4);
    expect(Math.abs(trendPercent(saw)!)).toBeLessThan(3);
    expect(Math.abs(trendPercent(saw.slice(0, 131))!)).toBeLessThan(3);
  });

  it('reads a steady rise as growth, and has no answer without three samples', () => {
    const rising = Array.from({ length: 150 }, (_, i) => 400 + i);
    expect(trendPercent(rising)).toBeCloseTo(((524.5 - 424.5) / 424.5) * 100, 0);
    expect(trendPercent([500, 510])).toBeNull();
  });
});
