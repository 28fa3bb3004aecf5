import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPlatform } from '../bootstrap.ts';
import { generateCity, generateOptions, PRESETS, type PresetName } from '../generate/index.ts';
import { runCli } from './run-cli.ts';

const USAGE = `npm run generate -- [--preset tiny|small|city] [--years N] [--scale S] [--subjects N] [--tickets-per-year N] [--cases-per-year N] [--until YYYY-MM-DD] [--seed N]
                        [--password P] [--results FILE] [--no-baseline]
  --preset     tiny (1 year, 0.2 %), small (1 year, 2 %), city (default: 10 years, ~151,000 cases a year, ~7,900 officers)
  --years      years of history ending at --until (default: the preset's)
  --scale      share of the city's yearly case volume (1 = ~151,000 a year); squads and bureaus are always all 249 / 16
  --subjects   执法对象 in the registry (default: 300,000 times --scale)
  --tickets-per-year  诉件 a year across the city (default: 115,000 times --scale)
  --cases-per-year    cases a year (default: 151,000 times --scale)
  --staff-scale share of the head-count per squad (default: the preset's)
  --until      the last day of the history, the generated city's "today" (default 2026-11-30)
  --seed       same seed, same rows (default 20261130)
  --password   the bench-only password of every generated account (default CityBench#2026)
  --results    write the figures as JSON (default bench/results/generate-<engine>.json)
  --no-baseline  skip the bare-COPY comparison
Fills the database named by DATABASE_URL (or the embedded one under DATA_DIR), which must hold no organisation yet.`;

/** npm runs a workspace's script in the workspace's folder; a file named on the command line is the caller's. */
const callerPath = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

runCli(async () => {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string' },
      years: { type: 'string' },
      scale: { type: 'string' },
      subjects: { type: 'string' },
      'tickets-per-year': { type: 'string' },
      'cases-per-year': { type: 'string' },
      'staff-scale': { type: 'string' },
      until: { type: 'string' },
      seed: { type: 'string' },
      password: { type: 'string' },
      results: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name}: not a number: ${v}\n${USAGE}`);
    return n;
  };
  if (values.preset && !(values.preset in PRESETS)) throw new Error(`--preset: one of ${Object.keys(PRESETS).join(', ')}\n${USAGE}`);
  const { config, database } = await openPlatform({ migrate: true, log: (m) => console.error(m) });
  const options = generateOptions({
    ...(values.preset ? { preset: values.preset as PresetName } : {}),
    ...(values.years ? { years: num('years', values.years)! } : {}),
    ...(values.scale ? { scale: num('scale', values.scale)! } : {}),
    ...(values.subjects ? { subjects: num('subjects', values.subjects)! } : {}),
    ...(values['tickets-per-year'] ? { ticketsPerYear: num('tickets-per-year', values['tickets-per-year'])! } : {}),
    ...(values['cases-per-year'] ? { casesPerYear: num('cases-per-year', values['cases-per-year'])! } : {}),
    ...(values['staff-scale'] ? { staffScale: num('staff-scale', values['staff-scale'])! } : {}),
    ...(values.until ? { until: values.until } : {}),
    ...(values.seed ? { seed: num('seed', values.seed)! } : {}),
    ...(values.password ? { password: values.password } : {}),
    resultsFile: callerPath(values.results ?? `bench/results/generate-${database.kind}.json`),
    baseline: !values['no-baseline'],
  });
  try {
    const r = await generateCity({ config, database }, options, (line) => console.error(line));
    console.log(`generated on ${r.engine} in ${r.wallSeconds.toFixed(0)} s: ${r.overall.rows.toLocaleString('en-US')} rows`);
    for (const t of r.tables) {
      if (t.rows === 0) continue;
      const ratio = t.ratioToBare
        ? ` = ${(t.ratioToBare * 100).toFixed(0)} % of bare COPY (${Math.round(t.bareRowsPerSec!).toLocaleString('en-US')}/s)`
        : '';
      console.log(
        `  ${t.table.padEnd(22)} ${t.rows.toLocaleString('en-US').padStart(12)} rows  COPY ${Math.round(t.copyRowsPerSec).toLocaleString('en-US')}/s${ratio}`,
      );
    }
    const o = r.overall;
    console.log(
      `  overall: ${Math.round(o.rowsPerSec).toLocaleString('en-US')} rows/s end to end, COPY ${Math.round(o.copyRowsPerSec).toLocaleString('en-US')}/s` +
        (o.ratioToBare
          ? `, ${(o.ratioToBare * 100).toFixed(0)} % of bare COPY (${Math.round(o.bareRowsPerSec!).toLocaleString('en-US')}/s)`
          : ''),
    );
    if (options.resultsFile) console.log(`  figures: ${options.resultsFile}`);
    console.log(`  logins: password ${options.password === generateOptions().password ? '(bench default) ' : ''}— see README "City data"`);
  } finally {
    await database.close();
  }
});
