// Creating and editing a draft plan. Every reference is checked against the bureau's data and refused with its field:
// squads of the actor's bureau and jurisdiction, matters of the 检查事项清单 that apply to the pooled kinds, levels and
// proportions of the risk scale, conflicts between an officer of the pooled squads and a subject of the bureau.
import type { CreatePlanBody, PlanDetail, UpdatePlanBody } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { mattersByCode } from '../../inspections/index.ts';
import { subjectBriefs } from '../../subjects/index.ts';
import { orgsByIds, replaceMattersAndConflicts, type SquadRow } from '../random-inspections.repository.ts';
import { DEFAULT_DRAWS_PER_YEAR, DEFAULT_PUBLISH_WITHIN_WORKING_DAYS, PLAN_RISK_SCALE, mayEdit } from '../plan-rules.ts';
import { loadPlanDetail, planRowOrFail } from './get-plan.ts';

const rule = (field: string, zh: string, en: string) => fieldError(field, zh, en, 'RULE_VIOLATION');

type PlanFields = {
  title: string;
  periodFrom: string;
  periodTo: string;
  drawsPerYear: number;
  matterCodes: readonly string[];
  subjectKinds: readonly string[];
  orgIds: readonly string[];
  riskLevels: readonly string[];
  proportions: readonly { level: string; basisPoints: number }[] | null;
  maxTargetsPerTeam: number | null;
  publishWithinWorkingDays: number;
  conflicts: readonly { officerId: string; subjectId: string; reason: string }[];
};

/** The plan's squads: each of the actor's bureau, a squad, in his jurisdiction. */
async function checkSquads(db: Executor, actor: Actor, bureauId: string, ids: readonly string[]): Promise<SquadRow[]> {
  const rows = await orgsByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id, i) => {
    const s = byId.get(id);
    if (!s || s.bureau_id !== bureauId || !s.path.startsWith(actor.jurisdictionPath)) {
      throw rule(`orgIds[${i}]`, '不是本人辖区内本局的中队', 'not a squad of your bureau within your jurisdiction');
    }
    if (s.kind !== 'squad' || !s.active) throw rule(`orgIds[${i}]`, '只能选择在用的中队', 'choose an active squad');
    return s;
  });
}

export async function checkPlanFields(db: Executor, actor: Actor, bureauId: string, f: PlanFields): Promise<SquadRow[]> {
  if (f.periodTo < f.periodFrom) throw rule('periodTo', '结束日期早于开始日期', 'the end is before the start');
  const squads = await checkSquads(db, actor, bureauId, f.orgIds);
  const levels = new Set(PLAN_RISK_SCALE.levels.map((l) => l.code));
  f.riskLevels.forEach((l, i) => {
    if (!levels.has(l)) throw rule(`riskLevels[${i}]`, '不是风险等级表中的等级', 'not a level of the risk scale');
  });
  if (f.proportions) {
    const seen = new Set<string>();
    f.proportions.forEach((p, i) => {
      if (!levels.has(p.level)) throw rule(`proportions[${i}].level`, '不是风险等级表中的等级', 'not a level of the risk scale');
      if (seen.has(p.level)) throw rule(`proportions[${i}].level`, '同一等级只能设定一个抽查比例', 'one proportion per level');
      seen.add(p.level);
    });
  }
  const matters = await mattersByCode(db, f.matterCodes);
  const byCode = new Map(matters.map((m) => [m.code, m]));
  f.matterCodes.forEach((code, i) => {
    const m = byCode.get(code);
    if (!m || (m.bureauId !== null && m.bureauId !== bureauId)) {
      throw rule(`matterCodes[${i}]`, '检查事项清单中没有该事项', 'no such matter in the list of inspection matters');
    }
    if (!m.active) throw rule(`matterCodes[${i}]`, '该检查事项已停用', 'the matter is no longer in use');
    if (f.subjectKinds.length > 0 && !m.subjectKinds.some((k) => f.subjectKinds.includes(k))) {
      throw rule(`matterCodes[${i}]`, '该检查事项不适用于计划抽查的任何对象类别', 'the matter applies to none of the pooled kinds');
    }
  });
  if (f.conflicts.length > 0) {
    const officers = await db
      .selectFrom('officers')
      .select(['id', 'org_id'])
      .where('id', 'in', [...new Set(f.conflicts.map((c) => c.officerId))])
      .execute();
    const officerOrg = new Map(officers.map((o) => [o.id, o.org_id]));
    const subjects = new Map((await subjectBriefs(db, [...new Set(f.conflicts.map((c) => c.subjectId))])).map((s) => [s.id, s]));
    const pairs = new Set<string>();
    f.conflicts.forEach((c, i) => {
      if (!f.orgIds.includes(officerOrg.get(c.officerId) ?? '')) {
        throw rule(`conflicts[${i}].officerId`, '不是计划所选中队的人员', 'not an officer of the plan’s squads');
      }
      const s = subjects.get(c.subjectId);
      if (!s || s.bureauId !== bureauId) throw rule(`conflicts[${i}].subjectId`, '不是本局的执法对象', 'not a subject of your bureau');
      const key = `${c.officerId} ${c.subjectId}`;
      if (pairs.has(key)) throw rule(`conflicts[${i}]`, '同一人员与同一对象的回避只能登记一次', 'the same pair is listed twice');
      pairs.add(key);
    });
  }
  return squads;
}

