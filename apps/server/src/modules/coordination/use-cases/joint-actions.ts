// 联合行动 (街镇统一指挥): a commander (指挥中心, 局领导, 中队长) launches an action over squads within his own scope and
// optionally partner units; each participant reports back; the page shows the progress. A squad outside the
// commander's scope is refused as if it did not exist (404 naming the task's field).
import type {
  CompleteJointActionBody,
  CreateJointActionBody,
  JointActionDetail,
  JointActionListQuery,
  JointActionReportBody,
  JointActionSummary,
  PageOf,
} from '@chengguan/contracts';
import { actionProgress, canCompleteAction, checkJointAction, pathIds } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { heldBy } from '../../files/index.ts';
import { findOrg } from '../../org/index.ts';
import { readerOf, writerOf, type Reader } from '../coordination.access.ts';
import {
  actionTasks,
  findAction,
  findPartnerUnit,
  insertAction,
  listActions,
  updateActionFrom,
  updateTaskFrom,
  type JointActionRow,
  type JointActionTaskRow,
} from '../coordination.repository.ts';
import { orderNumber } from './joint-orders.ts';

const taskStates = (tasks: readonly JointActionTaskRow[]) => tasks.map((t) => ({ state: t.state as 'pending' | 'reported' }));

function summaryOf(a: JointActionRow, tasks: readonly JointActionTaskRow[], now: Date): JointActionSummary {
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    area: a.area,
    scopeOrgId: a.scope_org_id,
    scopeOrgName: a.scope_org_name,
    startsAt: new Date(a.starts_at).toISOString(),
    endsAt: new Date(a.ends_at).toISOString(),
    state: a.state as JointActionSummary['state'],
    progress: actionProgress(taskStates(tasks), new Date(a.ends_at), now),
  };
}

/** The commander whose scope holds the action's own scope org. */
const commands = (actor: Actor, a: JointActionRow) =>
  actor.permissions.has('joint:command') && a.scope_org_path.startsWith(actor.jurisdictionPath);

function canReport(actor: Actor, reader: Reader, a: JointActionRow, t: JointActionTaskRow): boolean {
  if (a.state !== 'active' || t.state !== 'pending') return false;
  if (reader.scope.kind === 'partner') return t.partner_id === reader.scope.partnerId;
  return actor.permissions.has('joint:write') && !!t.org_path && t.org_path.startsWith(actor.jurisdictionPath);
}

async function detailOf(deps: Deps, db: Executor, actor: Actor, reader: Reader, a: JointActionRow): Promise<JointActionDetail> {
  const tasks = await actionTasks(db, [a.id]);
  const creator = a.created_by
    ? await db.selectFrom('officers').select('name').where('id', '=', a.created_by).executeTakeFirst()
    : undefined;
  return {
    ...summaryOf(a, tasks, deps.clock.now()),
    objective: a.objective,
    summary: a.summary,
    createdByName: creator?.name ?? null,
    tasks: tasks.map((t) => ({
      id: t.id,
      orgId: t.org_id,
      partnerId: t.partner_id,
      participantName: t.participant_name,
      task: t.task,
      state: t.state as 'pending' | 'reported',
      reportText: t.report_text,
      reportPhotos: t.report_photos,
      foundCount: t.found_count,
      handledCount: t.handled_count,
      reportedAt: t.reported_at ? new Date(t.reported_at).toISOString() : null,
      canReport: canReport(actor, reader, a, t),
    })),
    canComplete: reader.party === 'bureau' && a.state === 'active' && commands(actor, a),
  };
}

export async function getJointAction(deps: Deps, actor: Actor, id: string, db: Executor = deps.db): Promise<JointActionDetail> {
  const reader = await readerOf(db, actor);
  const a = await findAction(db, reader.scope, id);
  if (!a) throw new AppError('NOT_FOUND');
  return detailOf(deps, db, actor, reader, a);
}

export async function listJointActions(deps: Deps, actor: Actor, q: JointActionListQuery): Promise<PageOf<JointActionSummary>> {
  const reader = await readerOf(deps.db, actor);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 200);
  const { rows, total } = await listActions(
    deps.db,
    reader.scope,
    { ...(q.state ? { state: q.state } : {}), ...(q.q ? { q: q.q } : {}) },
    page,
    pageSize,
  );
  const tasks = await actionTasks(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  return {
    items: rows.map((r) =>
      summaryOf(
        r,
        tasks.filter((t) => t.action_id === r.id),
        now,
      ),
    ),
    total,
    page,
    pageSize,
  };
}

