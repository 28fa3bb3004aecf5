// SQL of the 双随机 plans: the plan rows, their matters and conflicts, the frozen pools, the teams.
import { sql, type Compilable, type Expression } from 'kysely';
import type { Executor } from '../../context.ts';

export type PlanRow = {
  id: string;
  bureau_id: string;
  bureau_name: string;
  bureau_path: string;
  title: string;
  period_from: string;
  period_to: string;
  draws_per_year: number;
  subject_kinds: string[];
  squad_ids: string[];
  risk_levels: string[];
  proportions: unknown;
  max_targets_per_team: number | null;
  publish_within_working_days: number;
  status: string;
  created_by: string;
  created_by_name: string;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  seed_hex: string | null;
  commitment: string | null;
  input_digest: string | null;
  drawn_by: string | null;
  drawn_at: Date | null;
  publish_by: string | null;
  draw_summary: unknown;
  version: number;
};

function planQuery(db: Executor) {
  return db
    .selectFrom('inspection_plans as p')
    .innerJoin('orgs as b', 'b.id', 'p.bureau_id')
    .innerJoin('officers as c', 'c.id', 'p.created_by')
    .select([
      'p.id',
      'p.bureau_id',
      'b.name as bureau_name',
      'b.path as bureau_path',
      'p.title',
      'p.period_from',
      'p.period_to',
      'p.draws_per_year',
      'p.subject_kinds',
      'p.squad_ids',
      'p.risk_levels',
      'p.proportions',
      'p.max_targets_per_team',
      'p.publish_within_working_days',
      'p.status',
      'p.created_by',
      'c.name as created_by_name',
      'p.submitted_at',
      'p.approved_by',
      'p.approved_at',
      'p.seed_hex',
      'p.commitment',
      'p.input_digest',
      'p.drawn_by',
      'p.drawn_at',
      'p.publish_by',
      'p.draw_summary',
      'p.version',
    ]);
}

export async function findPlan(db: Executor, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  let q = planQuery(db).where('p.id', '=', id);
  if (forUpdate) q = q.forUpdate('p');
  return (await q.executeTakeFirst()) as PlanRow | undefined;
}

export type SquadRow = { id: string; name: string; code: string; path: string; bureau_id: string | null; kind: string; active: boolean };

export async function orgsByIds(db: Executor, ids: readonly string[]): Promise<SquadRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'code', 'path', 'bureau_id', 'kind', 'active']).where('id', 'in', ids).execute();
}

export async function officerNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('officers')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type PlanListFilter = {
  jurisdictionPath: string;
  q?: string;
  status?: string;
  orgId?: string;
  periodOn?: string;
  year?: number;
};

