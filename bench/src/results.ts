/**
 * Bench figures as JSON next to the README (bench/results/<name>-<engine>.json): the machine, versions, commit, date
 * and options with the figures, so a change can be compared with the last committed run. Writing a result prints,
 * per figure, the previous run's value beside this one's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results');

export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  database: string;
};

export type ResultFile<T> = {
  name: string;
  engine: string;
  date: string;
  commit: string;
  machine: Machine;
  options: Record<string, unknown>;
  figures: T;
  /** Measurements of the same run that the figures are read against (`npm run bench`: the request floor). */
  beside?: Record<string, unknown>;
};

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

/** The machine the figures come from; `database` is the server's `SELECT version()` (or PGlite's). */
export function describeMachine(database: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database,
  };
}

export function resultPath(name: string, engine: string): string {
  return path.join(RESULTS_DIR, `${name}-${engine}.json`);
}

export function readResult<T>(name: string, engine: string): ResultFile<T> | null {
  const file = resultPath(name, engine);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ResultFile<T>;
}

/** Writes this run's figures and answers the previous run's (null when there was none). */
export function writeResult<T>(r: Omit<ResultFile<T>, 'date' | 'commit'>): { file: string; previous: ResultFile<T> | null } {
  const previous = readResult<T>(r.name, r.engine);
  const file = resultPath(r.name, r.engine);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const full: ResultFile<T> = { ...r, date: new Date().toISOString(), commit: gitCommit() };
  fs.writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return { file, previous };
}

/** Prints `label: last → this` for each figure present in both runs. */
export function printComparison(
  title: string,
  rows: { label: string; previous: number | null | undefined; current: number; digits?: number }[],
  previous: { date: string; commit: string } | null,
): void {
  if (!previous) {
    console.log(`${title}: no previous result to compare with`);
    return;
  }
  console.log(`${title}: last run (${previous.date.slice(0, 16)}Z, ${previous.commit}) → this run`);
  for (const r of rows) {
    const d = r.digits ?? 2;
    const last = r.previous === null || r.previous === undefined ? '—' : r.previous.toFixed(d);
    console.log(`  ${r.label}: ${last} → ${r.current.toFixed(d)}`);
  }
}
