import { parseArgs } from 'node:util';

export type Engine = 'pglite' | 'postgresql';

export type DrillOptions = {
  engines: Engine[];
  /** Admin URL of the PostgreSQL server on which a throw-away database is created. */
  databaseUrl: string | null;
  runs: number;
  writers: number;
  seed: number;
  /** Each cycle lets the writers run for a drawn time in [min, max] ms before the server is killed. */
  writeMs: { min: number; max: number };
  /** A retry without a definitive answer after this much server up-time since its restart is given up as unresolved. */
  retryTimeoutMs: number;
  requestTimeoutMs: number;
  startTimeoutMs: number;
  reportOnly: boolean;
  strict: boolean;
  keep: boolean;
};

export const USAGE = `npm run drill:crash -- [options]

Kills the real server (kill -9) while writers are busy, restarts it on the same database, retries every
unanswered request with the same Idempotency-Key, then counts each logical request's effects in the database.

  --engine pglite|postgresql|both   default: postgresql when DATABASE_URL is set, else pglite
  --runs N                          kill / restart cycles (10)
  --writers N                       concurrent writers (8)
  --seed N                          PRNG seed for kill moments and the writers' choices (random, printed)
  --write-ms MIN-MAX                writing time before each kill, drawn per cycle (1500-6000)
  --retry-timeout S                 give up a retry after this much server up-time since its restart (60; 360 outlasts
                                    a five-minute claim takeover)
  --request-timeout S               one attempt without an answer counts as unanswered (30)
  --start-timeout S                 a start or restart must answer /api/health within this (300)
  --report-only                     print the figures, exit 0 whatever they are
  --strict                          also fail when a retry was left without a definitive answer
  --keep                            keep the temporary data directory and database
`;

const positive = (name: string, raw: string, min = 1): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
};

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): DrillOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      engine: { type: 'string' },
      runs: { type: 'string', default: '10' },
      writers: { type: 'string', default: '8' },
      seed: { type: 'string' },
      'write-ms': { type: 'string', default: '1500-6000' },
      'retry-timeout': { type: 'string', default: '60' },
      'request-timeout': { type: 'string', default: '30' },
      'start-timeout': { type: 'string', default: '300' },
      'report-only': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const engine = values.engine ?? (databaseUrl ? 'postgresql' : 'pglite');
  const engines: Engine[] = engine === 'both' ? ['pglite', 'postgresql'] : engine === 'pglite' || engine === 'postgresql' ? [engine] : [];
  if (engines.length === 0) throw new Error(`--engine must be pglite, postgresql or both, got "${engine}"`);
  if (engines.includes('postgresql') && !databaseUrl)
    throw new Error('--engine postgresql needs DATABASE_URL (an admin URL of the server)');
  const range = /^(\d+)-(\d+)$/.exec(values['write-ms']);
  if (!range || Number(range[1]) > Number(range[2]) || Number(range[2]) === 0) {
    throw new Error(`--write-ms must be MIN-MAX in milliseconds, got "${values['write-ms']}"`);
  }
  return {
    engines,
    databaseUrl,
    runs: positive('runs', values.runs),
    writers: positive('writers', values.writers),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : positive('seed', values.seed, 0),
    writeMs: { min: Number(range[1]), max: Number(range[2]) },
    retryTimeoutMs: positive('retry-timeout', values['retry-timeout']) * 1000,
    requestTimeoutMs: positive('request-timeout', values['request-timeout']) * 1000,
    startTimeoutMs: positive('start-timeout', values['start-timeout']) * 1000,
    reportOnly: values['report-only'],
    strict: values.strict,
    keep: values.keep,
  };
}