export async function createPlan(deps: Deps, actor: Actor, meta: RequestMeta, input: CreatePlanBody): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:write');
  if (!actor.bureauId)
    throw new AppError('FORBIDDEN', { message: '计划由区局或其中队制定', messageEn: 'Plans are made by a district bureau or its squads' });
  const bureauId = actor.bureauId;
  const fields: PlanFields = {
    title: input.title.trim(),
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    drawsPerYear: input.drawsPerYear ?? DEFAULT_DRAWS_PER_YEAR,
    matterCodes: input.matterCodes,
    subjectKinds: input.subjectKinds,
    orgIds: input.orgIds,
    riskLevels: input.riskLevels,
    proportions: input.proportions && input.proportions.length > 0 ? input.proportions : null,
    maxTargetsPerTeam: input.maxTargetsPerTeam ?? null,
    publishWithinWorkingDays: input.publishWithinWorkingDays ?? DEFAULT_PUBLISH_WITHIN_WORKING_DAYS,
    conflicts: input.conflicts ?? [],
  };
  await checkPlanFields(deps.db, actor, bureauId, fields);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await insertPlan(trx, id, bureauId, actor.id, fields);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.create',
      entityType: 'inspection_plan',
      entityId: id,
      bureauId,
      data: { title: fields.title },
    });
  });
  return loadPlanDetail(deps, actor, id);
}

export async function insertPlan(trx: Executor, id: string, bureauId: string, authorId: string, f: PlanFields): Promise<void> {
  await trx
    .insertInto('inspection_plans')
    .values({
      id,
      bureau_id: bureauId,
      title: f.title,
      period_from: f.periodFrom,
      period_to: f.periodTo,
      draws_per_year: f.drawsPerYear,
      subject_kinds: [...f.subjectKinds],
      squad_ids: [...f.orgIds],
      risk_levels: [...f.riskLevels],
      proportions: JSON.stringify(f.proportions ?? []),
      max_targets_per_team: f.maxTargetsPerTeam,
      publish_within_working_days: f.publishWithinWorkingDays,
      created_by: authorId,
    })
    .execute();
  await replaceMattersAndConflicts(trx, id, f.matterCodes, f.conflicts);
}

export async function updatePlan(deps: Deps, actor: Actor, meta: RequestMeta, id: string, input: UpdatePlanBody): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:write');
  const { row, squads, matterCodes, conflicts } = await planRowOrFail(deps.db, actor, id);
  if (!mayEdit(actor, squads, row.bureau_path)) throw new AppError('FORBIDDEN');
  if (row.status !== 'draft')
    throw new AppError('STATE_CONFLICT', { message: '只有草稿状态的计划可以修改', messageEn: 'Only a draft plan can be edited' });
  if (row.version !== input.expectedVersion) throw new AppError('STATE_CONFLICT');
  const fields: PlanFields = {
    title: input.title?.trim() ?? row.title,
    periodFrom: input.periodFrom ?? row.period_from,
    periodTo: input.periodTo ?? row.period_to,
    drawsPerYear: input.drawsPerYear ?? row.draws_per_year,
    matterCodes: input.matterCodes ?? matterCodes,
    subjectKinds: input.subjectKinds ?? row.subject_kinds,
    orgIds: input.orgIds ?? row.squad_ids,
    riskLevels: input.riskLevels ?? row.risk_levels,
    proportions:
      input.proportions === undefined
        ? ((row.proportions as PlanFields['proportions']) ?? []).length > 0
          ? (row.proportions as PlanFields['proportions'])
          : null
        : input.proportions && input.proportions.length > 0
          ? input.proportions
          : null,
    maxTargetsPerTeam: input.maxTargetsPerTeam === undefined ? row.max_targets_per_team : input.maxTargetsPerTeam,
    publishWithinWorkingDays: input.publishWithinWorkingDays ?? row.publish_within_working_days,
    conflicts: input.conflicts ?? conflicts.map((c) => ({ officerId: c.officer_id, subjectId: c.subject_id, reason: c.reason })),
  };
  await checkPlanFields(deps.db, actor, row.bureau_id, fields);
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('inspection_plans')
      .set({
        title: fields.title,
        period_from: fields.periodFrom,
        period_to: fields.periodTo,
        draws_per_year: fields.drawsPerYear,
        subject_kinds: [...fields.subjectKinds],
        squad_ids: [...fields.orgIds],
        risk_levels: [...fields.riskLevels],
        proportions: JSON.stringify(fields.proportions ?? []),
        max_targets_per_team: fields.maxTargetsPerTeam,
        publish_within_working_days: fields.publishWithinWorkingDays,
        version: row.version + 1,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await replaceMattersAndConflicts(trx, id, input.matterCodes, input.conflicts);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.update',
      entityType: 'inspection_plan',
      entityId: id,
      bureauId: row.bureau_id,
      data: { changed: Object.keys(input).filter((k) => k !== 'expectedVersion') },
    });
  });
  return loadPlanDetail(deps, actor, id);
}