/** Plans the actor sees: of a bureau in his jurisdiction, or covering one of his squads. */
export async function listPlans(
  db: Executor,
  f: PlanListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: PlanRow[]; total: number }> {
  const like = `${f.jurisdictionPath}%`;
  let q = planQuery(db).where(({ or, eb, exists, selectFrom }) =>
    or([
      eb('b.path', 'like', like),
      exists(
        selectFrom('orgs as s')
          .select(sql`1`.as('one'))
          .whereRef('s.id', '=', sql`any(p.squad_ids)`)
          .where('s.path', 'like', like),
      ),
    ]),
  );
  if (f.q) q = q.where('p.title', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.orgId) q = q.where(sql<boolean>`${f.orgId}::uuid = any(p.squad_ids)`);
  if (f.periodOn) q = q.where('p.period_from', '<=', f.periodOn).where('p.period_to', '>=', f.periodOn);
  if (f.year) q = q.where('p.period_from', '<=', `${f.year}-12-31`).where('p.period_to', '>=', `${f.year}-01-01`);
  const total = await db
    .selectFrom(q.as('x'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = (await q.orderBy('p.period_from', 'desc').orderBy('p.id', 'desc').limit(limit).offset(offset).execute()) as PlanRow[];
  return { rows, total: Number(total.n) };
}

export async function drawnCounts(db: Executor, planIds: readonly string[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspection_plan_drawn')
    .select(['plan_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('plan_id', 'in', planIds)
    .groupBy('plan_id')
    .execute();
  return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
}

export async function planMatterCodes(db: Executor, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('inspection_plan_matters')
    .select('matter_code')
    .where('plan_id', '=', planId)
    .orderBy('matter_code')
    .execute();
  return rows.map((r) => r.matter_code);
}

export type ConflictRow = { officer_id: string; subject_id: string; reason: string };

export async function planConflicts(db: Executor, planId: string): Promise<ConflictRow[]> {
  return db
    .selectFrom('inspection_plan_conflicts')
    .select(['officer_id', 'subject_id', 'reason'])
    .where('plan_id', '=', planId)
    .orderBy('officer_id')
    .orderBy('subject_id')
    .execute();
}

export async function replaceMattersAndConflicts(
  trx: Executor,
  planId: string,
  matterCodes: readonly string[] | undefined,
  conflicts: readonly { officerId: string; subjectId: string; reason: string }[] | undefined,
): Promise<void> {
  if (matterCodes) {
    await trx.deleteFrom('inspection_plan_matters').where('plan_id', '=', planId).execute();
    if (matterCodes.length > 0) {
      await trx
        .insertInto('inspection_plan_matters')
        .values(matterCodes.map((c) => ({ plan_id: planId, matter_code: c })))
        .execute();
    }
  }
  if (conflicts) {
    await trx.deleteFrom('inspection_plan_conflicts').where('plan_id', '=', planId).execute();
    if (conflicts.length > 0) {
      await trx
        .insertInto('inspection_plan_conflicts')
        .values(conflicts.map((c) => ({ plan_id: planId, officer_id: c.officerId, subject_id: c.subjectId, reason: c.reason.trim() })))
        .execute();
    }
  }
}

/** Officers who may be drawn: active, of these squads, with a field role; their credentials as stored. */
export async function fieldOfficersOf(
  db: Executor,
  squadIds: readonly string[],
): Promise<
  {
    id: string;
    org_id: string;
    credentials: { number: string; domains: string[]; validFrom: string; validTo: string; revoked: boolean }[];
  }[]
> {
  if (squadIds.length === 0) return [];
  const officers = await db
    .selectFrom('officers as o')
    .select(['o.id', 'o.org_id'])
    .where('o.org_id', 'in', squadIds)
    .where('o.active', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('officer_roles as r')
          .select(sql`1`.as('one'))
          .whereRef('r.officer_id', '=', 'o.id')
          .where('r.role', 'in', ['field_officer', 'squad_leader']),
      ),
    )
    .orderBy('o.id')
    .execute();
  const ids = officers.map((o) => o.id);
  const creds =
    ids.length === 0
      ? []
      : await db
          .selectFrom('credentials')
          .select(['officer_id', 'number', 'domains', 'valid_from', 'valid_to', 'revoked'])
          .where('officer_id', 'in', ids)
          .orderBy('number')
          .execute();
  const byOfficer = new Map<string, { number: string; domains: string[]; validFrom: string; validTo: string; revoked: boolean }[]>();
  for (const c of creds) {
    const list = byOfficer.get(c.officer_id) ?? [];
    list.push({ number: c.number, domains: c.domains, validFrom: String(c.valid_from), validTo: String(c.valid_to), revoked: c.revoked });
    byOfficer.set(c.officer_id, list);
  }
  return officers.map((o) => ({ id: o.id, org_id: o.org_id, credentials: byOfficer.get(o.id) ?? [] }));
}

export type FrozenTarget = { subject_id: string; kind: string; level: string; org_id: string; area: string };
export type FrozenInspector = { officer_id: string; org_id: string; area: string; acting: boolean; credentials: unknown };

/**
 * The frozen target pool, written at approval where it stands: one INSERT … SELECT from the registry's pool query
 * (each subject with its kind, level, squad and the squad's code as area), answering what it wrote — the rows the
 * input digest is computed from, so the digest and the frozen pool are the same snapshot.
 */
export async function freezeTargets(
  trx: Executor,
  planId: string,
  pool: Compilable & Expression<unknown>,
): Promise<{ id: string; level: string; area: string }[]> {
  const r = await sql<{ id: string; level: string; area: string }>`
    INSERT INTO inspection_plan_targets (plan_id, subject_id, kind, level, org_id, area)
    SELECT ${planId}::uuid, p.id, p.kind, p.risk_level, p.org_id, o.code
    FROM (${pool}) AS p JOIN orgs o ON o.id = p.org_id
    RETURNING subject_id AS id, level, area`.execute(trx);
  return r.rows;
}

export async function insertFrozenInspectors(trx: Executor, planId: string, rows: readonly FrozenInspector[]): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('inspection_plan_inspectors')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          plan_id: planId,
          officer_id: r.officer_id,
          org_id: r.org_id,
          area: r.area,
          acting: r.acting,
          credentials: JSON.stringify(r.credentials),
        })),
      )
      .execute();
  }
}

/** The frozen pool as the draw and the public record read it: id, level and area of each target, nothing more. */
export async function frozenTargets(db: Executor, planId: string): Promise<{ id: string; level: string; area: string }[]> {
  return db.selectFrom('inspection_plan_targets').select(['subject_id as id', 'level', 'area']).where('plan_id', '=', planId).execute();
}

export async function frozenInspectors(db: Executor, planId: string): Promise<FrozenInspector[]> {
  return db
    .selectFrom('inspection_plan_inspectors')
    .select(['officer_id', 'org_id', 'area', 'acting', 'credentials'])
    .where('plan_id', '=', planId)
    .orderBy('officer_id')
    .execute();
}

