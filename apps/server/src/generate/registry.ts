// The generator registry: each capability that owns tables contributes one part. Parts run in dependency order
// (`after`), each with its own seeded random stream (so adding a part never changes another's rows), and write their
// rows through the one shared COPY writer. Later capabilities (subjects, complaints, inspections, GPS) add a part
// here and read what earlier parts produced (the city's org tree and officers) through typed outputs.
import type { Kysely } from 'kysely';
import { mulberry32, type RandomSource, uuidv7, type WorkCalendar } from '@chengguan/domain';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { CopyWriter } from './copy-writer.ts';
import type { GenerateOptions } from './options.ts';

/** A value one part produces and later parts read, typed by its key. */
export type OutputKey<T> = { name: string; readonly _type?: T };
export const outputKey = <T>(name: string): OutputKey<T> => ({ name });

export type Outputs = {
  set<T>(key: OutputKey<T>, value: T): void;
  get<T>(key: OutputKey<T>): T;
};

export type GeneratorContext = {
  options: GenerateOptions;
  database: Pick<Database, 'kind' | 'copyIn'>;
  db: Kysely<DB>;
  config: AppConfig;
  writer: CopyWriter;
  /** This part's own seeded stream. */
  random: RandomSource;
  /** Deterministic UUID v7 for an instant (time-ordered like the platform's own ids). */
  idAt: (ms: number) => string;
  calendar: WorkCalendar;
  outputs: Outputs;
  log: (line: string) => void;
};

export type PartSummary = Record<string, number | string>;

export type GeneratorPart = {
  name: string;
  /** Parts whose outputs this one reads. */
  after: readonly string[];
  run: (ctx: GeneratorContext) => Promise<PartSummary>;
};

/** The parts in an order where each runs after those it names; an unknown or circular dependency is an error. */
export function orderParts(parts: readonly GeneratorPart[]): GeneratorPart[] {
  const byName = new Map(parts.map((p) => [p.name, p]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: GeneratorPart[] = [];
  const visit = (p: GeneratorPart) => {
    if (done.has(p.name)) return;
    if (visiting.has(p.name)) throw new Error(`generator parts: circular dependency at ${p.name}`);
    visiting.add(p.name);
    for (const dep of p.after) {
      const d = byName.get(dep);
      if (!d) throw new Error(`generator part ${p.name} runs after unknown part ${dep}`);
      visit(d);
    }
    visiting.delete(p.name);
    done.add(p.name);
    out.push(p);
  };
  for (const p of parts) visit(p);
  return out;
}

/** A stream seeded from the run's seed and the part's name. */
export function partRandom(seed: number, name: string): RandomSource {
  let h = seed >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(h);
}

/** UUID v7 at an instant, its random bits drawn from `random`. */
export function idSource(random: RandomSource): (ms: number) => string {
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(random() * 256);
    return b;
  };
  return (ms) => uuidv7(Math.floor(ms), bytes);
}

export function newOutputs(): Outputs {
  const values = new Map<string, unknown>();
  return {
    set: (key, value) => {
      if (values.has(key.name)) throw new Error(`generator output ${key.name} set twice`);
      values.set(key.name, value);
    },
    get: <T>(key: OutputKey<T>) => {
      if (!values.has(key.name)) throw new Error(`generator output ${key.name} not produced (missing "after"?)`);
      return values.get(key.name) as T;
    },
  };
}
