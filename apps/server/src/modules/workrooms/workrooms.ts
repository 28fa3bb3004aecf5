// 城管进社区 (REQUIREMENTS.md R23; seeds 000, 001; docs/workrooms.md): a squad's community workrooms (one per 居村) with
// the officers who staff them and their hours; activities, marked when part of the 城管进社区 week; complaints received
// at a workroom enter 诉件处置 with the channel `workroom` (the tickets module's intake, same transaction as the link);
// the counts a cockpit reads.
import type {
  PageOf,
  Workroom,
  WorkroomActivity,
  WorkroomActivityBody,
  WorkroomBody,
  WorkroomComplaintBody,
  WorkroomCounts,
  WorkroomListQuery,
} from '@chengguan/contracts';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { toXlsx } from '../../http/xlsx.ts';
import { assertPermission } from '../../shared/access.ts';
import { recordAudit } from '../audit/index.ts';
import { findOrg } from '../org/index.ts';
import { findVisibleTicket, intakeTicket } from '../tickets/index.ts';

type Row = {
  id: string;
  bureau_id: string;
  org_id: string;
  org_name: string;
  path: string;
  name: string;
  community: string;
  address: string;
  hours: string;
  officer_ids: string[];
  created_at: Date;
  activities: number;
  tickets: number;
};

function workroomQuery(db: Executor) {
  return db
    .selectFrom('workrooms as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select([
      'w.id',
      'w.bureau_id',
      'w.org_id',
      'o.name as org_name',
      'o.path',
      'w.name',
      'w.community',
      'w.address',
      'w.hours',
      'w.officer_ids',
      'w.created_at',
      sql<number>`(SELECT count(*) FROM workroom_activities a WHERE a.workroom_id = w.id)`.as('activities'),
      sql<number>`(SELECT count(*) FROM workroom_tickets t WHERE t.workroom_id = w.id)`.as('tickets'),
    ])
    .where('w.active', '=', true);
}

async function toWorkrooms(db: Executor, rows: Row[]): Promise<Workroom[]> {
  const ids = [...new Set(rows.flatMap((r) => r.officer_ids))];
  const names = new Map(
    ids.length ? (await db.selectFrom('officers').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name]) : [],
  );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    community: r.community,
    address: r.address,
    openingHours: r.hours,
    officers: r.officer_ids.map((id) => ({ id, name: names.get(id) ?? id })),
    activities: Number(r.activities),
    tickets: Number(r.tickets),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

async function workroomOrFail(db: Executor, actor: Actor, id: string): Promise<Row> {
  const r = (await workroomQuery(db).where('w.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!r || !r.path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND');
  return r;
}

/** 404 unless the workroom exists within the actor's jurisdiction (a malformed id is 404 too). */
export async function workroomVisibleOrFail(db: Executor, actor: Actor, id: string): Promise<void> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError('NOT_FOUND');
  await workroomOrFail(db, actor, id);
}