export async function frozenTargetCounts(db: Executor, planId: string): Promise<{ org_id: string; level: string; n: number }[]> {
  const rows = await db
    .selectFrom('inspection_plan_targets')
    .select(['org_id', 'level', (eb) => eb.fn.countAll<string>().as('n')])
    .where('plan_id', '=', planId)
    .groupBy(['org_id', 'level'])
    .execute();
  return rows.map((r) => ({ org_id: r.org_id, level: r.level, n: Number(r.n) }));
}

export type DrawnRow = {
  subject_id: string;
  kind: string;
  level: string;
  area: string;
  org_id: string;
  team_no: number;
  draw_order: number;
};

export async function drawnTargets(db: Executor, planId: string): Promise<DrawnRow[]> {
  return db
    .selectFrom('inspection_plan_drawn')
    .select(['subject_id', 'kind', 'level', 'area', 'org_id', 'team_no', 'draw_order'])
    .where('plan_id', '=', planId)
    .orderBy('draw_order')
    .execute();
}

/** Each team's first `perTeam` drawn targets in draw order, and how many each team has (the plan page). */
export async function drawnTargetsShown(
  db: Executor,
  planId: string,
  perTeam: number,
): Promise<{ shown: DrawnRow[]; counts: Map<number, number> }> {
  const [shown, counts] = await Promise.all([
    sql<DrawnRow>`
      SELECT subject_id, kind, level, area, org_id, team_no, draw_order
      FROM (SELECT d.*, row_number() OVER (PARTITION BY team_no ORDER BY draw_order) AS k
            FROM inspection_plan_drawn d WHERE plan_id = ${planId}::uuid) x
      WHERE k <= ${perTeam}
      ORDER BY draw_order`.execute(db),
    db
      .selectFrom('inspection_plan_drawn')
      .select(['team_no', (eb) => eb.fn.countAll<string>().as('n')])
      .where('plan_id', '=', planId)
      .groupBy('team_no')
      .execute(),
  ]);
  return { shown: shown.rows, counts: new Map(counts.map((c) => [c.team_no, Number(c.n)])) };
}

/**
 * The drawn targets in draw order with their team: one statement, two array parameters (the ids in draw order and
 * their teams); kind, level, squad and area are the frozen pool's, joined where they stand.
 */
export async function insertDrawnTargets(trx: Executor, planId: string, drawn: readonly { id: string; teamNo: number }[]): Promise<void> {
  if (drawn.length === 0) return;
  const ids = new Array<string>(drawn.length);
  const teams = new Array<number>(drawn.length);
  for (let i = 0; i < drawn.length; i++) {
    ids[i] = drawn[i]!.id;
    teams[i] = drawn[i]!.teamNo;
  }
  await sql`
    INSERT INTO inspection_plan_drawn (plan_id, draw_order, subject_id, kind, level, org_id, area, team_no)
    SELECT t.plan_id, (d.n - 1)::int, t.subject_id, t.kind, t.level, t.org_id, t.area, d.team_no
    FROM unnest(${ids}::uuid[], ${teams}::int[]) WITH ORDINALITY AS d (subject_id, team_no, n)
    JOIN inspection_plan_targets t ON t.plan_id = ${planId}::uuid AND t.subject_id = d.subject_id`.execute(trx);
}

/**
 * The draw's tasks as rows where they stand (draw order from 1, subject, squad, team, the team's two inspectors, the
 * codes of the plan's matters for the subject's kind): what the inspections module writes its tasks from.
 */
export function drawnTaskRows(planId: string, mattersOfKind: ReadonlyMap<string, readonly string[]>) {
  const kinds = [...mattersOfKind.keys()];
  const codes = kinds.map(
    (k) =>
      `{${mattersOfKind
        .get(k)!
        .map((c) => `"${c.replace(/["\\]/g, '\\$&')}"`)
        .join(',')}}`,
  );
  return sql<{ ord: number; subject_id: string; org_id: string; team_no: number; inspector_ids: string[]; matter_codes: string[] }>`
    SELECT d.draw_order + 1 AS ord, d.subject_id, d.org_id, d.team_no, tm.inspector_ids, k.codes::text[] AS matter_codes
    FROM inspection_plan_drawn d
    JOIN inspection_plan_teams tm ON tm.plan_id = d.plan_id AND tm.team_no = d.team_no
    JOIN unnest(${kinds}::text[], ${codes}::text[]) AS k (kind, codes) ON k.kind = d.kind
    WHERE d.plan_id = ${planId}::uuid`;
}

export async function planTeams(
  db: Executor,
  planId: string,
): Promise<{ team_no: number; org_id: string; area: string; inspector_ids: string[] }[]> {
  return db
    .selectFrom('inspection_plan_teams')
    .select(['team_no', 'org_id', 'area', 'inspector_ids'])
    .where('plan_id', '=', planId)
    .orderBy('team_no')
    .execute();
}