export async function createJointAction(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateJointActionBody,
): Promise<JointActionDetail> {
  assertPermission(actor, 'joint:command');
  const now = deps.clock.now();
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const orgIds = body.tasks.flatMap((t) => (t.orgId ? [t.orgId] : []));
  const partnerIds = body.tasks.flatMap((t) => (t.partnerId ? [t.partnerId] : []));
  const issue = checkJointAction({ startsAt, endsAt, orgIds, partnerIds })[0];
  if (issue) throw fieldError(issue.field, issue.messageZh, issue.messageEn);
  return deps.db.transaction().execute(async (trx) => {
    // The action's scope is the commander's jurisdiction (his district, street or squad).
    const scope = await findOrg(trx, pathIds(actor.jurisdictionPath).at(-1)!);
    if (!scope) throw new AppError('FORBIDDEN');
    let bureauId: string | null = actor.bureauId;
    const tasks = [];
    for (const [i, t] of body.tasks.entries()) {
      if (!t.orgId === !t.partnerId) {
        throw fieldError(
          `tasks[${i}].orgId`,
          '每项任务指定一个中队或一个协作部门',
          `tasks[${i}].orgId: name one squad or one partner unit`,
        );
      }
      if (t.orgId) {
        const org = await findOrg(trx, t.orgId);
        if (!org || !org.active || org.kind !== 'squad' || !org.path.startsWith(actor.jurisdictionPath)) {
          throw new AppError('NOT_FOUND', {
            field: `tasks[${i}].orgId`,
            message: '参战中队不存在或不在您的指挥范围内',
            messageEn: `tasks[${i}].orgId: no such squad within your scope`,
            details: [{ field: `tasks[${i}].orgId`, message: '中队不在您的指挥范围内', messageEn: 'The squad lies outside your scope' }],
          });
        }
        bureauId ??= org.bureau_id;
        if (org.bureau_id !== bureauId) {
          throw fieldError(`tasks[${i}].orgId`, '联合行动的中队须属于同一区局', `tasks[${i}].orgId: squads of one district bureau`);
        }
      } else {
        const unit = await findPartnerUnit(trx, t.partnerId!);
        if (!unit || !unit.active || (unit.bureau_id !== null && unit.bureau_id !== bureauId)) {
          throw new AppError('NOT_FOUND', {
            field: `tasks[${i}].partnerId`,
            message: '协作部门不存在或已停用',
            messageEn: `tasks[${i}].partnerId: no such active partner unit`,
          });
        }
      }
      tasks.push({ id: deps.newId(), org_id: t.orgId ?? null, partner_id: t.partnerId ?? null, task: t.task, state: 'pending' });
    }
    if (!bureauId) throw fieldError('tasks', '至少指定一个参战中队', 'tasks: name at least one squad');
    const id = deps.newId();
    await insertAction(
      trx,
      {
        id,
        number: orderNumber('A', id, now),
        bureau_id: bureauId,
        scope_org_id: scope.id,
        title: body.title,
        objective: body.objective,
        area: body.area,
        starts_at: startsAt,
        ends_at: endsAt,
        state: 'active',
        created_by: actor.id,
        created_at: now,
      },
      tasks.map((t) => ({ ...t, action_id: id })),
    );
    await recordAudit(trx, deps, actor, meta, {
      action: 'jointAction.create',
      entityType: 'joint_action',
      entityId: id,
      bureauId,
      data: body,
    });
    return getJointAction(deps, actor, id, trx);
  });
}

export async function reportJointActionTask(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  taskId: string,
  body: JointActionReportBody,
): Promise<JointActionDetail> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const reader = await writerOf(trx, actor);
    const a = await findAction(trx, reader.scope, id, true);
    if (!a) throw new AppError('NOT_FOUND');
    const t = (await actionTasks(trx, [a.id])).find((x) => x.id === taskId);
    if (!t) throw new AppError('NOT_FOUND');
    const mine =
      reader.scope.kind === 'partner' ? t.partner_id === reader.scope.partnerId : !!t.org_path?.startsWith(actor.jurisdictionPath);
    if (!mine) throw new AppError('NOT_FOUND');
    if (a.state !== 'active') throw new AppError('STATE_CONFLICT', { message: '行动已结束', messageEn: 'The action has ended' });
    if (t.state !== 'pending') throw new AppError('STATE_CONFLICT', { message: '该任务已反馈', messageEn: 'The task has been reported' });
    if (body.foundCount !== undefined && body.handledCount !== undefined && body.handledCount > body.foundCount) {
      throw fieldError('handledCount', '处置数不能多于发现数', 'handledCount: more than foundCount');
    }
    const photos = body.photoSm3s ?? [];
    const held = await heldBy(trx, photos, 'bureau', a.bureau_id);
    const missing = photos.findIndex((p) => !held.has(p));
    if (missing >= 0) throw fieldError(`photoSm3s[${missing}]`, '照片未上传', `photoSm3s[${missing}]: no such uploaded photo`);
    const ok = await updateTaskFrom(trx, t.id, 'pending', {
      state: 'reported',
      report_text: body.reportText,
      report_photos: photos,
      found_count: body.foundCount ?? null,
      handled_count: body.handledCount ?? null,
      reported_at: now,
      reported_by: actor.id,
    });
    if (!ok) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: 'jointAction.report',
      entityType: 'joint_action',
      entityId: a.id,
      bureauId: a.bureau_id,
      data: { taskId, ...body },
    });
    return getJointAction(deps, actor, a.id, trx);
  });
}

export async function completeJointAction(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: CompleteJointActionBody,
): Promise<JointActionDetail> {
  assertPermission(actor, 'joint:command');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const reader = await readerOf(trx, actor);
    const a = await findAction(trx, reader.scope, id, true);
    if (!a || !commands(actor, a)) throw new AppError('NOT_FOUND');
    if (a.state !== 'active') throw new AppError('STATE_CONFLICT', { message: '行动已结束', messageEn: 'The action has ended' });
    const progress = actionProgress(taskStates(await actionTasks(trx, [a.id])), new Date(a.ends_at), now);
    const issue = canCompleteAction(progress, body.summary);
    if (issue) throw fieldError(issue.field, issue.messageZh, issue.messageEn);
    if (!(await updateActionFrom(trx, a.id, 'active', { state: 'completed', summary: body.summary?.trim() || null, closed_at: now }))) {
      throw new AppError('STATE_CONFLICT');
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'jointAction.complete',
      entityType: 'joint_action',
      entityId: a.id,
      bureauId: a.bureau_id,
      data: body,
    });
    return getJointAction(deps, actor, a.id, trx);
  });
}
