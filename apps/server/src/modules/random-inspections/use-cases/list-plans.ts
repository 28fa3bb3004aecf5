// The plan list (filters and paging on the server), its Excel export, and the quarterly drafts of a year.
import type { PageOf, PlanDetail, PlanListItem, PlanListQuery, QuarterlyPlansBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { drawnCounts, listPlans as listPlanRows, orgsByIds } from '../random-inspections.repository.ts';
import { mayEdit } from '../plan-rules.ts';
import { iso, loadPlanDetail, planRowOrFail } from './get-plan.ts';
import { insertPlan } from './save-plan.ts';

export async function listPlans(deps: Deps, actor: Actor, query: PlanListQuery, maxPageSize = 200): Promise<PageOf<PlanListItem>> {
  assertPermission(actor, 'inspection_plan:read');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { rows, total } = await listPlanRows(
    deps.db,
    {
      jurisdictionPath: actor.jurisdictionPath,
      ...(query.q ? { q: query.q } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.orgId ? { orgId: query.orgId } : {}),
      ...(query.periodOn ? { periodOn: query.periodOn } : {}),
      ...(query.year ? { year: query.year } : {}),
    },
    pageSize,
    (page - 1) * pageSize,
  );
  const squads = new Map((await orgsByIds(deps.db, [...new Set(rows.flatMap((r) => r.squad_ids))])).map((s) => [s.id, s]));
  const drawn = await drawnCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status as PlanListItem['status'],
      periodFrom: r.period_from,
      periodTo: r.period_to,
      bureauName: r.bureau_name,
      squads: r.squad_ids.flatMap((id) => {
        const s = squads.get(id);
        return s ? [{ id: s.id, name: s.name, code: s.code }] : [];
      }),
      createdBy: { id: r.created_by, name: r.created_by_name },
      approvedAt: iso(r.approved_at),
      drawnAt: iso(r.drawn_at),
      drawnTargets: drawn.get(r.id) ?? 0,
      publishBy: r.publish_by,
      version: r.version,
    })),
    total,
    page,
    pageSize,
  };
}

const STATUS_ZH: Record<PlanListItem['status'], string> = { draft: '草稿', submitted: '待审批', approved: '已审批待抽取', drawn: '已抽取' };

const COLUMNS: XlsxColumn<PlanListItem>[] = [
  { header: '计划名称', value: (p) => p.title, width: 36 },
  { header: '状态', value: (p) => STATUS_ZH[p.status] },
  { header: '开始日期', value: (p) => p.periodFrom },
  { header: '结束日期', value: (p) => p.periodTo },
  { header: '执法局', value: (p) => p.bureauName, width: 30 },
  { header: '中队', value: (p) => p.squads.map((s) => s.name).join('、'), width: 36 },
  { header: '制定人', value: (p) => p.createdBy.name },
  { header: '审批时间', value: (p) => p.approvedAt },
  { header: '抽取时间', value: (p) => p.drawnAt },
  { header: '抽中对象数', value: (p) => p.drawnTargets },
  { header: '结果公开期限', value: (p) => p.publishBy },
];

export async function exportPlans(deps: Deps, actor: Actor, query: PlanListQuery): Promise<Buffer> {
  const page = await listPlans(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('双随机抽查计划', COLUMNS, page.items);
}

const QUARTERS = [
  ['01-01', '03-31'],
  ['04-01', '06-30'],
  ['07-01', '09-30'],
  ['10-01', '12-31'],
] as const;

/**
 * 每季度双随机 (seed 002): the four quarterly drafts of a year from one plan taken as the template — its matters,
 * squads, kinds, levels, proportions, cap, publication days and conflicts; each quarter's period, 4 draws a year, and
 * the title 「<year>年第N季度 <template title>」. Each draft is then approved and drawn on its own.
 */
export async function createQuarterlyPlans(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  templateId: string,
  input: QuarterlyPlansBody,
): Promise<PlanDetail[]> {
  assertPermission(actor, 'inspection_plan:write');
  const { row, squads, matterCodes, conflicts } = await planRowOrFail(deps.db, actor, templateId);
  if (!mayEdit(actor, squads, row.bureau_path)) throw new AppError('FORBIDDEN');
  const baseTitle = row.title.replace(/^\d{4}年第[一二三四1-4]季度\s*/, '');
  const ids: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (let q = 0; q < 4; q++) {
      const id = deps.newId();
      ids.push(id);
      await insertPlan(trx, id, row.bureau_id, actor.id, {
        title: `${input.year}年第${'一二三四'[q]}季度 ${baseTitle}`.slice(0, 100),
        periodFrom: `${input.year}-${QUARTERS[q]![0]}`,
        periodTo: `${input.year}-${QUARTERS[q]![1]}`,
        drawsPerYear: 4,
        matterCodes,
        subjectKinds: row.subject_kinds,
        orgIds: row.squad_ids,
        riskLevels: row.risk_levels,
        proportions:
          Array.isArray(row.proportions) && row.proportions.length > 0
            ? (row.proportions as { level: string; basisPoints: number }[])
            : null,
        maxTargetsPerTeam: row.max_targets_per_team,
        publishWithinWorkingDays: row.publish_within_working_days,
        conflicts: conflicts.map((c) => ({ officerId: c.officer_id, subjectId: c.subject_id, reason: c.reason })),
      });
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.quarterly',
      entityType: 'inspection_plan',
      entityId: templateId,
      bureauId: row.bureau_id,
      data: { year: input.year, created: ids },
    });
  });
  return Promise.all(ids.map((id) => loadPlanDetail(deps, actor, id)));
}
