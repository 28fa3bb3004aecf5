// Options of `npm run generate`: how much city, over which years, from which seed.
import { addDays, addYears, isValidLegalDate, type LegalDate } from '@chengguan/domain';

export type GenerateOptions = {
  seed: number;
  /** The last legal day of the generated history ("today" of the generated city). */
  until: LegalDate;
  years: number;
  /** Share of the real volumes: 1 = ~151,000 cases a year and ~7,900 officers; squads and bureaus are always all. */
  scale: number;
  /** Share of the organisation's head-count (officers per squad) — tests use fewer. */
  staffScale: number;
  casesPerYear: number;
  /** 执法对象 in the registry (full scale 300,000; default: that times `scale`). */
  subjects: number;
  summaryShare: number;
  /** 诉件 taken in a year across the city (full scale ~115,000, seed 000; default: that times `scale`). */
  ticketsPerYear: number;
  /** The bench-only password of every generated account (one argon2 hash). */
  password: string;
  /** Write the results JSON here (null: do not write). */
  resultsFile: string | null;
  /** Time a bare COPY of each table's first batch into an unindexed copy of the table. */
  baseline: boolean;
};

export const CITY_CASES_PER_YEAR = 151_000;
/** 诉件 a year across the city (seed 000: ~115,000 hotline tickets; 浦东 31,070 of them, seed 004). */
export const CITY_TICKETS_PER_YEAR = 115_000;
/** The city's lists of 执法对象 (R9): about 300,000 records. */
export const CITY_SUBJECTS = 300_000;
/** 36,954 of 151,000+ cases in 2023 were 当场 (summary) tickets. */
export const CITY_SUMMARY_SHARE = 37 / 151;
/** Published for load tests only: never use it outside a bench installation. */
export const CITY_BENCH_PASSWORD = 'CityBench#2026';

export const PRESETS = {
  tiny: { years: 1, scale: 0.001, staffScale: 0.05 },
  small: { years: 1, scale: 0.02, staffScale: 0.3 },
  city: { years: 10, scale: 1, staffScale: 1 },
} as const;
export type PresetName = keyof typeof PRESETS;

export function generateOptions(input: Partial<GenerateOptions> & { preset?: PresetName } = {}): GenerateOptions {
  const preset = input.preset ? PRESETS[input.preset] : PRESETS.city;
  const scale = input.scale ?? preset.scale;
  const until = input.until ?? '2026-11-30';
  if (!isValidLegalDate(until)) throw new Error(`--until: not a date: ${until}`);
  const years = input.years ?? preset.years;
  if (!(years > 0 && years <= 30)) throw new Error('--years: 1 to 30');
  if (!(scale > 0 && scale <= 2)) throw new Error('--scale: above 0, at most 2');
  return {
    seed: input.seed ?? 20261130,
    until,
    years,
    scale,
    staffScale: input.staffScale ?? preset.staffScale,
    casesPerYear: input.casesPerYear ?? Math.round(CITY_CASES_PER_YEAR * scale),
    subjects: input.subjects ?? Math.round(CITY_SUBJECTS * scale),
    summaryShare: input.summaryShare ?? CITY_SUMMARY_SHARE,
    ticketsPerYear: input.ticketsPerYear ?? Math.round(CITY_TICKETS_PER_YEAR * scale),
    password: input.password ?? CITY_BENCH_PASSWORD,
    resultsFile: input.resultsFile ?? null,
    baseline: input.baseline ?? true,
  };
}

/** The first legal day of the history: `years` years before `until`, plus one day. */
export function firstDay(o: Pick<GenerateOptions, 'until' | 'years'>): LegalDate {
  return addDays(addYears(o.until, -Math.round(o.years)), 1);
}
