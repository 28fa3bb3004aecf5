// One list of an officer's work (docs/duty.md §3): inspection tasks from draws, risk frequencies, campaigns and
// re-inspections (inspections), the tickets he handles (tickets) and his patrol shifts (the roster); and the plan of a
// squad's month — 双随机 + 分级分类 + 专项 side by side — and 专项 campaigns, whose targets become inspection tasks.
import type { Campaign, CreateCampaignBody, DutyPlan, DutyPlanQuery, DutyTask, MyTasks, MyTasksQuery } from '@chengguan/contracts';
import { addDays } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { insertInspectionTasks, officerOpenInspectionTasks, squadTaskCounts } from '../../inspections/index.ts';
import { squadPlans } from '../../random-inspections/index.ts';
import { officerOpenTickets } from '../../tickets/index.ts';
import { squadOrFail } from '../duty.shared.ts';
import { dateText } from './roster.ts';

const ORIGIN_ZH: Record<string, string> = {
  random: '双随机抽查',
  risk_frequency: '分级分类检查',
  special: '专项检查',
  reinspection: '复查',
};
const TICKET_STATE_ZH: Record<string, string> = { dispatched: '待处置', handling: '处置中' };

export async function myTasks(deps: Deps, actor: Actor, q: MyTasksQuery): Promise<MyTasks> {
  assertPermission(actor, 'duty:read');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const from = q.from ?? today;
  const to = q.to ?? addDays(from, 6);
  if (to < from) throw fieldError('to', '截止日期早于起始日期', 'is before from');
  if (addDays(from, 62) < to) throw fieldError('to', '一次最多查看62天', 'spans more than 62 days');
  const [inspections, tickets, shifts, consent] = await Promise.all([
    officerOpenInspectionTasks(deps.db, actor.id),
    officerOpenTickets(deps.db, actor.id),
    deps.db
      .selectFrom('duty_roster as r')
      .innerJoin('duty_shift_templates as s', 's.id', 'r.shift_id')
      .leftJoin('duty_patrol_areas as a', 'a.id', 'r.patrol_area_id')
      .select(['r.id', 'r.duty_date', 'r.starts_at', 'r.ends_at', 's.name as shift_name', 'a.name as area_name'])
      .where('r.officer_id', '=', actor.id)
      .where('r.duty_date', '>=', from)
      .where('r.duty_date', '<=', to)
      .where('r.ends_at', '>', now)
      .orderBy('r.starts_at')
      .execute(),
    deps.db.selectFrom('duty_position_consents').select('consented').where('officer_id', '=', actor.id).executeTakeFirst(),
  ]);
  const items: DutyTask[] = [
    ...shifts.map((s) => ({
      kind: 'patrol' as const,
      id: s.id,
      title: `${dateText(s.duty_date)} ${s.shift_name}${s.area_name ? ` · ${s.area_name}` : ''}`,
      detail: s.shift_name,
      due: new Date(s.starts_at).toISOString(),
      overdue: false,
      link: null,
    })),
    ...tickets.map((t) => ({
      kind: 'ticket' as const,
      id: t.id,
      title: `${t.number} ${t.category_name ?? ''}${t.address ? ` · ${t.address}` : ''}`.trim(),
      detail: TICKET_STATE_ZH[t.state] ?? t.state,
      due: new Date(t.handling_due_at).toISOString(),
      overdue: new Date(t.handling_due_at) < now,
      link: `/tickets/${t.id}`,
    })),
    ...inspections.map((i) => ({
      kind: 'inspection' as const,
      id: i.id,
      title: i.subjectName,
      detail: ORIGIN_ZH[i.origin] ?? i.origin,
      due: i.dueOn,
      overdue: i.dueOn < today,
      link: `/inspection-tasks?task=${i.id}`,
    })),
  ];
  const onDutyNow = shifts.some((s) => new Date(s.starts_at) <= now && new Date(s.ends_at) > now);
  // Overdue first, then by when each is due (dates and instants compare as text within a kind; across kinds by day).
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '').slice(0, 10).localeCompare((b.due ?? '').slice(0, 10)));
  return {
    counts: { inspection: inspections.length, ticket: tickets.length, patrol: shifts.length },
    onDutyNow,
    consent: consent?.consented ?? false,
    items,
  };
}

function monthRange(month: string): [string, string] {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return [from, addDays(next, -1)];
}

