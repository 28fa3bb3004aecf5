// All SQL of the coordination module: partner units and accounts, joint orders and their events, coordinated actions
// and their tasks, transfers. Visibility is a parameter (`OrderScope`), decided by the use-cases.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../context.ts';
import { escapeLike } from '../../db/like.ts';
import type {
  JointActionsTable,
  JointActionTasksTable,
  JointOrderEventsTable,
  JointOrdersTable,
  PartnerUnitsTable,
  TransfersTable,
} from './coordination.tables.ts';

export type PartnerUnitRow = Selectable<PartnerUnitsTable>;
export type JointOrderRow = Selectable<JointOrdersTable> & { org_name: string; org_path: string; partner_name: string };
export type JointActionRow = Selectable<JointActionsTable> & { scope_org_name: string; scope_org_path: string };
export type JointActionTaskRow = Selectable<JointActionTasksTable> & { participant_name: string; org_path: string | null };

/** Who reads: a bureau user by his jurisdiction path, or a partner account by its unit. */
export type OrderScope = { kind: 'bureau'; path: string } | { kind: 'partner'; partnerId: string };

export async function partnerOfOfficer(db: Executor, officerId: string): Promise<string | null> {
  const r = await db.selectFrom('partner_accounts').select('partner_id').where('officer_id', '=', officerId).executeTakeFirst();
  return r?.partner_id ?? null;
}

export async function listPartnerUnits(db: Executor, bureauId: string | null, cityWide: boolean): Promise<PartnerUnitRow[]> {
  let q = db.selectFrom('partner_units').selectAll();
  if (!cityWide) q = q.where((eb) => eb.or([eb('bureau_id', 'is', null), ...(bureauId ? [eb('bureau_id', '=', bureauId)] : [])]));
  return q.orderBy('bureau_id', 'desc').orderBy('code').execute();
}

