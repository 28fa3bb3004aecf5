// What a failed item leads to: a 责令改正 order (items, rectification deadline, re-inspection by the same team — the
// re-inspection's visit closes the order), or a case registered from the visit (检查转案) with the subject as its
// party, the visit's photos as evidence and the case linked to the subject and the visit.
import type {
  InspectionVisit,
  PageOf,
  RectificationBody,
  RectificationListQuery,
  RectificationOrder,
  RegisterCaseBody,
  VisitCaseBody,
} from '@chengguan/contracts';
import type { FailedItem, VisitPlan } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { addEvidenceIn, registerCaseIn } from '../../cases/index.ts';
import { recordSubjectEvents, subjectBriefs } from '../../subjects/index.ts';
import { insertInspectionTasks } from '../inspections.shared.ts';
import { caseFacts, getVisit, visitRowOrFail } from './visits.ts';

function ordersQuery(db: Executor) {
  return db
    .selectFrom('rectification_orders as r')
    .innerJoin('orgs as g', 'g.id', 'r.org_id')
    .innerJoin('subjects as s', 's.id', 'r.subject_id')
    .select([
      'r.id',
      'r.visit_id',
      'r.subject_id',
      's.name as subject_name',
      'r.org_id',
      'r.items',
      'r.deadline_on',
      'r.reinspect_on',
      'r.reinspection_task_id',
      'r.status',
      'r.closed_on',
      'r.closed_by_visit_id',
      'r.note_zh',
      'r.created_at',
    ]);
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof ordersQuery>['executeTakeFirstOrThrow']>>;

function orderDto(r: OrderRow): RectificationOrder {
  return {
    id: r.id,
    visitId: r.visit_id,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    orgId: r.org_id,
    items: r.items as RectificationOrder['items'],
    deadlineOn: r.deadline_on,
    reinspectOn: r.reinspect_on,
    reinspectionTaskId: r.reinspection_task_id,
    status: r.status as RectificationOrder['status'],
    closedOn: r.closed_on,
    closedByVisitId: r.closed_by_visit_id,
    note: r.note_zh,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function orderDtoById(db: Executor, id: string): Promise<RectificationOrder> {
  return orderDto(await ordersQuery(db).where('r.id', '=', id).executeTakeFirstOrThrow());
}

export async function listRectifications(
  deps: Deps,
  actor: Actor,
  q: RectificationListQuery,
  cap = 200,
): Promise<PageOf<RectificationOrder>> {
  assertPermission(actor, 'case:read');
  let query = ordersQuery(deps.db).where('g.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.subjectId) query = query.where('r.subject_id', '=', q.subjectId);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('r.deadline_on')
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(orderDto), total: Number(total.n), page, pageSize };
}

const STATUS_ZH: Record<RectificationOrder['status'], string> = { open: '整改中', rectified: '已整改', not_rectified: '未整改' };
const COLUMNS: XlsxColumn<RectificationOrder>[] = [
  { header: '检查对象', value: (o) => o.subjectName, width: 28 },
  { header: '责令改正事项', value: (o) => o.items.map((i) => i.textZh).join('；'), width: 50 },
  { header: '整改期限', value: (o) => o.deadlineOn, width: 12 },
  { header: '复查日期', value: (o) => o.reinspectOn, width: 12 },
  { header: '状态', value: (o) => STATUS_ZH[o.status] },
  { header: '复查日期（实际）', value: (o) => o.closedOn, width: 14 },
];

export async function exportRectifications(deps: Deps, actor: Actor, q: RectificationListQuery): Promise<Buffer> {
  const page = await listRectifications(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('责令改正', COLUMNS, page.items);
}

/** Only the team that made the visit, or the leaders of its squad (case:approve), act on its result. */
function assertOfTeamOrLeader(actor: Actor, inspectorIds: readonly string[]): void {
  if (!inspectorIds.includes(actor.id) && !actor.permissions.has('case:approve')) throw new AppError('FORBIDDEN');
}

/** 责令改正: the failed items named, a deadline, and a re-inspection task for the same team on the given day. */
export async function orderRectification(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  visitId: string,
  body: RectificationBody,
): Promise<InspectionVisit> {
  assertPermission(actor, 'case:write');
  await deps.db.transaction().execute(async (trx) => {
    const v = await visitRowOrFail(trx, actor, visitId, true);
    assertOfTeamOrLeader(actor, v.inspector_ids);
    if (v.outcome !== 'failed')
      throw new AppError('STATE_CONFLICT', { message: '检查合格，无需责令改正', messageEn: 'The visit passed; nothing to rectify' });
    const existing = await trx.selectFrom('rectification_orders').select('id').where('visit_id', '=', visitId).executeTakeFirst();
    if (existing)
      throw new AppError('DUPLICATE', { message: '该次检查已责令改正', messageEn: 'This visit already has a rectification order' });
    const failed = v.failed_items as FailedItem[];
    const items = body.itemCodes.map((code, i) => {
      const f = failed.find((x) => x.code === code);
      if (!f)
        throw fieldError(`itemCodes[${i}]`, `检查项${code}不是本次检查的不合格项`, `itemCodes[${i}]: ${code} did not fail in this visit`);
      return { code: f.code, textZh: f.textZh, legalBasesZh: f.legalBasesZh, matterCodes: f.matterCodes };
    });
    const today = shanghaiDate(deps.clock.now());
    if (body.deadlineOn < v.visited_on || body.deadlineOn < today) {
      throw fieldError('deadlineOn', '整改期限不能早于检查日期或今天', 'deadlineOn: the deadline is before the visit or today');
    }
    if (body.reinspectOn < body.deadlineOn)
      throw fieldError('reinspectOn', '复查日期不能早于整改期限', 'reinspectOn: the re-inspection is before the deadline');
    const id = deps.newId();
    const taskId = deps.newId();
    await insertInspectionTasks(trx, [
      {
        id: taskId,
        bureauId: v.bureau_id,
        orgId: v.org_id,
        subjectId: v.subject_id,
        origin: 'reinspection',
        inspectorIds: v.inspector_ids,
        matterCodes: [...new Set(items.flatMap((i) => i.matterCodes))].sort(),
        dueOn: body.reinspectOn,
        createdBy: actor.id,
      },
    ]);
    await trx
      .insertInto('rectification_orders')
      .values({
        id,
        bureau_id: v.bureau_id,
        org_id: v.org_id,
        subject_id: v.subject_id,
        visit_id: visitId,
        items: JSON.stringify(items.map(({ matterCodes: _m, ...i }) => i)),
        deadline_on: body.deadlineOn,
        reinspect_on: body.reinspectOn,
        reinspection_task_id: taskId,
        note_zh: body.note ?? null,
        created_by: actor.id,
      })
      .execute();
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: v.subject_id,
        kind: 'rectification',
        occurredOn: today,
        refType: 'rectification_order',
        refId: id,
        summaryZh: `责令改正${items.length}项，整改期限${body.deadlineOn}，复查日期${body.reinspectOn}`,
        data: {
          orderId: id,
          visitId,
          deadlineOn: body.deadlineOn,
          reinspectOn: body.reinspectOn,
          items: items.map((i) => ({ textZh: i.textZh })),
        },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection.rectification',
      entityType: 'rectification_order',
      entityId: id,
      bureauId: v.bureau_id,
      data: { visitId, itemCodes: body.itemCodes, deadlineOn: body.deadlineOn, reinspectOn: body.reinspectOn, reinspectionTaskId: taskId },
    });
  });
  return getVisit(deps, actor, visitId);
}

/** 立案 from a failed visit: prefilled from the visit and the subject, the photos of the failed items as evidence. */
export async function registerCaseFromVisit(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  visitId: string,
  body: VisitCaseBody,
): Promise<InspectionVisit> {
  assertPermission(actor, 'case:write');
  await deps.db.transaction().execute(async (trx) => {
    const v = await visitRowOrFail(trx, actor, visitId, true);
    assertOfTeamOrLeader(actor, v.inspector_ids);
    if (v.outcome !== 'failed')
      throw new AppError('STATE_CONFLICT', { message: '检查合格，无违法事实可立案', messageEn: 'The visit passed; no case to register' });
    if (v.case_id)
      throw new AppError('DUPLICATE', { message: '该次检查已立案', messageEn: 'A case was already registered from this visit' });
    const [subject] = await subjectBriefs(trx, [v.subject_id]);
    const failed = v.failed_items as FailedItem[];
    let party = body.party;
    if (!party) {
      if (!subject!.creditCode) {
        throw fieldError(
          'party',
          '检查对象没有统一社会信用代码，请填写当事人信息',
          'party: the subject has no credit code; enter the party',
        );
      }
      party = {
        type: 'legal_person',
        name: subject!.name,
        idType: 'uscc',
        idNumber: subject!.creditCode,
        ...(subject!.address ? { address: subject!.address } : {}),
      };
    }
    const today = shanghaiDate(deps.clock.now());
    const registration: RegisterCaseBody = {
      date: today,
      discoveredOn: v.visited_on,
      source: 'inspection',
      sourceRef: `检查记录 ${v.id}`,
      orgId: v.org_id,
      offenceCode: body.offenceCode,
      party,
      act: { actDate: v.visited_on },
      location: subject!.address ?? subject!.name,
      point: { lon: v.point_lon, lat: v.point_lat, crs: 'wgs84' },
      facts: body.facts ?? caseFacts(subject!.name, v.visited_on, failed),
      officerIds: v.inspector_ids,
    };
    const caseId = (await registerCaseIn(trx, deps, actor, meta, registration, { subjectId: v.subject_id })).row.id;
    const plan = v.plan as VisitPlan;
    const results = v.results as { code: string; photoIds: string[] }[];
    const failedCodes = new Set(failed.map((f) => f.code));
    const photos = results.filter((r) => failedCodes.has(r.code)).flatMap((r) => r.photoIds.map((p) => ({ code: r.code, sm3: p })));
    const seen = new Set<string>();
    for (const p of photos) {
      if (seen.has(p.sm3)) continue;
      seen.add(p.sm3);
      const item = plan.items.find((i) => i.code === p.code);
      await addEvidenceIn(trx, deps, actor, meta, {
        caseId,
        body: { date: today, evidenceType: 'audio_visual', title: `检查现场照片：${item?.textZh ?? p.code}`.slice(0, 100), fileSm3: p.sm3 },
      });
    }
    await trx.updateTable('inspection_visits').set({ case_id: caseId }).where('id', '=', visitId).execute();
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: v.subject_id,
        kind: 'case',
        occurredOn: today,
        refType: 'case',
        refId: caseId,
        summaryZh: `检查发现问题，立案查处（${body.offenceCode}）`,
        data: { caseId, visitId, offenceCode: body.offenceCode },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection.case',
      entityType: 'inspection_visit',
      entityId: visitId,
      bureauId: v.bureau_id,
      data: { caseId, offenceCode: body.offenceCode, evidence: seen.size },
    });
  });
  return getVisit(deps, actor, visitId);
}
