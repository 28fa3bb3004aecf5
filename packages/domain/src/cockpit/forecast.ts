// 趋势预测 (issue 16 §1, rule F1 of docs/cockpit.md): a monthly series continued a few months ahead by a seasonal
// method, with its error measured honestly — the last `holdout` months are hidden, forecast from the months before
// them, and compared (MAPE, mean absolute percentage error over the hidden months whose actual value is not zero).
// Two methods: seasonal naive (next January = last January) and additive Holt-Winters (level, trend, season; fixed
// smoothing constants so the answer is reproducible). The one with the lower holdout MAPE forecasts the future.
// Pure: the series is given, nothing is read.

export type ForecastMethod = 'seasonal_naive' | 'holt_winters';

export type ForecastResult = {
  method: ForecastMethod;
  /** The next `horizon` values after the series. */
  forecast: number[];
  /** Forecast of the held-out months from the months before them (same length as `holdout`). */
  holdoutForecast: number[];
  /** MAPE over the held-out months with a non-zero actual, in percent (1 decimal); null when none is non-zero or the series is too short. */
  mape: number | null;
  holdout: number;
};

export type ForecastOptions = {
  /** Season length in periods (12 for months). */
  season?: number;
  horizon?: number;
  holdout?: number;
  alpha?: number;
  beta?: number;
  gamma?: number;
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Seasonal naive: the value one season earlier; with less than one season, the last value. */
export function seasonalNaive(series: readonly number[], season: number, horizon: number): number[] {
  const out: number[] = [];
  const n = series.length;
  if (n === 0) return Array.from({ length: horizon }, () => 0);
  for (let h = 1; h <= horizon; h++) {
    if (n >= season) {
      const back = ((h - 1) % season) + 1;
      out.push(series[n - season + back - 1]!);
    } else out.push(series[n - 1]!);
  }
  return out;
}

/** Additive Holt-Winters; needs two full seasons, else falls back to seasonal naive. Forecasts are never below zero. */
export function holtWinters(series: readonly number[], season: number, horizon: number, alpha = 0.3, beta = 0.05, gamma = 0.2): number[] {
  const n = series.length;
  if (n < 2 * season) return seasonalNaive(series, season, horizon);
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = series.slice(0, season);
  const second = series.slice(season, 2 * season);
  let level = mean(first);
  let trend = (mean(second) - mean(first)) / season;
  const seasonal = first.map((x) => x - level);
  for (let t = season; t < n; t++) {
    const x = series[t]!;
    const s = seasonal[t % season]!;
    const lastLevel = level;
    level = alpha * (x - s) + (1 - alpha) * (level + trend);
    trend = beta * (level - lastLevel) + (1 - beta) * trend;
    seasonal[t % season] = gamma * (x - level) + (1 - gamma) * s;
  }
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) out.push(Math.max(0, level + h * trend + seasonal[(n + h - 1) % season]!));
  return out;
}

/** MAPE in percent over the pairs whose actual is not zero; null when there is none. */
export function mape(actual: readonly number[], predicted: readonly number[]): number | null {
  let sum = 0;
  let k = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    if (a === 0) continue;
    sum += Math.abs((a - predicted[i]!) / a);
    k += 1;
  }
  return k === 0 ? null : round1((sum / k) * 100);
}

const METHODS: Record<ForecastMethod, (s: readonly number[], season: number, h: number, o: ForecastOptions) => number[]> = {
  seasonal_naive: (s, season, h) => seasonalNaive(s, season, h),
  holt_winters: (s, season, h, o) => holtWinters(s, season, h, o.alpha, o.beta, o.gamma),
};

/** F1: forecast the series, choosing the method by its error on the held-out last months. */
export function forecastSeries(series: readonly number[], opts: ForecastOptions = {}): ForecastResult {
  const season = opts.season ?? 12;
  const horizon = opts.horizon ?? 3;
  const holdout = Math.max(0, Math.min(opts.holdout ?? 6, series.length - 1));
  const train = series.slice(0, series.length - holdout);
  const actual = series.slice(series.length - holdout);
  let best: ForecastResult | null = null;
  for (const method of ['seasonal_naive', 'holt_winters'] as const) {
    const holdoutForecast = holdout > 0 ? METHODS[method](train, season, holdout, opts).map(round1) : [];
    const err = holdout > 0 ? mape(actual, holdoutForecast) : null;
    const candidate: ForecastResult = {
      method,
      forecast: METHODS[method](series, season, horizon, opts).map(round1),
      holdoutForecast,
      mape: err,
      holdout,
    };
    if (!best || (err !== null && (best.mape === null || err < best.mape))) best = candidate;
  }
  return best!;
}