export async function listWorkrooms(deps: Deps, actor: Actor, q: WorkroomListQuery): Promise<PageOf<Workroom>> {
  assertPermission(actor, 'duty:read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = workroomQuery(deps.db).where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('w.name', 'like', like), eb('w.community', 'like', like)]));
  }
  const total = Number(
    (
      await base
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = (await base
    .orderBy('w.name')
    .orderBy('w.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as Row[];
  return { items: await toWorkrooms(deps.db, rows), total, page, pageSize };
}

export async function exportWorkrooms(deps: Deps, actor: Actor, q: WorkroomListQuery): Promise<Buffer> {
  const { items } = await listWorkrooms(deps, actor, { ...q, page: 1, pageSize: 200 });
  return toXlsx(
    '社区工作室',
    [
      { header: '工作室', value: (r) => r.name },
      { header: '居村', value: (r) => r.community },
      { header: '中队', value: (r) => r.orgName },
      { header: '地址', value: (r) => r.address },
      { header: '开放时间', value: (r) => r.openingHours },
      { header: '驻点人员', value: (r) => r.officers.map((o) => o.name).join('、') },
      { header: '活动', value: (r) => r.activities },
      { header: '诉件', value: (r) => r.tickets },
    ],
    items,
  );
}

/** 设立工作室: a squad (or its unit) in the leader's jurisdiction; the officers must belong to it. */
export async function createWorkroom(deps: Deps, actor: Actor, meta: RequestMeta, body: WorkroomBody): Promise<Workroom> {
  assertPermission(actor, 'duty:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const org = await findOrg(trx, body.orgId);
    if (!org || !org.path.startsWith(actor.jurisdictionPath) || !org.bureau_id) {
      throw fieldError('orgId', '单位不存在或不在您的管辖范围内', 'orgId: no such unit in your jurisdiction', 'NOT_FOUND');
    }
    if (body.officerIds.length) {
      const found = await trx
        .selectFrom('officers as f')
        .innerJoin('orgs as o', 'o.id', 'f.org_id')
        .select('f.id')
        .where('f.id', 'in', body.officerIds)
        .where('f.active', '=', true)
        .where('o.path', 'like', `${org.path}%`)
        .execute();
      const missing = body.officerIds.findIndex((x) => !found.some((f) => f.id === x));
      if (missing >= 0) {
        throw fieldError(
          `officerIds[${missing}]`,
          '人员不存在或不属于该单位',
          `officerIds[${missing}]: no such officer in this unit`,
          'NOT_FOUND',
        );
      }
    }
    const taken = await trx
      .selectFrom('workrooms')
      .select('id')
      .where('org_id', '=', org.id)
      .where('name', '=', body.name)
      .executeTakeFirst();
    if (taken) throw fieldError('name', '该单位已有同名工作室', 'name: the unit already has a workroom of this name', 'DUPLICATE');
    await trx
      .insertInto('workrooms')
      .values({
        id,
        bureau_id: org.bureau_id,
        org_id: org.id,
        name: body.name,
        community: body.community,
        address: body.address,
        hours: body.openingHours,
        officer_ids: body.officerIds,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, { action: 'workroom.create', entityType: 'workroom', entityId: id, data: body });
  });
  return (await toWorkrooms(deps.db, [await workroomOrFail(deps.db, actor, id)]))[0]!;
}

const toActivity = (r: {
  id: string;
  workroom_id: string;
  kind: string;
  title: string;
  held_on: string;
  participants: number;
  community_week: boolean;
  created_at: Date;
}): WorkroomActivity => ({
  id: r.id,
  workroomId: r.workroom_id,
  kind: r.kind as WorkroomActivity['kind'],
  title: r.title,
  heldOn: String(r.held_on).slice(0, 10),
  participants: Number(r.participants),
  communityWeek: r.community_week,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function addActivity(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: WorkroomActivityBody,
): Promise<WorkroomActivity> {
  assertPermission(actor, 'duty:report');
  const activityId = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const w = await workroomOrFail(trx, actor, id);
    const today = new Date(deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (body.heldOn > today) throw fieldError('heldOn', '活动日期不能晚于今天', 'heldOn: in the future');
    await trx
      .insertInto('workroom_activities')
      .values({
        id: activityId,
        workroom_id: w.id,
        bureau_id: w.bureau_id,
        kind: body.kind,
        title: body.title,
        held_on: body.heldOn,
        participants: body.participants,
        community_week: body.communityWeek,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, { action: 'workroom.activity', entityType: 'workroom', entityId: w.id, data: body });
  });
  return toActivity(await deps.db.selectFrom('workroom_activities').selectAll().where('id', '=', activityId).executeTakeFirstOrThrow());
}

export async function listActivities(deps: Deps, actor: Actor, id: string): Promise<WorkroomActivity[]> {
  assertPermission(actor, 'duty:read');
  await workroomOrFail(deps.db, actor, id);
  const rows = await deps.db
    .selectFrom('workroom_activities')
    .selectAll()
    .where('workroom_id', '=', id)
    .orderBy('held_on', 'desc')
    .limit(500)
    .execute();
  return rows.map(toActivity);
}

/** A complaint received at the workroom: a ticket of channel `workroom` routed by its place, linked to the workroom. */
export async function receiveComplaint(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: WorkroomComplaintBody,
): Promise<{ ticketId: string; ticketNumber: string }> {
  assertPermission(actor, 'ticket:write');
  const w = await workroomOrFail(deps.db, actor, id);
  if (!actor.bureauId)
    throw new AppError('FORBIDDEN', { message: '诉件由区局受理', messageEn: 'Tickets are taken in by a district bureau' });
  const r = await intakeTicket(
    deps,
    { id: actor.id, name: actor.name, bureauId: actor.bureauId, orgId: w.org_id, jurisdictionPath: actor.jurisdictionPath },
    meta,
    {
      channel: 'workroom',
      categoryCode: body.categoryCode,
      content: body.content,
      address: body.address ?? w.address,
      ...(body.point ? { point: body.point } : {}),
      ...(body.reporterName ? { reporterName: body.reporterName } : {}),
      ...(body.reporterPhone ? { reporterPhone: body.reporterPhone } : {}),
      orgId: w.org_id,
    },
    async (trx, ticketId) => {
      await trx
        .insertInto('workroom_tickets')
        .values({ ticket_id: ticketId, workroom_id: w.id, bureau_id: w.bureau_id, created_at: deps.clock.now() })
        .execute();
    },
  );
  const t = await findVisibleTicket(deps.db, actor, r.id);
  if (!t) throw new AppError('NOT_FOUND');
  return { ticketId: t.id, ticketNumber: t.number };
}

/**
 * The cockpit's numbers for a jurisdiction (a path prefix) and an optional date range of the activities and tickets:
 * workrooms, the distinct officers staffing them, activities (of them in the 城管进社区 week), participants, tickets.
 */
export async function workroomCounts(db: Executor, jurisdictionPath: string, from?: string, to?: string): Promise<WorkroomCounts> {
  const rooms = await db
    .selectFrom('workrooms as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select('w.officer_ids')
    .where('w.active', '=', true)
    .where('o.path', 'like', `${jurisdictionPath}%`)
    .execute();
  let acts = db
    .selectFrom('workroom_activities as a')
    .innerJoin('workrooms as w', 'w.id', 'a.workroom_id')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`count(*) FILTER (WHERE a.community_week)`.as('week'),
      sql<number>`coalesce(sum(a.participants), 0)`.as('participants'),
    ])
    .where('o.path', 'like', `${jurisdictionPath}%`);
  if (from) acts = acts.where('a.held_on', '>=', from);
  if (to) acts = acts.where('a.held_on', '<=', to);
  const a = await acts.executeTakeFirstOrThrow();
  let tickets = db
    .selectFrom('workroom_tickets as t')
    .innerJoin('workrooms as w', 'w.id', 't.workroom_id')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('o.path', 'like', `${jurisdictionPath}%`);
  if (from) tickets = tickets.where(sql`t.created_at`, '>=', sql`(${from}::date - interval '8 hours')`);
  if (to) tickets = tickets.where(sql`t.created_at`, '<', sql`(${to}::date + interval '16 hours')`);
  const t = await tickets.executeTakeFirstOrThrow();
  return {
    workrooms: rooms.length,
    officers: new Set(rooms.flatMap((r) => r.officer_ids)).size,
    activities: Number(a.n),
    communityWeekActivities: Number(a.week),
    participants: Number(a.participants),
    tickets: Number(t.n),
  };
}
