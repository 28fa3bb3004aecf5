// The day's analysis (docs/waste.md §3): the one SQL definition (analysis.sql.ts) over the day's points; its trips
// replace the day's trips, its findings become clues (a finding already a clue keeps its decision), each with the
// bureau that acts on it: the site's bureau for a site finding, the vehicle's bureau for a registered vehicle's
// deviation or stop (an unregistered truck's is found at the site, as no_permit).
import type { RunWasteAnalysisBody, WasteAnalysisRun } from '@chengguan/contracts';
import { cellCentre } from '@chengguan/domain';
import { CompiledQuery, sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { partitionName } from '../gps/gps-feed.ts';
import {
  analysisArgs,
  normaliseRows,
  SUMMARIES_CURRENT_SQL,
  WASTE_ANALYSIS_SQL,
  WASTE_SUMMARY_SQL,
  type AnalysisParams,
  type AnalysisRow,
} from '../analysis.sql.ts';

export const DEFAULT_STOP_MINUTES = 10;
export const DEFAULT_DEVIATION_MINUTES = 3;
export const VISIT_SECONDS = 60;

/** What the analysis reads: the day's summaries made at ingest, or every fix. */
export type AnalysisReading = 'summaries' | 'points';

/** The SQL over one range of plates (all of them by default), rows as the database gives them. */
async function analyseRange(db: Executor, reading: AnalysisReading, p: AnalysisParams): Promise<Record<string, unknown>[]> {
  const text = reading === 'summaries' ? WASTE_SUMMARY_SQL : WASTE_ANALYSIS_SQL;
  const r = await db.executeQuery(CompiledQuery.raw(text, analysisArgs(p)));
  return r.rows as Record<string, unknown>[];
}

/**
 * The summaries when they stand for the day's fixes (SUMMARIES_CURRENT_SQL: every batch of the day summarised, no
 * overlapping chunks, the register's version and each truck's permits as at ingest), else the fixes.
 */
export async function dayReading(db: Executor, day: string): Promise<AnalysisReading> {
  const r = await db.executeQuery<Record<string, string | number>>(CompiledQuery.raw(SUMMARIES_CURRENT_SQL, [day]));
  const c = r.rows[0]!;
  const n = (k: string) => Number(c[k] ?? 0);
  const current = n('chunks') > 0 && n('overlapping') + n('other_version') + n('other_permits') + n('unsummarised') === 0;
  return current ? 'summaries' : 'points';
}

/**
 * Ranges of plates with about as many points each, from the day's partition's statistics (the histogram of plate that
 * ANALYZE keeps; the partition is analysed first when it has none yet): `count` ranges, the first from '' and the last
 * open-ended. Fewer when the statistics have fewer bounds (a small day: one range).
 */
async function plateRanges(
  db: Executor,
  reading: AnalysisReading,
  day: string,
  count: number,
): Promise<{ from: string; to: string | null }[]> {
  const table = reading === 'summaries' ? partitionName(day, 'waste_track_chunks') : partitionName(day);
  const bounds = async () =>
    (
      await sql<{ b: string[] | null }>`
        SELECT histogram_bounds::text::text[] AS b FROM pg_stats WHERE tablename = ${table} AND attname = 'plate'`.execute(db)
    ).rows[0]?.b ?? null;
  let b = await bounds();
  if (!b) {
    const exists = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pg_class WHERE relname = ${table}`.execute(db);
    if (Number(exists.rows[0]?.n ?? 0) === 0) return [{ from: '', to: null }];
    await sql.raw(`ANALYZE ${table}`).execute(db);
    b = await bounds();
  }
  const cuts: string[] = [];
  if (b && b.length > 2 && count > 1) {
    for (let i = 1; i < count; i++) {
      const cut = b[Math.round((i * (b.length - 1)) / count)]!;
      // The bounds are in the database's own order (its collation), so only repeats are skipped.
      if (cut !== (cuts[cuts.length - 1] ?? '')) cuts.push(cut);
    }
  }
  return [...cuts, null].map((to, i) => ({ from: i === 0 ? '' : cuts[i - 1]!, to }));
}

/**
 * The day's findings, from `reading` (by default the summaries when current, else every fix: dayReading). On
 * PostgreSQL the plates are cut into `sessions` ranges analysed at once on as many database sessions of their own,
 * each with `workMem` for its sorts (one range per session: each query pays its planning and JIT compilation once);
 * the embedded database runs the SQL once.
 */
export async function analyseDay(
  deps: Pick<Deps, 'db' | 'copySession' | 'config'>,
  p: AnalysisParams,
  opts: { sessions?: number; workMem?: string; reading?: AnalysisReading } = {},
): Promise<AnalysisRow[]> {
  const sessions = opts.sessions ?? deps.config.wasteAnalysisSessions;
  const workMem = opts.workMem ?? deps.config.wasteAnalysisWorkMem;
  const reading = opts.reading ?? (await dayReading(deps.db, p.day));
  if (!deps.config.databaseUrl || !deps.copySession) return normaliseRows(await analyseRange(deps.db, reading, p));
  const copySession = deps.copySession;
  const ranges = await copySession((s) => plateRanges(s.db, reading, p.day, sessions));
  const rows: Record<string, unknown>[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(sessions, ranges.length) }, () =>
      copySession((s) =>
        s.db.transaction().execute(async (trx) => {
          await sql`SELECT set_config('work_mem', ${workMem}, true)`.execute(trx);
          while (next < ranges.length) {
            const r = ranges[next++]!;
            for (const row of await analyseRange(trx, reading, { ...p, plateFrom: r.from, plateTo: r.to })) rows.push(row);
          }
        }),
      ),
    ),
  );
  return normaliseRows(rows);
}

type Owners = {
  vehicles: Map<string, { id: string; bureau_id: string; company_id: string }>;
  sites: Map<string, string>;
};

async function owners(db: Executor, rows: AnalysisRow[]): Promise<Owners> {
  const plates = [...new Set(rows.map((r) => r.plate))];
  const siteIds = [...new Set(rows.flatMap((r) => (r.site ? [r.site] : [])))];
  const vehicles = new Map<string, { id: string; bureau_id: string; company_id: string }>();
  for (let i = 0; i < plates.length; i += 1000) {
    const got = await db
      .selectFrom('waste_vehicles')
      .select(['id', 'plate', 'bureau_id', 'company_id'])
      .where('plate', 'in', plates.slice(i, i + 1000))
      .execute();
    for (const v of got) vehicles.set(v.plate, v);
  }
  const sites = new Map<string, string>();
  if (siteIds.length) {
    for (const s of await db.selectFrom('waste_sites').select(['id', 'bureau_id']).where('id', 'in', siteIds).execute())
      sites.set(s.id, s.bureau_id);
  }
  return { vehicles, sites };
}

export async function runWasteAnalysis(deps: Deps, actor: Actor, meta: RequestMeta, body: RunWasteAnalysisBody): Promise<WasteAnalysisRun> {
  assertPermission(actor, 'waste:write');
  return runAnalysisFor(deps, { id: actor.id, bureauId: actor.bureauId }, meta, body);
}

/** The run itself (the daily job runs it with no user). */
export async function runAnalysisFor(
  deps: Deps,
  actor: { id: string | null; bureauId: string | null },
  meta: RequestMeta,
  body: RunWasteAnalysisBody,
): Promise<WasteAnalysisRun> {
  const params: AnalysisParams = {
    day: body.day,
    stopSeconds: (body.stopMinutes ?? DEFAULT_STOP_MINUTES) * 60,
    deviationSeconds: (body.deviationMinutes ?? DEFAULT_DEVIATION_MINUTES) * 60,
    visitSeconds: VISIT_SECONDS,
  };
  const started = performance.now();
  const reading = await dayReading(deps.db, body.day);
  const rows = await analyseDay(deps, params, { reading });
  const millis = Math.round(performance.now() - started);
  const own = await owners(deps.db, rows);
  const now = deps.clock.now();
  const id = deps.newId();
  const byKind: Record<string, number> = {};
  let clues = 0;
  let trips = 0;
  // The fixes read: the summaries' chunks count them (every fix of the day is in one chunk when they are current).
  const pointCount =
    reading === 'summaries'
      ? await deps.db
          .selectFrom('waste_track_chunks')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('n'), sql<string>`0`).as('n'))
          .where('day', '=', body.day)
          .executeTakeFirstOrThrow()
      : await deps.db
          .selectFrom('waste_points')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('day', '=', body.day)
          .executeTakeFirstOrThrow();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('waste_trips').where('day', '=', body.day).execute();
    const tripRows = rows
      .filter((r) => r.kind === 'trip')
      .map((r) => ({
        day: body.day,
        plate: r.plate,
        left_t: r.tFrom,
        producing_site_id: r.site!,
        disposal_site_id: r.otherSite!,
        arrived_t: r.tTo,
      }));
    for (let i = 0; i < tripRows.length; i += 1000)
      await trx
        .insertInto('waste_trips')
        .values(tripRows.slice(i, i + 1000))
        .execute();
    trips = tripRows.length;
    const clueRows = [];
    for (const r of rows) {
      if (r.kind === 'trip') continue;
      const v = own.vehicles.get(r.plate);
      const bureau = r.site ? own.sites.get(r.site) : v?.bureau_id;
      if (!bureau) continue;
      const [lon, lat] = cellCentre(r.cell);
      byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      clueRows.push({
        id: deps.newId(),
        bureau_id: bureau,
        day: body.day,
        kind: r.kind,
        plate: r.plate,
        vehicle_id: v?.id ?? null,
        company_id: v?.company_id ?? null,
        site_id: r.site,
        t_from: r.tFrom,
        t_to: r.tTo,
        points: r.n,
        cell: r.cell,
        lon,
        lat,
        created_at: now,
      });
    }
    for (let i = 0; i < clueRows.length; i += 500) {
      await trx
        .insertInto('waste_clues')
        .values(clueRows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['day', 'kind', 'plate', 't_from']).doNothing())
        .execute();
    }
    clues = clueRows.length;
    await trx
      .insertInto('waste_analysis_runs')
      .values({
        id,
        day: body.day,
        params: JSON.stringify({ ...params, reading }),
        points: Number(pointCount.n),
        trips,
        clues,
        millis,
        run_by: actor.id,
        run_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.analysis_run',
      entityType: 'waste_analysis_run',
      entityId: id,
      data: { day: body.day, trips, clues, byKind, reading },
    });
  });
  return { id, day: body.day, points: Number(pointCount.n), trips, clues, byKind, millis, reading, runAt: now.toISOString() };
}