export async function dutyPlan(deps: Deps, actor: Actor, q: DutyPlanQuery): Promise<DutyPlan> {
  assertPermission(actor, 'duty:read');
  const squad = await squadOrFail(deps.db, actor, q.orgId);
  const [from, to] = monthRange(q.month);
  const today = shanghaiDate(deps.clock.now());
  const [counts, campaigns, plans, shifts] = await Promise.all([
    squadTaskCounts(deps.db, squad.id, from, to, today),
    deps.db
      .selectFrom('duty_campaigns')
      .select(['id', 'title', 'period_from', 'period_to', 'target_count'])
      .where('org_id', '=', squad.id)
      .where('period_from', '<=', to)
      .where('period_to', '>=', from)
      .orderBy('period_from')
      .execute(),
    squadPlans(deps.db, squad.id, from, to),
    deps.db
      .selectFrom('duty_roster')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', squad.id)
      .where('duty_date', '>=', from)
      .where('duty_date', '<=', to)
      .executeTakeFirstOrThrow(),
  ]);
  const sum = (origins: string[]) => {
    const c = counts.filter((x) => origins.includes(x.origin));
    return {
      total: c.reduce((a, x) => a + x.total, 0),
      done: c.reduce((a, x) => a + x.done, 0),
      open: c.reduce((a, x) => a + x.open, 0),
      overdue: c.reduce((a, x) => a + x.overdue, 0),
    };
  };
  return {
    orgId: squad.id,
    orgName: squad.name,
    month: q.month,
    random: sum(['random']),
    graded: sum(['risk_frequency', 'reinspection']),
    special: sum(['special']),
    campaigns: campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      periodFrom: dateText(c.period_from),
      periodTo: dateText(c.period_to),
      targetCount: c.target_count,
    })),
    plans,
    rosteredShifts: Number(shifts.n),
  };
}

/** 专项: a period, targets of the squad, the officers (two or more, with valid credentials on their visits) — one task per target. */
export async function createCampaign(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateCampaignBody): Promise<Campaign> {
  assertPermission(actor, 'duty:write');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  if (body.periodTo < body.periodFrom) throw fieldError('periodTo', '截止日期早于起始日期', 'is before periodFrom');
  if (body.subjectIds.length > 0 && body.officerIds.length < 2) {
    throw fieldError(
      'officerIds',
      '检查须由两名以上执法人员进行（A1），请至少指定两名队员',
      'name at least two officers (A1)',
      'RULE_VIOLATION',
    );
  }
  const officers = body.officerIds.length
    ? await deps.db.selectFrom('officers').select('id').where('id', 'in', body.officerIds).where('org_id', '=', squad.id).execute()
    : [];
  const strange = body.officerIds.findIndex((id) => !officers.some((o) => o.id === id));
  if (strange >= 0) throw fieldError(`officerIds.${strange}`, '不是本中队队员', 'is not an officer of this squad');
  const subjects = body.subjectIds.length
    ? await deps.db
        .selectFrom('subjects')
        .select('id')
        .where('id', 'in', body.subjectIds)
        .where('org_id', '=', squad.id)
        .where('status', '=', 'active')
        .execute()
    : [];
  const missing = body.subjectIds.findIndex((id) => !subjects.some((s) => s.id === id));
  if (missing >= 0) throw fieldError(`subjectIds.${missing}`, '不是本中队责任区内的在册执法对象', 'is not a live subject of this squad');
  const now = deps.clock.now();
  const id = deps.newId();
  return deps.db.transaction().execute(async (trx) => {
    const tasks = body.subjectIds.map((subjectId) => ({
      id: deps.newId(),
      bureauId: squad.bureau_id,
      orgId: squad.id,
      subjectId,
      origin: 'special' as const,
      inspectorIds: body.officerIds,
      matterCodes: [] as string[],
      dueOn: body.periodTo,
      createdBy: actor.id,
    }));
    await insertInspectionTasks(trx, tasks);
    await trx
      .insertInto('duty_campaigns')
      .values({
        id,
        bureau_id: squad.bureau_id,
        org_id: squad.id,
        title: body.title,
        period_from: body.periodFrom,
        period_to: body.periodTo,
        subject_ids: body.subjectIds,
        target_count: body.subjectIds.length,
        task_ids: tasks.map((t) => t.id),
        note: body.note ?? null,
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'duty.campaign_create',
      entityType: 'duty_campaign',
      entityId: id,
      bureauId: squad.bureau_id,
      data: { orgId: squad.id, title: body.title, periodFrom: body.periodFrom, periodTo: body.periodTo, targets: body.subjectIds.length },
    });
    return {
      id,
      orgId: squad.id,
      title: body.title,
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      targetCount: body.subjectIds.length,
      taskCount: tasks.length,
      note: body.note ?? null,
    };
  });
}

export async function listCampaigns(deps: Deps, actor: Actor, orgId: string): Promise<Campaign[]> {
  assertPermission(actor, 'duty:read');
  await squadOrFail(deps.db, actor, orgId);
  const rows = await deps.db
    .selectFrom('duty_campaigns')
    .select(['id', 'org_id', 'title', 'period_from', 'period_to', 'target_count', 'note', sql<number>`cardinality(task_ids)`.as('tasks')])
    .where('org_id', '=', orgId)
    .orderBy('period_from', 'desc')
    .limit(200)
    .execute();
  return rows.map((c) => ({
    id: c.id,
    orgId: c.org_id,
    title: c.title,
    periodFrom: dateText(c.period_from),
    periodTo: dateText(c.period_to),
    targetCount: c.target_count,
    taskCount: Number(c.tasks),
    note: c.note,
  }));
}
