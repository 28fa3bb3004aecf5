// What the 双随机 plans ask of inspections (through ./index.ts): the matters of the 检查事项清单 by code, and
// creating the tasks a draw assigns.
import type { InspectionMatter } from '@chengguan/domain';
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

/**
 * Inserts tasks inside the caller's transaction (a draw writes all of its tasks at once). Each task keeps the current
 * version of its matters: a later edit of the list does not change the form of a task already given.
 */
export async function insertInspectionTasks(trx: Executor, tasks: readonly NewInspectionTask[]): Promise<void> {
  const CHUNK = 2000;
  const codes = [...new Set(tasks.flatMap((t) => t.matterCodes))];
  const current = new Map<string, number>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('inspection_matters')
      .select(['code', 'version'])
      .where('code', 'in', codes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) current.set(r.code, r.version);
  }
  const versionsOf = (t: NewInspectionTask) =>
    JSON.stringify(Object.fromEntries(t.matterCodes.filter((c) => current.has(c)).map((c) => [c, current.get(c)!])));
  for (let i = 0; i < tasks.length; i += CHUNK) {
    await trx
      .insertInto('inspection_tasks')
      .values(
        tasks.slice(i, i + CHUNK).map((t) => ({
          id: t.id,
          bureau_id: t.bureauId,
          org_id: t.orgId,
          subject_id: t.subjectId,
          origin: t.origin,
          plan_id: t.planId ?? null,
          team_no: t.teamNo ?? null,
          inspector_ids: [...t.inspectorIds],
          matter_codes: [...t.matterCodes],
          due_on: t.dueOn,
          matter_versions: versionsOf(t),
          created_by: t.createdBy ?? null,
        })),
      )
      .execute();
  }
}
