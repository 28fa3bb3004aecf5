// The registry's queries. A subject belongs to the org path of its squad, or of its bureau while no squad's area holds
// its point: jurisdiction is that path under the caller's (as subjectBriefs says).
import { sql, type SqlBool } from 'kysely';
import { addDays, DEFAULT_LICENCE_EXPIRING_DAYS, SUBJECT_KIND_DEFAULTS, SUBJECT_KINDS } from '@chengguan/domain';
import type { SubjectLicenceFilter, SubjectListQuery } from '@chengguan/contracts';
import type { Executor } from '../../context.ts';
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

/** The list's filters as one condition on `s` (and `g`, the record's org). */
function filtered(db: Executor, f: SubjectFilter) {
  let q = subjectsQuery(db, f.today).where('g.path', 'like', `${f.jurisdictionPath}%`);
  if (f.orgId) {
    const orgId = f.orgId;
    q = q.where('g.path', 'like', sql<string>`(SELECT path FROM orgs WHERE id = ${orgId}) || '%'`);
  }
  q = q.where('s.status', '=', f.status ?? 'active');
  if (f.q) {
    const like = containsPattern(f.q);
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
    // COALESCE(kept, computed) = state, written so that the kept state's index answers the graded records and the
    // computation runs only for the few not graded yet (subjects_ungraded_idx).
    q = q.where(sql<SqlBool>`(s.licence_state = ${state} OR (s.licence_state IS NULL AND ${licenceStateSql(f.today)} = ${state}))`);
  }
  return q;
}

/** Counts stop here (the list shows 「10,000+」). */
export const SUBJECT_COUNT_CAP = 10_000;

export async function listSubjectRows(db: Executor, f: SubjectFilter, limit: number, offset: number) {
  const base = filtered(db, f);
  const [countRow, items] = await Promise.all([
    db
      .selectFrom(
        base
          .clearSelect()
          .select(sql.lit(1).as('one'))
          .limit(SUBJECT_COUNT_CAP + 1)
          .as('c'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base.orderBy('s.id', 'desc').limit(limit).offset(offset).execute(),
  ]);
  const n = Number(countRow.n);
  return { items, total: Math.min(n, SUBJECT_COUNT_CAP), capped: n > SUBJECT_COUNT_CAP };
}

export async function findSubjectRow(db: Executor, id: string, today: string): Promise<SubjectRow | undefined> {
  return subjectsQuery(db, today).where('s.id', '=', id).executeTakeFirst();
}

export async function subjectRowsByIds(db: Executor, ids: readonly string[], today: string): Promise<SubjectRow[]> {
  if (ids.length === 0) return [];
  return subjectsQuery(db, today).where('s.id', 'in', ids).execute();
}

/** The squad whose service area holds the point, among the bureau's squads; null when none does. */
export async function squadAt(
  db: Executor,
  bureauId: string,
  lon: number,
  lat: number,
  pointIn: (geometry: unknown) => boolean,
): Promise<string | null> {
  const areas = await db
    .selectFrom('org_areas as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'a.geometry'])
    .where('o.bureau_id', '=', bureauId)
    .where('o.active', '=', true)
    .where('a.min_lon', '<=', lon)
    .where('a.max_lon', '>=', lon)
    .where('a.min_lat', '<=', lat)
    .where('a.max_lat', '>=', lat)
    .orderBy('a.org_id')
    .execute();
  return areas.find((a) => pointIn(a.geometry))?.org_id ?? null;
}
