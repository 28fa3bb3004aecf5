// The registry's queries. A subject belongs to the org path of its squad, or of its bureau while no squad's area holds
// its point: jurisdiction is that path under the caller's (as subjectBriefs says).
import { sql, type SqlBool } from 'kysely';
import { addDays, DEFAULT_LICENCE_EXPIRING_DAYS, SUBJECT_KIND_DEFAULTS, SUBJECT_KINDS } from '@chengguan/domain';
import type { SubjectLicenceFilter, SubjectListQuery } from '@chengguan/contracts';
import { performance } from 'node:perf_hooks';
import type { Executor } from '../../context.ts';
import { areaRevisionDue } from '../../shared/area-revision.ts';
import { containsPattern } from '../../db/like.ts';

const NOT_REQUIRED = SUBJECT_KINDS.filter((k) => SUBJECT_KIND_DEFAULTS[k].requiredLicenceKinds.length === 0);
const REQUIRED_PAIRS = SUBJECT_KINDS.flatMap((k) => SUBJECT_KIND_DEFAULTS[k].requiredLicenceKinds.map((l) => `${k}:${l}`));

/**
 * The subject's licence state as one SQL expression (the domain's subjectLicenceState, grouped for the filter: a
 * licence not yet valid or revoked counts as expired; none = no licence of a kind its kind requires).
 */
export function licenceStateSql(today: string) {
  const horizon = addDays(today, DEFAULT_LICENCE_EXPIRING_DAYS);
  const pairs = sql.join(REQUIRED_PAIRS.map((p) => sql.lit(p)));
  const notRequired = sql.join(NOT_REQUIRED.map((k) => sql.lit(k)));
  const req = sql`l.subject_id = s.id AND (s.kind || ':' || l.kind) IN (${pairs})`;
  return sql<SubjectLicenceFilter>`CASE
    WHEN s.kind IN (${notRequired}) THEN 'not_required'
    WHEN EXISTS (SELECT 1 FROM subject_licences l WHERE ${req} AND NOT l.revoked
      AND (l.issued_on IS NULL OR l.issued_on <= ${today}::date) AND (l.valid_until IS NULL OR l.valid_until >= ${horizon}::date)) THEN 'valid'
    WHEN EXISTS (SELECT 1 FROM subject_licences l WHERE ${req} AND NOT l.revoked
      AND (l.issued_on IS NULL OR l.issued_on <= ${today}::date) AND l.valid_until >= ${today}::date) THEN 'expiring'
    WHEN EXISTS (SELECT 1 FROM subject_licences l WHERE ${req}) THEN 'expired'
    ELSE 'none' END`;
}

export type SubjectFilter = Omit<SubjectListQuery, 'page' | 'pageSize'> & { jurisdictionPath: string; today: string };

export function subjectsQuery(db: Executor, today: string) {
  return db
    .selectFrom('subjects as s')
    .innerJoin('orgs as g', (j) => j.onRef('g.id', '=', (eb) => eb.fn.coalesce('s.org_id', 's.bureau_id')))
    .leftJoin('orgs as sq', 'sq.id', 's.org_id')
    .select([
      's.id',
      's.code',
      's.kind',
      's.name',
      's.credit_code',
      's.id_number',
      's.plate',
      's.address',
      's.district',
      's.street',
      's.org_id',
      'sq.name as org_name',
      's.bureau_id',
      's.risk_level',
      's.verified',
      's.verified_at',
      's.point_lon',
      's.point_lat',
      's.status',
      's.tags',
      's.last_inspected_on',
      's.next_inspection_on',
      's.version',
      'g.path as org_path',
      // Kept by the grading; computed here only for a record not graded yet.
      sql<SubjectLicenceFilter>`COALESCE(s.licence_state, ${licenceStateSql(today)})`.as('licence_state'),
    ]);
}

export type SubjectRow = Awaited<ReturnType<ReturnType<typeof subjectsQuery>['executeTakeFirstOrThrow']>>;

/**
 * The orgs of the jurisdiction (those whose path starts with the caller's), and with `orgId` those of that org's
 * subtree too: a record is in the list when its org (its squad, else its bureau) is one of them. Null when that is
 * every org (the city's own users, no org chosen): no condition at all then — with the whole city's ids as values the
 * planner, misled by their statistics, read the jurisdiction index's 300,000 entries beside a search's few thousand.
 */
export async function jurisdictionOrgIds(db: Executor, jurisdictionPath: string, orgId?: string): Promise<string[] | null> {
  const inside = orgId
    ? sql<boolean>`path LIKE ${`${jurisdictionPath}%`} AND path LIKE (SELECT path FROM orgs WHERE id = ${orgId}) || '%'`
    : sql<boolean>`path LIKE ${`${jurisdictionPath}%`}`;
  const rows = await db
    .selectFrom('orgs')
    .select(['id', inside.as('inside')])
    .execute();
  const ids = rows.filter((r) => r.inside).map((r) => r.id);
  return ids.length === rows.length ? null : ids;
}

