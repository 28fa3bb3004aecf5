// Inspection tasks: the list (mine, my squad's, the jurisdiction's; filters, paging, export), a 专项检查 or
// re-inspection set by a squad leader, and the overdue view per squad.
import type {
  CreateInspectionTaskBody,
  InspectionTask,
  InspectionTaskListQuery,
  OverdueQuery,
  OverdueSummary,
  PageOf,
} from '@chengguan/contracts';
import { combineVisit, officerCredentialStatus, type SubjectKind } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { officersWithCredentials } from '../../cases/index.ts';
import { recordSubjectEvents, subjectBriefs } from '../../subjects/index.ts';
import { insertInspectionTasks, mattersByCode } from '../inspections.shared.ts';

const prefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function tasksQuery(db: Executor, actor: Actor) {
  return db
    .selectFrom('inspection_tasks as t')
    .innerJoin('orgs as g', 'g.id', 't.org_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .where('g.path', 'like', prefix(actor.jurisdictionPath));
}

type TaskRow = {
  id: string;
  subject_id: string;
  subject_name: string;
  subject_kind: string;
  subject_address: string | null;
  org_id: string;
  org_name: string;
  origin: string;
  plan_id: string | null;
  team_no: number | null;
  inspector_ids: string[];
  matter_codes: string[];
  due_on: string;
  status: string;
  visit_id: string | null;
  created_at: Date;
};

const TASK_COLUMNS = [
  't.id',
  't.subject_id',
  's.name as subject_name',
  's.kind as subject_kind',
  's.address as subject_address',
  't.org_id',
  'g.name as org_name',
  't.origin',
  't.plan_id',
  't.team_no',
  't.inspector_ids',
  't.matter_codes',
  't.due_on',
  't.status',
  't.visit_id',
  't.created_at',
] as const;

export async function taskDtos(db: Executor, rows: readonly TaskRow[], today: string): Promise<InspectionTask[]> {
  const ids = [...new Set(rows.flatMap((r) => r.inspector_ids))];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.selectFrom('officers').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    subjectKind: r.subject_kind,
    subjectAddress: r.subject_address,
    orgId: r.org_id,
    orgName: r.org_name,
    origin: r.origin as InspectionTask['origin'],
    planId: r.plan_id,
    teamNo: r.team_no,
    inspectorIds: r.inspector_ids,
    inspectorNames: r.inspector_ids.map((i) => names.get(i) ?? i),
    matterCodes: r.matter_codes,
    dueOn: r.due_on,
    status: r.status as InspectionTask['status'],
    overdue: r.status === 'open' && r.due_on < today,
    visitId: r.visit_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function listTasks(deps: Deps, actor: Actor, q: InspectionTaskListQuery, cap = 200): Promise<PageOf<InspectionTask>> {
  assertPermission(actor, 'case:read');
  const today = shanghaiDate(deps.clock.now());
  let query = tasksQuery(deps.db, actor);
  if (q.mine) query = query.where(sql<boolean>`${actor.id}::uuid = ANY(t.inspector_ids)`);
  if (q.orgId) query = query.where('t.org_id', '=', q.orgId);
  if (q.status) query = query.where('t.status', '=', q.status);
  if (q.origin) query = query.where('t.origin', '=', q.origin);
  if (q.subjectId) query = query.where('t.subject_id', '=', q.subjectId);
  if (q.planId) query = query.where('t.plan_id', '=', q.planId);
  if (q.overdue === true) query = query.where('t.status', '=', 'open').where('t.due_on', '<', today);
  if (q.overdue === false) query = query.where((eb) => eb.or([eb('t.status', '<>', 'open'), eb('t.due_on', '>=', today)]));
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([...TASK_COLUMNS])
    .orderBy(sql`CASE WHEN t.status = 'open' THEN 0 ELSE 1 END`)
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await taskDtos(deps.db, rows, today), total: Number(total.n), page, pageSize };
}

const ORIGIN_ZH: Record<InspectionTask['origin'], string> = {
  random: '双随机抽查',
  special: '专项检查',
  reinspection: '复查',
  risk_frequency: '按风险频次检查',
};
const STATUS_ZH: Record<InspectionTask['status'], string> = { open: '待检查', done: '已完成', cancelled: '已取消' };

const EXPORT_COLUMNS: XlsxColumn<InspectionTask>[] = [
  { header: '检查对象', value: (t) => t.subjectName, width: 28 },
  { header: '地址', value: (t) => t.subjectAddress, width: 30 },
  { header: '中队', value: (t) => t.orgName, width: 20 },
  { header: '来源', value: (t) => ORIGIN_ZH[t.origin] },
  { header: '检查人员', value: (t) => t.inspectorNames.join('、'), width: 16 },
  { header: '检查事项', value: (t) => t.matterCodes.join('、'), width: 24 },
  { header: '完成期限', value: (t) => t.dueOn, width: 12 },
  { header: '状态', value: (t) => STATUS_ZH[t.status] },
  { header: '是否逾期', value: (t) => (t.overdue ? '逾期' : '') },
];

export async function exportTasks(deps: Deps, actor: Actor, q: InspectionTaskListQuery): Promise<Buffer> {
  const page = await listTasks(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('检查任务', EXPORT_COLUMNS, page.items);
}

export async function overdueTasks(deps: Deps, actor: Actor, q: OverdueQuery): Promise<OverdueSummary> {
  assertPermission(actor, 'case:read');
  const today = shanghaiDate(deps.clock.now());
  // Counted per squad on the open tasks' index alone (inspection_tasks_org_due_idx, in the order of org_id), then
  // named: the subject each task names always exists (subject_id is NOT NULL and a foreign key), so the list's join to
  // subjects would only cost a lookup per task, and sorting every task by its squad's name another 15 ms.
  const counts = deps.db
    .selectFrom('inspection_tasks as t')
    .where('t.status', '=', 'open')
    .where('t.org_id', 'in', (eb) =>
      eb.selectFrom('orgs as o').select('o.id').where('o.path', 'like', prefix(actor.jurisdictionPath)).where('o.kind', '=', 'squad'),
    )
    .select('t.org_id')
    .select((eb) => [eb.fn.countAll<number>().as('open'), eb.fn.count<number>(sql`CASE WHEN t.due_on < ${today} THEN 1 END`).as('overdue')])
    .groupBy('t.org_id')
    .as('c');
  const squads = await deps.db
    .selectFrom(counts)
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .select(['c.org_id', 'g.name', 'c.open', 'c.overdue'])
    .orderBy('g.name')
    .execute();
  const orgId = q.orgId ?? actor.orgId;
  const rows = await tasksQuery(deps.db, actor)
    .where('t.org_id', '=', orgId)
    .where('t.status', '=', 'open')
    .where('t.due_on', '<', today)
    .select([...TASK_COLUMNS])
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(200)
    .execute();
  return {
    squads: squads.map((s) => ({ orgId: s.org_id, orgName: s.name, open: Number(s.open), overdue: Number(s.overdue) })),
    items: await taskDtos(deps.db, rows, today),
  };
}

/** Officers who may inspect on the day: active, with a 执法证 valid (or about to expire) on it. */
export function actingOnDay(credentials: Parameters<typeof officerCredentialStatus>[0], day: string): boolean {
  const status = officerCredentialStatus(credentials, day);
  return status === 'valid' || status === 'expiring';
}

/** 专项检查 or 复查 set by a squad leader for a subject of his area, with two inspectors of his squad. */
export async function createTask(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateInspectionTaskBody): Promise<InspectionTask> {
  if (!actor.roles.includes('squad_leader')) {
    throw new AppError('FORBIDDEN', {
      message: '只有中队长可以布置专项检查或复查',
      messageEn: 'Only a squad leader sets a special inspection or a re-inspection',
    });
  }
  const today = shanghaiDate(deps.clock.now());
  if (body.dueOn < today) throw fieldError('dueOn', '完成期限不能早于今天', 'dueOn: the due date is before today');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const [subject] = await subjectBriefs(trx, [body.subjectId]);
    if (!subject || !subject.orgPath.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND', { field: 'subjectId' });
    if (subject.status !== 'active')
      throw fieldError('subjectId', '检查对象已关闭或已合并', 'subjectId: the subject is closed or merged', 'RULE_VIOLATION');
    const squad = await trx.selectFrom('orgs').select(['id', 'path', 'kind']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
    const officers = await officersWithCredentials(trx, body.inspectorIds);
    body.inspectorIds.forEach((oid, i) => {
      const o = officers.get(oid);
      if (!o || !o.orgPath.startsWith(squad.path) || !o.active) {
        throw fieldError(`inspectorIds[${i}]`, '检查人员须为本中队在岗执法人员', `inspectorIds[${i}]: not an active officer of your squad`);
      }
      if (!actingOnDay(o.credentials, today)) {
        throw new AppError('RULE_VIOLATION', {
          field: `inspectorIds[${i}]`,
          rule: 'A1 行政处罚法第四十二条',
          message: `${o.name}没有有效的行政执法证件，不能担任检查人员（《中华人民共和国行政处罚法》第四十二条）`,
          messageEn: `inspectorIds[${i}]: ${o.name} holds no valid enforcement credential (Administrative Penalty Law Art. 42)`,
        });
      }
    });
    const matters = await mattersByCode(trx, body.matterCodes);
    const missing = body.matterCodes.filter((c) => !matters.some((m) => m.code === c && m.active));
    if (missing.length > 0)
      throw fieldError(
        'matterCodes',
        `检查事项${missing.join('、')}不存在或已停用`,
        `matterCodes: ${missing.join(', ')} unknown or inactive`,
      );
    const plan = combineVisit({
      subjectId: subject.id,
      subjectKind: subject.kind as SubjectKind,
      inspectorIds: body.inspectorIds,
      matters,
    });
    if (!plan.ok) {
      throw new AppError('RULE_VIOLATION', {
        field: 'matterCodes',
        message: plan.issues.map((i) => i.messageZh).join('；'),
        messageEn: `matterCodes: ${plan.issues.map((i) => i.code).join(', ')}`,
      });
    }
    await insertInspectionTasks(trx, [
      {
        id,
        bureauId: subject.bureauId,
        orgId: actor.orgId,
        subjectId: subject.id,
        origin: body.origin,
        inspectorIds: body.inspectorIds,
        matterCodes: body.matterCodes,
        dueOn: body.dueOn,
        createdBy: actor.id,
      },
    ]);
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: subject.id,
        kind: 'inspection_task',
        occurredOn: today,
        refType: 'inspection_task',
        refId: id,
        summaryZh: `布置${ORIGIN_ZH[body.origin]}，期限${body.dueOn}`,
        data: { origin: body.origin, dueOn: body.dueOn, matterCodes: body.matterCodes },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection.task.create',
      entityType: 'inspection_task',
      entityId: id,
      bureauId: subject.bureauId,
      data: {
        subjectId: subject.id,
        origin: body.origin,
        inspectorIds: body.inspectorIds,
        matterCodes: body.matterCodes,
        dueOn: body.dueOn,
      },
    });
  });
  const page = await listTasks(deps, actor, { subjectId: body.subjectId, pageSize: 200 });
  return page.items.find((t) => t.id === id)!;
}

export { ORIGIN_ZH };
