// What the 双随机 plans ask of inspections (through ./index.ts): the matters of the 检查事项清单 by code, and
// creating the tasks a draw assigns.
import type { InspectionMatter } from '@chengguan/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../context.ts';

export type InspectionMatterRow = InspectionMatter & { id: string; bureauId: string | null; active: boolean; version: number };

/** The matters with these codes (active or not: a plan approved earlier still names them). */
export async function mattersByCode(db: Executor, codes: readonly string[]): Promise<InspectionMatterRow[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('inspection_matters').selectAll().where('code', 'in', codes).orderBy('code').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    legalBasisZh: r.legal_basis_zh,
    subjectKinds: r.subject_kinds as InspectionMatter['subjectKinds'],
    items: r.items as InspectionMatter['items'],
    bureauId: r.bureau_id,
    active: r.active,
    version: r.version,
  }));
}

export type NewInspectionTask = {
  id: string;
  bureauId: string;
  orgId: string;
  subjectId: string;
  origin: 'random' | 'special' | 'reinspection' | 'risk_frequency';
  planId?: string | null;
  teamNo?: number | null;
  inspectorIds: readonly string[];
  matterCodes: readonly string[];
  dueOn: string;
  createdBy?: string | null;
};

/** A PostgreSQL array literal of these strings (each one quoted), cast per row in the insert below. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Inserts tasks inside the caller's transaction (a draw writes all of its tasks at once): one statement per 20,000
 * tasks, each column one array parameter; the array columns travel as one literal per task. Each task keeps the
 * current version of its matters: a later edit of the list does not change the form of a task already given.
 */
export async function insertInspectionTasks(trx: Executor, tasks: readonly NewInspectionTask[]): Promise<void> {
  const CODES_CHUNK = 2000;
  const CHUNK = 20_000;
  const codes = [...new Set(tasks.flatMap((t) => t.matterCodes))];
  const current = new Map<string, number>();
  for (let i = 0; i < codes.length; i += CODES_CHUNK) {
    const rows = await trx
      .selectFrom('inspection_matters')
      .select(['code', 'version'])
      .where('code', 'in', codes.slice(i, i + CODES_CHUNK))
      .execute();
    for (const r of rows) current.set(r.code, r.version);
  }
  const versionsOf = (t: NewInspectionTask) =>
    JSON.stringify(Object.fromEntries(t.matterCodes.filter((c) => current.has(c)).map((c) => [c, current.get(c)!])));
  for (let i = 0; i < tasks.length; i += CHUNK) {
    const part = tasks.slice(i, i + CHUNK);
    await sql`
      INSERT INTO inspection_tasks (id, bureau_id, org_id, subject_id, origin, plan_id, team_no, inspector_ids,
                                    matter_codes, due_on, matter_versions, created_by)
      SELECT t.id, t.bureau_id, t.org_id, t.subject_id, t.origin, t.plan_id, t.team_no, t.inspector_ids::uuid[],
             t.matter_codes::text[], t.due_on, t.matter_versions::jsonb, t.created_by
      FROM unnest(${part.map((t) => t.id)}::uuid[], ${part.map((t) => t.bureauId)}::uuid[], ${part.map((t) => t.orgId)}::uuid[],
                  ${part.map((t) => t.subjectId)}::uuid[], ${part.map((t) => t.origin)}::text[],
                  ${part.map((t) => t.planId ?? null)}::uuid[], ${part.map((t) => t.teamNo ?? null)}::int[],
                  ${part.map((t) => arrayLiteral(t.inspectorIds))}::text[], ${part.map((t) => arrayLiteral(t.matterCodes))}::text[],
                  ${part.map((t) => t.dueOn)}::date[], ${part.map(versionsOf)}::text[], ${part.map((t) => t.createdBy ?? null)}::uuid[])
           AS t (id, bureau_id, org_id, subject_id, origin, plan_id, team_no, inspector_ids, matter_codes, due_on,
                 matter_versions, created_by)`.execute(trx);
  }
}

/** Tasks whose rows a query gives (ord from 1, subject_id, org_id, team_no, inspector_ids uuid[], matter_codes text[]). */
export type TaskRowsSpec = {
  rows: RawBuilder<unknown>;
  /** The tasks' ids, the row of `ord` n taking ids[n − 1]. */
  ids: readonly string[];
  bureauId: string;
  origin: NewInspectionTask['origin'];
  planId: string | null;
  dueOn: string;
  createdBy: string | null;
};

/**
 * The bulk form of insertInspectionTasks for rows already in the database (a draw's 100,000 and more): one
 * INSERT … SELECT with the ids as the only large parameter. Each distinct list of matter codes gets its current
 * versions once, as insertInspectionTasks gives them.
 */
export async function insertInspectionTasksFrom(trx: Executor, spec: TaskRowsSpec): Promise<void> {
  if (spec.ids.length === 0) return;
  await sql`
    WITH src AS (${spec.rows}),
    versions AS (
      SELECT c.codes,
             (SELECT coalesce(jsonb_object_agg(m.code, m.version), '{}'::jsonb)
                FROM inspection_matters m WHERE m.code = ANY (c.codes)) AS matter_versions
      FROM (SELECT DISTINCT matter_codes AS codes FROM src) c
    )
    INSERT INTO inspection_tasks (id, bureau_id, org_id, subject_id, origin, plan_id, team_no, inspector_ids,
                                  matter_codes, due_on, matter_versions, created_by)
    SELECT i.id, ${spec.bureauId}::uuid, s.org_id, s.subject_id, ${spec.origin}, ${spec.planId}::uuid, s.team_no,
           s.inspector_ids, s.matter_codes, ${spec.dueOn}::date, v.matter_versions, ${spec.createdBy}::uuid
    FROM src s
    JOIN unnest(${spec.ids}::uuid[]) WITH ORDINALITY AS i (id, ord) ON i.ord = s.ord
    JOIN versions v ON v.codes = s.matter_codes`.execute(trx);
}
