import { describe, expect, it } from 'vitest';
import { forecastSeries, holtWinters, mape, seasonalNaive } from './forecast.ts';

// A monthly series with a season (summer high) and a slow rise.
const seasonal = (years: number) => Array.from({ length: years * 12 }, (_, i) => 100 + i + 30 * Math.sin(((i % 12) / 12) * 2 * Math.PI));

describe('F1 forecast', () => {
  it('F1 seasonal naive repeats the value one season back', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
    expect(seasonalNaive(s, 12, 3)).toEqual([2, 3, 4]);
    expect(seasonalNaive([5, 6], 12, 2)).toEqual([6, 6]);
    expect(seasonalNaive([], 12, 2)).toEqual([0, 0]);
  });

  it('F1 MAPE skips months whose actual is zero and is null when all are', () => {
    expect(mape([100, 0, 50], [90, 5, 55])).toBe(10);
    expect(mape([0, 0], [1, 2])).toBeNull();
  });

  it('F1 Holt-Winters follows a trending seasonal series closer than seasonal naive', () => {
    const s = seasonal(4);
    const r = forecastSeries(s, { holdout: 6, horizon: 3 });
    expect(r.method).toBe('holt_winters');
    expect(r.mape).not.toBeNull();
    expect(r.mape!).toBeLessThan(5);
    expect(r.forecast).toHaveLength(3);
    expect(r.holdoutForecast).toHaveLength(6);
  });

  it('F1 short series fall back to seasonal naive and never forecast below zero', () => {
    expect(holtWinters([3, 1], 12, 2)).toEqual([1, 1]);
    const r = forecastSeries([0, 0, 0, 0], { holdout: 2 });
    expect(r.mape).toBeNull();
    expect(r.forecast.every((x) => x >= 0)).toBe(true);
  });
});
