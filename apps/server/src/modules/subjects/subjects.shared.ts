// What other modules may ask of the registry (through ./index.ts): a subject's brief record, the target pool of a
// draw, and writing an event into a subject's timeline. The registry's own routes and use-cases build on the same.
import { sql } from 'kysely';
import type { Deps, Executor } from '../../context.ts';
import { districtAt, type DistrictGeometry } from '@chengguan/domain';
import { squadAt, type AreaFreshness } from './subjects.repository.ts';
import { regradeSubjects } from './use-cases/grading.ts';

/** Timeline kinds the risk rules count (the domain's RiskEventType) … */
export const RISK_EVENT_KINDS = ['violation', 'serious_violation', 'complaint', 'failed_inspection', 'passed_inspection'] as const;
/** … and those a reader sees beside them. */
export type SubjectEventKind =
  | (typeof RISK_EVENT_KINDS)[number]
  | 'registered'
  | 'updated'
  | 'merged'
  | 'licence'
  | 'risk_change'
  | 'case'
  | 'rectification'
  | 'inspection_task'
  | 'risk_override';

export type SubjectEventInput = {
  id: string;
  subjectId: string;
  kind: SubjectEventKind;
  /** The day it happened (YYYY-MM-DD): what the risk rules' windows count from. */
  occurredOn: string;
  refType?: string | null;
  refId?: string | null;
  summaryZh: string;
  data?: Record<string, unknown>;
  actorId?: string | null;
};

/**
 * Adds events to subjects' timelines, inside the caller's transaction. An event with a `refId` is written once per
 * (subject, kind, refType, refId): a retried caller adds nothing. Returns the subjects whose timeline changed.
 * The subjects' risk levels are recomputed from their facts in the same transaction (R9: levels follow the facts).
 */
export async function recordSubjectEvents(deps: Deps, trx: Executor, events: readonly SubjectEventInput[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = await trx
    .insertInto('subject_events')
    .values(
      events.map((e) => ({
        id: e.id,
        subject_id: e.subjectId,
        kind: e.kind,
        occurred_on: e.occurredOn,
        ref_type: e.refType ?? null,
        ref_id: e.refId ?? null,
        summary_zh: e.summaryZh,
        data: JSON.stringify(e.data ?? {}),
        actor_id: e.actorId ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['subject_id', 'kind', 'ref_type', 'ref_id']).where('ref_id', 'is not', null).doNothing())
    .returning(['subject_id', 'kind', 'occurred_on'])
    .execute();
  const touched = [...new Set(rows.map((r) => r.subject_id))];
  // An inspection's result is the subject's last inspection (the next one is due from it).
  const inspected = new Map<string, string>();
  for (const r of rows) {
    if (r.kind !== 'passed_inspection' && r.kind !== 'failed_inspection') continue;
    const on = String(r.occurred_on as unknown).slice(0, 10);
    if ((inspected.get(r.subject_id) ?? '') < on) inspected.set(r.subject_id, on);
  }
  for (const [id, on] of inspected) {
    await trx
      .updateTable('subjects')
      .set({ last_inspected_on: sql<string>`GREATEST(COALESCE(last_inspected_on, ${on}::date), ${on}::date)` })
      .where('id', '=', id)
      .execute();
  }
  const actorId = events.find((e) => e.actorId)?.actorId ?? null;
  await regradeSubjects(deps, trx, touched, actorId);
  return touched;
}

/** The few fields of a subject other modules show or check jurisdiction on. */
export type SubjectBrief = {
  id: string;
  code: string;
  kind: string;
  name: string;
  bureauId: string;
  orgId: string | null;
  /** Materialized path of the squad (or the bureau when no squad holds it), for jurisdiction checks. */
  orgPath: string;
  address: string | null;
  creditCode: string | null;
  pointLon: number | null;
  pointLat: number | null;
  riskLevel: string | null;
  status: string;
};

export async function subjectBriefs(db: Executor, ids: readonly string[]): Promise<SubjectBrief[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('subjects as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', (eb) => eb.fn.coalesce('s.org_id', 's.bureau_id')))
    .select([
      's.id',
      's.code',
      's.kind',
      's.name',
      's.bureau_id',
      's.org_id',
      'o.path',
      's.address',
      's.credit_code',
      's.point_lon',
      's.point_lat',
      's.risk_level',
      's.status',
    ])
    .where('s.id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    bureauId: r.bureau_id,
    orgId: r.org_id,
    orgPath: r.path,
    address: r.address,
    creditCode: r.credit_code,
    pointLon: r.point_lon,
    pointLat: r.point_lat,
    riskLevel: r.risk_level,
    status: r.status,
  }));
}

/** A draw's target pool: live subjects of the bureau, optionally of some squads, kinds and risk levels. */
export type SubjectPoolFilter = { bureauId: string; orgIds?: readonly string[]; kinds?: readonly string[]; levels?: readonly string[] };
export type SubjectPoolEntry = { id: string; orgId: string; level: string };

/**
 * The pool as a query (id, org_id, risk_level, kind), for a caller that writes it where it stands (a plan's approval
 * freezes 300,000 subjects with one INSERT … SELECT instead of carrying them through the process twice).
 */
export function subjectPoolQuery(db: Executor, f: SubjectPoolFilter) {
  let q = db
    .selectFrom('subjects')
    .select(['id', 'org_id', 'risk_level', 'kind'])
    .where('bureau_id', '=', f.bureauId)
    .where('status', '=', 'active')
    .where('org_id', 'is not', null)
    .where('risk_level', 'is not', null);
  if (f.orgIds?.length) q = q.where('org_id', 'in', f.orgIds);
  if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
  if (f.levels?.length) q = q.where('risk_level', 'in', f.levels);
  return q;
}

/** Subjects without a squad (no point, or no squad's area holds it) cannot be drawn: they are in the data-quality view. */
export async function subjectPool(db: Executor, f: SubjectPoolFilter): Promise<SubjectPoolEntry[]> {
  const rows = await subjectPoolQuery(db, f).execute();
  return rows.map((r) => ({ id: r.id, orgId: r.org_id as string, level: r.risk_level as string }));
}

/**
 * The squad whose service area (org_areas) holds a WGS-84 point, among the bureau's active squads; null when none
 * does. The same rule the registry files a subject's squad by, for other modules (诉件 routing).
 */
export async function squadOfPoint(
  db: Executor,
  bureauId: string,
  point: readonly [number, number],
  fresh?: AreaFreshness,
): Promise<string | null> {
  const p: [number, number] = [point[0], point[1]];
  return squadAt(db, bureauId, p[0], p[1], (g) => districtAt(p, [{ name: 'area', geometry: g as DistrictGeometry }]) !== null, fresh);
}

/** The service areas (WGS-84 GeoJSON) of the active squads inside a jurisdiction, for maps of other modules. */
export async function squadAreasIn(db: Executor, jurisdictionPath: string) {
  const like = `${jurisdictionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('org_areas as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'o.name as org_name', 'a.geometry'])
    .where('o.kind', '=', 'squad')
    .where('o.active', '=', true)
    .where('o.path', 'like', like)
    .orderBy('o.path')
    .limit(500)
    .execute();
}
