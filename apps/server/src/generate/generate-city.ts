// `npm run generate`: fills an empty database with a city, part by part (registry.ts), through the shared COPY
// writer, one audit row per loaded batch; then times a bare COPY of each table's first batch for comparison and
// refreshes the planner statistics.
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import type { Clock } from '../context.ts';
import type { Database } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { loadWorkCalendar, seedLawLibrary } from '../modules/law/index.ts';
import { seedInspectionMatters } from '../modules/inspections/index.ts';
import { countOrgs } from '../modules/org/index.ts';
import { endOfShanghaiDay } from '../shared/time.ts';
import { cityAreasPart } from './city-areas.ts';
import { cityCasesPart } from './city-cases.ts';
import { cityDutyPart } from './city-duty.ts';
import { cityLawPart } from './city-law.ts';
import { cityOffsitePart } from './city-offsite.ts';
import { cityOrgsPart } from './city-orgs.ts';
import { cityWasteCasesPart, cityWastePart } from './city-waste.ts';
import { cityCommunityPart } from './city-community.ts';
import { cityQualityPart } from './city-quality.ts';
import { citySubjectsPart } from './city-subjects.ts';
import { cityTicketsPart } from './city-tickets.ts';
import { CopyWriter, type TableStats } from './copy-writer.ts';
import { analyzeTables, createBareTable, createIndex, dropBareTable, dropIndex, secondaryIndexes } from './generate.repository.ts';
import type { GenerateOptions } from './options.ts';
import { type GeneratorPart, idSource, newOutputs, orderParts, type PartSummary, partRandom } from './registry.ts';

/**
 * The large tables whose secondary indexes are dropped for the load and built once at its end (unique, primary-key and
 * constraint indexes stay, so every uniqueness rule is checked row by row as the rows arrive).
 */
const BULK_TABLES = [
  'parties',
  'cases',
  'case_officers',
  'case_events',
  'case_documents',
  'case_evidence',
  'case_records',
  'case_deadlines',
  'payment_orders',
  'payment_transactions',
  'jobs',
  'subjects',
  'subject_licences',
  'subject_events',
  'inspection_tasks',
  'inspection_visits',
  'rectification_orders',
  'inspection_plan_targets',
  'inspection_plan_drawn',
  'tickets',
  'ticket_events',
  'ticket_extensions',
] as const;

/** Every part of the city, in one list; `after` orders them. Later capabilities add theirs here. */
export const GENERATOR_PARTS: readonly GeneratorPart[] = [
  cityOrgsPart,
  cityLawPart,
  cityCasesPart,
  cityAreasPart,
  citySubjectsPart,
  cityTicketsPart,
  cityDutyPart,
  cityOffsitePart,
  cityWastePart,
  cityWasteCasesPart,
  cityQualityPart,
  cityCommunityPart,
];

export type TableResult = TableStats & {
  /** Rows per second of the platform's COPY into the indexed, constrained table. */
  copyRowsPerSec: number;
  /** Rows per second of a bare COPY of the same rows (first batch) into an unindexed unlogged table. */
  bareRowsPerSec: number | null;
  /** copyRowsPerSec / bareRowsPerSec. */
  ratioToBare: number | null;
};

export type GenerateResult = {
  engine: Database['kind'];
  options: Omit<GenerateOptions, 'password' | 'resultsFile'>;
  startedAt: string;
  wallSeconds: number;
  /** Building the secondary indexes dropped for the load. */
  indexSeconds: number;
  parts: Record<string, PartSummary>;
  tables: TableResult[];
  /** rowsPerSec: end to end (generation included); copyRowsPerSec: COPY time plus index builds. */
  overall: { rows: number; rowsPerSec: number; copyRowsPerSec: number; bareRowsPerSec: number | null; ratioToBare: number | null };
  digest: string;
};

export class DatabaseNotEmptyError extends Error {}