/**
 * The record's org among `orgIds`, as the expression subjects_jurisdiction_idx (035) is built on: the ids are given
 * as values, so the planner weighs them with that index's statistics — a squad's 2,000 records are read through the
 * index in the list's order, a district's or the city's by the list's order with the check on each index entry.
 */
export const inOrgs = (orgIds: readonly string[] | null) =>
  orgIds === null ? sql<SqlBool>`true` : sql<SqlBool>`COALESCE(s.org_id, s.bureau_id) = ANY(${[...orgIds]}::uuid[])`;

/**
 * The list's filters as one condition on `subjects s` alone (no join: the count and the page's ids are read from the
 * records the filters select, and only the page's rows are joined to their orgs — with a join here, the planner's small
 * estimate after a two-character search joined every matching record to every org by a nested loop);
 * `orgIds` = jurisdictionOrgIds(…).
 */
function filtered(db: Executor, f: SubjectFilter, orgIds: readonly string[] | null, anyUngraded: boolean) {
  let q = db.selectFrom('subjects as s').where(inOrgs(orgIds));
  q = q.where('s.status', '=', f.status ?? 'active');
  if (f.q) {
    const like = containsPattern(f.q);
    // A term of one or two characters (「面馆」) has no trigram: its grams narrow through subjects_search_grams_idx
    // (migration 046) — a column contains such a term ⇔ it is one of the column's grams — and the ILIKE below stays
    // the exact check (it also keeps the planner's estimate small, so the records are read through the index rather
    // than by walking the list's order and computing each record's grams). Longer terms use the trigram indexes (027).
    if ([...f.q].length <= 2) {
      q = q.where(sql<SqlBool>`search_grams(s.name, s.code, s.credit_code, s.address, s.plate) @> search_term_grams(${f.q})`);
    }
    q = q.where((eb) =>
      eb.or([
        eb('s.name', 'ilike', like),
        eb('s.code', 'ilike', like),
        eb('s.credit_code', 'ilike', like),
        eb('s.address', 'ilike', like),
        eb('s.plate', 'ilike', like),
      ]),
    );
  }
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.riskLevel) q = q.where('s.risk_level', '=', f.riskLevel);
  if (f.verified !== undefined) q = q.where('s.verified', '=', f.verified);
  if (f.hasPoint !== undefined) q = q.where('s.point_lon', f.hasPoint ? 'is not' : 'is', null);
  if (f.hasSquad !== undefined) q = q.where('s.org_id', f.hasSquad ? 'is not' : 'is', null);
  if (f.tag) q = q.where(sql<SqlBool>`${f.tag} = ANY(s.tags)`);
  if (f.licence) {
    const state = f.licence;
    // COALESCE(kept, computed) = state. The computation is needed only while some record of the status asked for is
    // not graded yet (subjects_ungraded_idx finds them); otherwise the kept state alone answers, through its index in
    // the list's order (the OR of both would make the planner read every candidate from the table).
    q = anyUngraded
      ? q.where(sql<SqlBool>`(s.licence_state = ${state} OR (s.licence_state IS NULL AND ${licenceStateSql(f.today)} = ${state}))`)
      : q.where('s.licence_state', '=', state);
  }
  return q;
}

