// 上海摊 stall points (REQUIREMENTS.md R16; docs/stall-map.md): a registry subject of kind stall_point gets its type
// (特色点 / 疏导点 / 外摆位), hours, capacity and rules; the squad leader approves or suspends it, officers record their
// supervision visits; approved points with a place appear on the public map (no login); a citizen's complaint about a
// point is a ticket of the tickets module (诉件处置), filed through its public function.
import type {
  PageOf,
  PublicStallPoint,
  PublicStallQuery,
  StallComplaintBody,
  StallPoint,
  StallPointBody,
  StallPointListQuery,
  StallPointStepBody,
} from '@chengguan/contracts';
import { stallOpenAt } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { toXlsx } from '../../http/xlsx.ts';
import { assertPermission } from '../../shared/access.ts';
import { recordAudit } from '../audit/index.ts';
import { fileCitizenComplaint, type Citizen } from '../tickets/index.ts';

type Row = {
  id: string;
  name: string;
  address: string | null;
  district: string | null;
  point_lon: number | null;
  point_lat: number | null;
  bureau_id: string;
  point_type: string;
  opens_at: string;
  closes_at: string;
  capacity: number;
  rules: string;
  state: string;
  approved_at: Date | null;
  last_supervised_at: Date | null;
  supervisions: number;
  path: string;
};

function stallQuery(db: Executor) {
  return db
    .selectFrom('stall_points as p')
    .innerJoin('subjects as s', 's.id', 'p.subject_id')
    .innerJoin('orgs as o', (j) => j.on(sql`o.id`, '=', sql`coalesce(s.org_id, s.bureau_id)`))
    .select([
      's.id',
      's.name',
      's.address',
      's.district',
      's.point_lon',
      's.point_lat',
      'p.bureau_id',
      'p.point_type',
      'p.opens_at',
      'p.closes_at',
      'p.capacity',
      'p.rules',
      'p.state',
      'p.approved_at',
      'p.last_supervised_at',
      'p.supervisions',
      'o.path',
    ]);
}