export async function findPartnerUnit(db: Executor, id: string): Promise<PartnerUnitRow | undefined> {
  return db.selectFrom('partner_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPartnerUnit(db: Executor, row: Insertable<PartnerUnitsTable>): Promise<void> {
  await db.insertInto('partner_units').values(row).execute();
}

export async function partnerCodeTaken(db: Executor, code: string): Promise<boolean> {
  return !!(await db.selectFrom('partner_units').select('id').where('code', '=', code).executeTakeFirst());
}

export async function linkPartnerAccount(db: Executor, officerId: string, partnerId: string): Promise<void> {
  await db
    .insertInto('partner_accounts')
    .values({ officer_id: officerId, partner_id: partnerId })
    .onConflict((oc) => oc.column('officer_id').doUpdateSet({ partner_id: partnerId }))
    .execute();
}

export async function officerForLink(db: Executor, officerId: string) {
  return db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select(['o.id', 'o.active', 'g.path as org_path', 'g.bureau_id'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('officer_roles').select('role').whereRef('officer_id', '=', 'o.id').where('role', '=', 'partner'))
        .as('is_partner'),
    )
    .where('o.id', '=', officerId)
    .executeTakeFirst();
}

function ordersQuery(db: Executor, scope: OrderScope) {
  let q = db
    .selectFrom('joint_orders as j')
    .innerJoin('orgs as g', 'g.id', 'j.org_id')
    .innerJoin('partner_units as p', 'p.id', 'j.partner_id')
    .selectAll('j')
    .select(['g.name as org_name', 'g.path as org_path', 'p.name as partner_name']);
  q = scope.kind === 'bureau' ? q.where('g.path', 'like', `${escapeLike(scope.path)}%`) : q.where('j.partner_id', '=', scope.partnerId);
  return q;
}

export async function findOrder(db: Executor, scope: OrderScope, id: string, lock = false): Promise<JointOrderRow | undefined> {
  let q = ordersQuery(db, scope).where('j.id', '=', id);
  if (lock) q = q.forUpdate('j');
  return q.executeTakeFirst() as Promise<JointOrderRow | undefined>;
}

export type OrderFilter = {
  state?: string;
  direction?: string;
  partnerId?: string;
  orgPath?: string;
  category?: string;
  overdueAt?: Date;
  q?: string;
};

function filteredOrders(db: Executor, scope: OrderFilter & { scope: OrderScope }) {
  let q = ordersQuery(db, scope.scope);
  if (scope.state) q = q.where('j.state', '=', scope.state);
  if (scope.direction) q = q.where('j.direction', '=', scope.direction);
  if (scope.partnerId) q = q.where('j.partner_id', '=', scope.partnerId);
  if (scope.orgPath) q = q.where('g.path', 'like', `${escapeLike(scope.orgPath)}%`);
  if (scope.category) q = q.where('j.category', '=', scope.category);
  if (scope.overdueAt) {
    const now = scope.overdueAt;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('j.state', '=', 'dispatched'), eb('j.accept_due_at', '<', now)]),
        eb.and([eb('j.state', 'in', ['dispatched', 'accepted']), eb('j.handle_due_at', '<', now)]),
      ]),
    );
  }
  if (scope.q) {
    const like = `%${escapeLike(scope.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('j.number', 'like', like),
        eb('j.title', 'like', like),
        eb('j.address', 'like', like),
        eb('j.vehicle_plate', 'like', like),
        eb('j.partner_order_no', 'like', like),
      ]),
    );
  }
  return q;
}

export async function listOrders(
  db: Executor,
  f: OrderFilter & { scope: OrderScope },
  page: number,
  pageSize: number,
): Promise<{ rows: JointOrderRow[]; total: number }> {
  const base = filteredOrders(db, f);
  const total = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = (await base
    .orderBy(sql`CASE WHEN j.state IN ('dispatched', 'accepted', 'reported') THEN 0 ELSE 1 END`)
    .orderBy('j.handle_due_at')
    .orderBy('j.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as JointOrderRow[];
  return { rows, total: Number(total.n) };
}

export async function insertOrder(db: Executor, row: Insertable<JointOrdersTable>): Promise<void> {
  await db.insertInto('joint_orders').values(row).execute();
}

/** Conditional on the state read: two clicks cannot both win. */
export async function updateOrderFrom(db: Executor, id: string, from: string, set: Updateable<JointOrdersTable>): Promise<boolean> {
  const r = await db.updateTable('joint_orders').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertOrderEvent(db: Executor, e: Omit<Insertable<JointOrderEventsTable>, 'seq'>): Promise<void> {
  await db
    .insertInto('joint_order_events')
    .values({
      ...e,
      seq: sql<number>`(SELECT COALESCE(MAX(seq), 0) + 1 FROM joint_order_events WHERE order_id = ${e.order_id})`,
    })
    .execute();
}

export async function orderEvents(db: Executor, orderId: string) {
  return db.selectFrom('joint_order_events').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
}

export async function ticketNumberOf(db: Executor, ticketId: string | null): Promise<string | null> {
  if (!ticketId) return null;
  return (await db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirst())?.number ?? null;
}

// ── coordinated actions ──

function actionsQuery(db: Executor) {
  return db
    .selectFrom('joint_actions as a')
    .innerJoin('orgs as g', 'g.id', 'a.scope_org_id')
    .selectAll('a')
    .select(['g.name as scope_org_name', 'g.path as scope_org_path']);
}

/** Visible to the commanders above the action's scope, to the squads and partners taking part. */
function visibleActions(db: Executor, scope: OrderScope) {
  const q = actionsQuery(db);
  if (scope.kind === 'partner') {
    return q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('joint_action_tasks as t')
          .select('t.id')
          .whereRef('t.action_id', '=', 'a.id')
          .where('t.partner_id', '=', scope.partnerId),
      ),
    );
  }
  const like = `${escapeLike(scope.path)}%`;
  return q.where((eb) =>
    eb.or([
      eb('g.path', 'like', like),
      eb.exists(
        eb
          .selectFrom('joint_action_tasks as t')
          .innerJoin('orgs as tg', 'tg.id', 't.org_id')
          .select('t.id')
          .whereRef('t.action_id', '=', 'a.id')
          .where('tg.path', 'like', like),
      ),
    ]),
  );
}

export async function findAction(db: Executor, scope: OrderScope, id: string, lock = false): Promise<JointActionRow | undefined> {
  let q = visibleActions(db, scope).where('a.id', '=', id);
  if (lock) q = q.forUpdate('a');
  return q.executeTakeFirst() as Promise<JointActionRow | undefined>;
}

export async function listActions(
  db: Executor,
  scope: OrderScope,
  f: { state?: string; q?: string },
  page: number,
  pageSize: number,
): Promise<{ rows: JointActionRow[]; total: number }> {
  let base = visibleActions(db, scope);
  if (f.state) base = base.where('a.state', '=', f.state);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    base = base.where((eb) => eb.or([eb('a.number', 'like', like), eb('a.title', 'like', like), eb('a.area', 'like', like)]));
  }
  const total = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = (await base
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as JointActionRow[];
  return { rows, total: Number(total.n) };
}

export async function insertAction(
  db: Executor,
  row: Insertable<JointActionsTable>,
  tasks: Insertable<JointActionTasksTable>[],
): Promise<void> {
  await db.insertInto('joint_actions').values(row).execute();
  await db.insertInto('joint_action_tasks').values(tasks).execute();
}

export async function actionTasks(db: Executor, actionIds: readonly string[]): Promise<JointActionTaskRow[]> {
  if (actionIds.length === 0) return [];
  return (await db
    .selectFrom('joint_action_tasks as t')
    .leftJoin('orgs as g', 'g.id', 't.org_id')
    .leftJoin('partner_units as p', 'p.id', 't.partner_id')
    .selectAll('t')
    .select([sql<string>`COALESCE(g.name, p.name)`.as('participant_name'), 'g.path as org_path'])
    .where('t.action_id', 'in', [...actionIds])
    .orderBy('t.id')
    .execute()) as JointActionTaskRow[];
}

export async function updateTaskFrom(db: Executor, id: string, from: string, set: Updateable<JointActionTasksTable>): Promise<boolean> {
  const r = await db.updateTable('joint_action_tasks').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateActionFrom(db: Executor, id: string, from: string, set: Updateable<JointActionsTable>): Promise<boolean> {
  const r = await db.updateTable('joint_actions').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── transfers ──

export async function insertTransfer(db: Executor, row: Insertable<TransfersTable>): Promise<void> {
  await db
    .insertInto('transfers')
    .values(row)
    .onConflict((oc) => oc.column('case_id').where('case_id', 'is not', null).doNothing())
    .execute();
}