/** Whether any record of the status has no kept licence state (not graded yet). */
async function ungradedExist(db: Executor, status: string): Promise<boolean> {
  const row = await db
    .selectFrom('subjects')
    .select('id')
    .where('status', '=', status)
    .where('licence_state', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Counts stop here (the list shows 「10,000+」). */
export const SUBJECT_COUNT_CAP = 10_000;
/**
 * A search term of one or two characters (「红星」, 「面馆」) counts to 1,000 at most (「1,000+」): such a term can match
 * tens of thousands of records, each of which the count would have to read and check, while the person searching
 * needs only to know that the term is too broad and to type more.
 */
export const SUBJECT_SHORT_TERM_COUNT_CAP = 1_000;

export async function listSubjectRows(db: Executor, f: SubjectFilter, limit: number, offset: number) {
  const [orgIds, anyUngraded] = await Promise.all([
    jurisdictionOrgIds(db, f.jurisdictionPath, f.orgId),
    f.licence ? ungradedExist(db, f.status ?? 'active') : false,
  ]);
  const base = filtered(db, f, orgIds, anyUngraded);
  const cap = f.q && [...f.q].length <= 2 ? SUBJECT_SHORT_TERM_COUNT_CAP : SUBJECT_COUNT_CAP;
  const walk = () => base.select('s.id').orderBy('s.id', 'desc').limit(limit).offset(offset).execute();
  let n: number;
  let ids: string[];
  if (f.q) {
    // A search: the matching records are found once, through the trigram (or gram) index, up to the count's cap, and
    // the page is sorted out of them. Walking the list's order instead, checking each record against the term, is
    // what the planner chose from its estimate (700 matches where there were a few): 34,000 records read for 20
    // rows, 80 ms. Only a term matching more than the cap — common enough that the walk finds its page at once —
    // pages by the walk.
    const hit = await db
      .with(
        (w) => w('m').materialized(),
        () => base.select('s.id').limit(cap + 1),
      )
      .selectNoFrom([
        sql<number>`(SELECT count(*)::int FROM m)`.as('n'),
        sql<string[]>`ARRAY(SELECT m.id::text FROM m ORDER BY m.id DESC LIMIT ${limit} OFFSET ${offset})`.as('ids'),
      ])
      .executeTakeFirstOrThrow();
    n = Number(hit.n);
    ids = n > cap ? (await walk()).map((r) => r.id) : hit.ids;
  } else {
    const [countRow, page] = await Promise.all([
      db
        .selectFrom(
          base
            .select(sql.lit(1).as('one'))
            .limit(cap + 1)
            .as('c'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      walk(),
    ]);
    n = Number(countRow.n);
    ids = page.map((r) => r.id);
  }
  const rows = new Map((await subjectRowsByIds(db, ids, f.today)).map((r) => [r.id, r]));
  const items = ids.map((id) => rows.get(id)).filter((r): r is SubjectRow => r !== undefined);
  return { items, total: Math.min(n, cap), capped: n > cap };
}

export async function findSubjectRow(db: Executor, id: string, today: string): Promise<SubjectRow | undefined> {
  return subjectsQuery(db, today).where('s.id', '=', id).executeTakeFirst();
}

export async function subjectRowsByIds(db: Executor, ids: readonly string[], today: string): Promise<SubjectRow[]> {
  if (ids.length === 0) return [];
  return subjectsQuery(db, today).where('s.id', 'in', ids).execute();
}

type Area = { org_id: string; min_lon: number; max_lon: number; min_lat: number; max_lat: number; geometry: unknown };

/**
 * The service areas of each bureau's active squads in org id order, as this process read them at the revision of
 * org_areas and orgs (migration 046: any change to either gives a new random revision). Kept per database (the Kysely
 * instance's adapter, shared by its transactions) and only for the latest revision read. The revision itself is read
 * again only when shared/area-revision.ts says so: at most once every AREA_REVISION_RECHECK_MS, and at every call for a
 * while after this process wrote areas or orgs — so routing is in memory between checks.
 */
type KeptAreas = { revision: string; checkedAt: number; byBureau: Map<string, Promise<Area[]>> };
const keptAreas = new WeakMap<object, KeptAreas>();

/** `fresh` (tests): the instant (performance.now() ms) and the recheck period to judge the kept revision by. */
export type AreaFreshness = { now?: number; recheckMs?: number };

async function bureauAreas(db: Executor, bureauId: string, fresh: AreaFreshness = {}): Promise<Area[]> {
  const key = db.getExecutor().adapter;
  const now = fresh.now ?? performance.now();
  let kept = keptAreas.get(key);
  if (!kept || areaRevisionDue(kept.checkedAt, now, fresh.recheckMs)) {
    const { revision } = await db
      .selectFrom('org_area_revision')
      .select(sql<string>`revision::text`.as('revision'))
      .executeTakeFirstOrThrow();
    const latest = keptAreas.get(key);
    if (latest?.revision === revision) latest.checkedAt = Math.max(latest.checkedAt, now);
    else keptAreas.set(key, { revision, checkedAt: now, byBureau: new Map() });
    kept = keptAreas.get(key)!;
  }
  const at = kept;
  let areas = at.byBureau.get(bureauId);
  if (!areas) {
    areas = db
      .selectFrom('org_areas as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .select(['a.org_id', 'a.min_lon', 'a.max_lon', 'a.min_lat', 'a.max_lat', 'a.geometry'])
      .where('o.bureau_id', '=', bureauId)
      .where('o.active', '=', true)
      .orderBy('a.org_id')
      .execute();
    at.byBureau.set(bureauId, areas);
    // A failed read is not kept.
    areas.catch(() => at.byBureau.delete(bureauId));
  }
  return areas;
}

/**
 * The squad whose service area holds the point, among the bureau's squads; null when none does. The first, in org
 * id order, of the areas whose box holds the point and whose polygon `pointIn` accepts.
 */
export async function squadAt(
  db: Executor,
  bureauId: string,
  lon: number,
  lat: number,
  pointIn: (geometry: unknown) => boolean,
  fresh?: AreaFreshness,
): Promise<string | null> {
  const areas = await bureauAreas(db, bureauId, fresh);
  return (
    areas.find((a) => a.min_lon <= lon && a.max_lon >= lon && a.min_lat <= lat && a.max_lat >= lat && pointIn(a.geometry))?.org_id ?? null
  );
}