/** Minutes after midnight, Shanghai time. */
const shanghaiMinute = (at: Date) => Math.floor(((at.getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);

function toStall(r: Row, now: Date): StallPoint {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    district: r.district,
    lon: r.point_lon,
    lat: r.point_lat,
    pointType: r.point_type as StallPoint['pointType'],
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    capacity: Number(r.capacity),
    rules: r.rules,
    state: r.state as StallPoint['state'],
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    lastSupervisedAt: r.last_supervised_at ? new Date(r.last_supervised_at).toISOString() : null,
    supervisions: Number(r.supervisions),
    openNow: r.state === 'approved' && stallOpenAt(r.opens_at, r.closes_at, shanghaiMinute(now)),
  };
}

async function stallOrFail(db: Executor, actor: Actor, id: string): Promise<Row> {
  const r = (await stallQuery(db).where('s.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!r || !r.path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND');
  return r;
}

export async function listStallPoints(deps: Deps, actor: Actor, q: StallPointListQuery): Promise<PageOf<StallPoint>> {
  assertPermission(actor, 'subject:read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = stallQuery(deps.db).where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.pointType) base = base.where('p.point_type', '=', q.pointType);
  if (q.state) base = base.where('p.state', '=', q.state);
  const total = Number(
    (
      await base
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await base
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const now = deps.clock.now();
  return { items: rows.map((r) => toStall(r as Row, now)), total, page, pageSize };
}

export async function exportStallPoints(deps: Deps, actor: Actor, q: StallPointListQuery): Promise<Buffer> {
  const { items } = await listStallPoints(deps, actor, { ...q, page: 1, pageSize: 200 });
  const TYPE = { featured: '特色点', guided: '疏导点', outdoor: '外摆位' };
  const STATE = { proposed: '待审批', approved: '已批准', suspended: '已暂停' };
  return toXlsx(
    '设摊点位',
    [
      { header: '点位', value: (r) => r.name },
      { header: '类型', value: (r) => TYPE[r.pointType] },
      { header: '地址', value: (r) => r.address ?? '' },
      { header: '开放时间', value: (r) => `${r.opensAt}–${r.closesAt}` },
      { header: '摊位数', value: (r) => r.capacity },
      { header: '状态', value: (r) => STATE[r.state] },
      { header: '巡查次数', value: (r) => r.supervisions },
    ],
    items,
  );
}

/** 登记点位: the subject must be a stall point of the registry in the actor's jurisdiction; a change sends it back to 待审批. */
export async function saveStallPoint(deps: Deps, actor: Actor, meta: RequestMeta, body: StallPointBody): Promise<StallPoint> {
  assertPermission(actor, 'subject:write');
  if (body.opensAt === body.closesAt) throw fieldError('closesAt', '收摊时间不能与出摊时间相同', 'closesAt: equals opensAt');
  await deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('subjects as s')
      .innerJoin('orgs as o', (j) => j.on(sql`o.id`, '=', sql`coalesce(s.org_id, s.bureau_id)`))
      .select(['s.id', 's.bureau_id', 's.kind', 'o.path'])
      .where('s.id', '=', body.subjectId)
      .where('s.status', '=', 'active')
      .executeTakeFirst();
    if (!s || !s.path.startsWith(actor.jurisdictionPath)) {
      throw fieldError('subjectId', '执法对象不存在或不在您的管辖范围内', 'subjectId: no such subject in your jurisdiction', 'NOT_FOUND');
    }
    if (s.kind !== 'stall_point')
      throw fieldError('subjectId', '该执法对象不是设摊经营点位', 'subjectId: the subject is not a stall point', 'SUBJECT_INVALID');
    const now = deps.clock.now();
    const values = {
      point_type: body.pointType,
      opens_at: body.opensAt,
      closes_at: body.closesAt,
      capacity: body.capacity,
      rules: body.rules,
      state: 'proposed',
      approved_by: null,
      approved_at: null,
      updated_at: now,
    };
    await trx
      .insertInto('stall_points')
      .values({ subject_id: s.id, bureau_id: s.bureau_id, ...values, created_at: now })
      .onConflict((oc) => oc.column('subject_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, { action: 'stall.save', entityType: 'subject', entityId: s.id, data: body });
  });
  return toStall(await stallOrFail(deps.db, actor, body.subjectId), deps.clock.now());
}

/** 审批 / 暂停 (the squad leader: subject:approve) and 巡查 (an officer records a supervision visit). */
export async function stallPointStep(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: StallPointStepBody,
): Promise<StallPoint> {
  assertPermission(actor, body.action === 'supervise' ? 'subject:write' : 'subject:approve');
  await deps.db.transaction().execute(async (trx) => {
    const r = await stallOrFail(trx, actor, id);
    const now = deps.clock.now();
    if (body.action === 'approve') {
      if (r.state === 'approved')
        throw new AppError('STATE_CONFLICT', { message: '点位已批准', messageEn: 'The point is already approved' });
      if (r.point_lon === null) {
        throw fieldError('id', '点位没有地图位置，请先在执法对象中定位后再批准', 'id: the point has no place on the map; locate it first');
      }
      await trx
        .updateTable('stall_points')
        .set({ state: 'approved', approved_by: actor.id, approved_at: now, updated_at: now })
        .where('subject_id', '=', id)
        .execute();
    } else if (body.action === 'suspend') {
      if (r.state !== 'approved')
        throw new AppError('STATE_CONFLICT', { message: '只有已批准的点位可以暂停', messageEn: 'Only an approved point can be suspended' });
      await trx.updateTable('stall_points').set({ state: 'suspended', updated_at: now }).where('subject_id', '=', id).execute();
    } else {
      await trx
        .updateTable('stall_points')
        .set((eb) => ({ last_supervised_at: now, supervisions: eb('supervisions', '+', 1), updated_at: now }))
        .where('subject_id', '=', id)
        .execute();
    }
    await recordAudit(trx, deps, actor, meta, { action: `stall.${body.action}`, entityType: 'subject', entityId: id, data: body });
  });
  return toStall(await stallOrFail(deps.db, actor, id), deps.clock.now());
}

/** The public map: approved points with a place, each with whether it is open now. */
export async function publicStallPoints(deps: Deps, q: PublicStallQuery): Promise<PublicStallPoint[]> {
  let base = stallQuery(deps.db).where('p.state', '=', 'approved').where('s.point_lon', 'is not', null).where('s.status', '=', 'active');
  if (q.pointType) base = base.where('p.point_type', '=', q.pointType);
  const rows = await base.orderBy('s.name').limit(2000).execute();
  const now = deps.clock.now();
  return rows.map((x) => {
    const s = toStall(x as Row, now);
    return {
      id: s.id,
      name: s.name,
      address: s.address,
      lon: s.lon!,
      lat: s.lat!,
      pointType: s.pointType,
      opensAt: s.opensAt,
      closesAt: s.closesAt,
      capacity: s.capacity,
      rules: s.rules,
      openNow: s.openNow,
    };
  });
}

/** A citizen's complaint about an approved point: a portal ticket at the point's place, linked to the point. */
export async function complainAboutStall(deps: Deps, citizen: Citizen, meta: RequestMeta, id: string, body: StallComplaintBody) {
  const r = (await stallQuery(deps.db).where('s.id', '=', id).where('p.state', '=', 'approved').executeTakeFirst()) as Row | undefined;
  if (!r || r.point_lon === null)
    throw new AppError('NOT_FOUND', { field: 'id', message: '地图上没有这个点位', messageEn: 'id: no such point on the map' });
  const ticket = await fileCitizenComplaint(deps, citizen, meta, {
    categoryCode: body.categoryCode,
    content: `【上海摊点位：${r.name}】${body.content}`.slice(0, 2000),
    point: { lon: r.point_lon, lat: r.point_lat!, crs: 'wgs84' },
    ...(r.address ? { address: r.address.slice(0, 200) } : {}),
    contactConsent: body.contactConsent,
  });
  await deps.db
    .insertInto('stall_point_tickets')
    .values({ ticket_id: ticket.id, subject_id: id, created_at: deps.clock.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { ticketId: ticket.id, ticketNumber: ticket.number };
}