export async function generateCity(
  platform: { database: Database; config: AppConfig },
  options: GenerateOptions,
  log: (line: string) => void = () => {},
  parts: readonly GeneratorPart[] = GENERATOR_PARTS,
): Promise<GenerateResult> {
  const { database, config } = platform;
  const db = database.db;
  if ((await countOrgs(db)) > 0) {
    throw new DatabaseNotEmptyError(
      '数据库已有组织数据，生成器只写入空库 / the database already holds organisations: the generator loads an empty one',
    );
  }
  const startedAt = new Date();
  const wallStart = performance.now();
  // The audit rows of the load are stamped at the end of the generated history, with ids from the seed: same rows.
  const clock: Clock = { now: () => endOfShanghaiDay(options.until) };
  const auditIds = idSource(partRandom(options.seed, 'audit'));
  const auditDeps = { clock, newId: () => auditIds(clock.now().getTime()), config };
  await seedLawLibrary({ db, clock, newId: auditDeps.newId, config });
  await seedInspectionMatters({ db, clock, newId: auditDeps.newId, config });
  const calendar = await loadWorkCalendar(db);
  const writer = new CopyWriter(database, {
    progress: log,
    parallel: database.kind === 'postgresql' ? 2 : 1,
    // One chained audit row per loaded batch: the table, its row range and the SM3 of the batch as sent.
    onBatch: (b) =>
      db.transaction().execute((trx) =>
        recordAudit(
          trx,
          auditDeps,
          null,
          { ip: null, correlationId: null },
          {
            action: 'generate.batch',
            entityType: 'table',
            entityId: b.table,
            bureauId: null,
            data: { table: b.table, firstRow: b.firstRow, rows: b.rows, sm3: b.sm3, seed: options.seed },
          },
        ),
      ),
  });
  const deferred = await secondaryIndexes(db, BULK_TABLES);
  for (const index of deferred) await dropIndex(db, index);
  log(`secondary indexes dropped for the load, rebuilt at its end: ${deferred.map((i) => i.name).join(', ')}`);
  let stats: TableStats[];
  let indexSeconds = 0;
  const summaries: Record<string, PartSummary> = {};
  try {
    const outputs = newOutputs();
    for (const part of orderParts(parts)) {
      const started = performance.now();
      log(`part ${part.name} …`);
      summaries[part.name] = await part.run({
        options,
        database,
        db,
        config,
        writer,
        random: partRandom(options.seed, part.name),
        idAt: idSource(partRandom(options.seed, `${part.name}:ids`)),
        calendar,
        outputs,
        log,
      });
      log(`part ${part.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summaries[part.name])}`);
    }
    stats = await writer.finish();
  } finally {
    // Rebuilt even when the load failed, so the schema stays whole (a failed load is dropped and redone anyway).
    for (const index of deferred) {
      const started = performance.now();
      await createIndex(db, index);
      const seconds = (performance.now() - started) / 1000;
      indexSeconds += seconds;
      log(`index ${index.name} built in ${seconds.toFixed(1)} s`);
    }
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const digest = stats.map((s) => `${s.table}:${s.digest}`).join(',');
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      auditDeps,
      null,
      { ip: null, correlationId: null },
      {
        action: 'generate.city',
        entityType: 'system',
        entityId: null,
        bureauId: null,
        data: {
          seed: options.seed,
          until: options.until,
          years: options.years,
          scale: options.scale,
          tables: stats.map((s) => ({ table: s.table, rows: s.rows, digest: s.digest })),
        },
      },
    ),
  );
  log('ANALYZE …');
  await analyzeTables(
    db,
    stats.filter((s) => s.rows > 0).map((s) => s.table),
  );
  const bare = options.baseline ? await bareCopyRates(database, writer, log) : new Map<string, number>();
  const tables: TableResult[] = stats.map((s) => {
    const copyRowsPerSec = s.rows / Math.max(s.copyMs / 1000, 1e-6);
    const bareRate = bare.get(s.table) ?? null;
    return { ...s, copyRowsPerSec, bareRowsPerSec: bareRate, ratioToBare: bareRate ? copyRowsPerSec / bareRate : null };
  });
  const rows = stats.reduce((a, s) => a + s.rows, 0);
  const copySeconds = stats.reduce((a, s) => a + s.copyMs, 0) / 1000;
  const withBare = tables.filter((t) => t.bareRowsPerSec);
  // Overall bare rate: the time a bare COPY would take for all rows, table by table at its own bare rate.
  const bareSeconds = withBare.reduce((a, t) => a + t.rows / t.bareRowsPerSec!, 0);
  const bareRows = withBare.reduce((a, t) => a + t.rows, 0);
  const bareRowsPerSec = bareSeconds > 0 ? bareRows / bareSeconds : null;
  // The platform's side of the load: every COPY plus building the deferred indexes.
  const copyRowsPerSec = rows / Math.max(copySeconds + indexSeconds, 1e-6);
  const { password: _p, resultsFile: _r, ...shown } = options;
  const result: GenerateResult = {
    engine: database.kind,
    options: shown,
    startedAt: startedAt.toISOString(),
    wallSeconds,
    indexSeconds,
    parts: summaries,
    tables,
    overall: {
      rows,
      rowsPerSec: rows / wallSeconds,
      copyRowsPerSec,
      bareRowsPerSec,
      ratioToBare: bareRowsPerSec ? copyRowsPerSec / bareRowsPerSec : null,
    },
    digest,
  };
  if (options.resultsFile) {
    fs.mkdirSync(path.dirname(options.resultsFile), { recursive: true });
    fs.writeFileSync(options.resultsFile, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

/** Times a COPY of each table's first batch, as sent, into an unindexed unlogged copy of the table. */
async function bareCopyRates(database: Database, writer: CopyWriter, log: (line: string) => void): Promise<Map<string, number>> {
  const rates = new Map<string, number>();
  for (const s of writer.samples()) {
    if (s.rows < 10) continue;
    const bare = await createBareTable(database.db, s.table);
    try {
      const started = performance.now();
      await database.copyIn(bare, s.columns, s.text);
      const seconds = (performance.now() - started) / 1000;
      rates.set(s.table, s.rows / Math.max(seconds, 1e-6));
    } finally {
      await dropBareTable(database.db, s.table);
    }
  }
  log(`bare COPY measured on ${rates.size} tables`);
  return rates;
}
