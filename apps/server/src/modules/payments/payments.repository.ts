// Every query of the payments feature on the platform's side (the sandbox provider's ledger is in
// providers/sandbox.repository.ts).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../context.ts';
import type {
  CashReceiptsTable,
  PaymentCheckoutsTable,
  PaymentDeferralsTable,
  PaymentInstalmentsTable,
  PaymentMismatchesTable,
  PaymentOrdersTable,
  PaymentReconciliationRunsTable,
  PaymentRefundsTable,
  PaymentTransactionsTable,
} from './payments.tables.ts';
import { SHANGHAI_TZ } from '../../shared/time.ts';
import { containsPattern } from '../../db/like.ts';

export type OrderRow = Selectable<PaymentOrdersTable>;
export type CheckoutRow = Selectable<PaymentCheckoutsTable>;
export type TransactionRow = Selectable<PaymentTransactionsTable>;
export type RefundRow = Selectable<PaymentRefundsTable> & { requested_by_name: string | null };
export type DeferralRow = Selectable<PaymentDeferralsTable> & { applied_by_name: string | null; decided_by_name: string | null };
export type InstalmentRow = Selectable<PaymentInstalmentsTable> & { payment_code: string | null; order_status: OrderRow['status'] | null };
export type CashReceiptRow = Selectable<CashReceiptsTable> & {
  case_number: string | null;
  org_name: string;
  party_name: string;
  party_type: string;
};
export type MismatchRow = Selectable<PaymentMismatchesTable> & { case_number: string | null; resolved_by_name: string | null };
export type RunRow = Selectable<PaymentReconciliationRunsTable> & { started_by_name: string | null };
export type OrderListRow = OrderRow & {
  case_number: string | null;
  party_name: string;
  party_type: string;
  org_name: string;
  procedure: string;
  case_state: string;
};

const subtreeOf = (orgId: string) => sql<string>`(SELECT path FROM orgs WHERE id = ${orgId}) || '%'`;

// ---------------------------------------------------------------------------------------------------------
// 缴款码 counter and orders

/**
 * The next sequence number of a bureau's year, incremented inside the caller's transaction (gap-free), with the
 * bureau's 行政区划代码 the 缴款码 begins with — one statement.
 */
export async function nextPaymentSeq(db: Executor, bureauKey: string, year: number): Promise<{ seq: number; regionCode: string | null }> {
  const r = await db
    .insertInto('payment_code_counters')
    .values({ bureau_key: bureauKey, year, last_seq: 1 })
    .onConflict((oc) => oc.columns(['bureau_key', 'year']).doUpdateSet({ last_seq: sql`payment_code_counters.last_seq + 1` }))
    .returning(['last_seq', sql<string | null>`(SELECT region_code FROM orgs WHERE id = ${bureauKey})`.as('region_code')])
    .executeTakeFirstOrThrow();
  return { seq: Number(r.last_seq), regionCode: r.region_code };
}

export async function insertOrder(db: Executor, row: Insertable<PaymentOrdersTable>): Promise<void> {
  await db.insertInto('payment_orders').values(row).execute();
}

export async function ordersOfCase(db: Executor, caseId: string): Promise<OrderRow[]> {
  return db
    .selectFrom('payment_orders')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy(sql`coalesce(instalment_no, 0)`)
    .execute();
}

export async function findOrder(db: Executor, id: string, forUpdate = false): Promise<OrderRow | undefined> {
  const q = db.selectFrom('payment_orders').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** Every order of a case, locked: the payments of one case are booked one after the other. */
export async function lockOrdersOfCase(db: Executor, caseId: string): Promise<OrderRow[]> {
  return db.selectFrom('payment_orders').selectAll().where('case_id', '=', caseId).orderBy('id').forUpdate().execute();
}

export async function updateOrder(db: Executor, id: string, set: Updateable<PaymentOrdersTable>): Promise<void> {
  await db.updateTable('payment_orders').set(set).where('id', '=', id).execute();
}

export async function setOpenOrdersOfCase(db: Executor, caseId: string, set: Updateable<PaymentOrdersTable>, kind?: 'fine' | 'instalment') {
  let q = db.updateTable('payment_orders').set(set).where('case_id', '=', caseId).where('status', '=', 'open');
  if (kind) q = q.where('kind', '=', kind);
  await q.execute();
}

/** Open instalment orders whose instalments the payments have paid off (principal allocated earliest first). */
export async function settleInstalmentOrders(db: Executor, caseId: string, instalmentNos: readonly number[], paidOn: string, now: Date) {
  if (instalmentNos.length === 0) return;
  await db
    .updateTable('payment_orders')
    .set({ status: 'paid', paid_on: paidOn, updated_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .where('kind', '=', 'instalment')
    .where('instalment_no', 'in', [...instalmentNos])
    .execute();
}

function orderListQuery(db: Executor, f: OrderFilter) {
  let q = db
    .selectFrom('payment_orders as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .selectAll('p')
    .select(['c.case_number', 'c.party_name', 'c.party_type', 'g.name as org_name', 'c.procedure', 'c.state as case_state'])
    .where('g.path', 'like', `${f.jurisdictionPath}%`);
  if (f.status) q = q.where('p.status', '=', f.status as OrderRow['status']);
  if (f.orgId) q = q.where('g.path', 'like', subtreeOf(f.orgId));
  if (f.from) q = q.where(sql`(p.created_at AT TIME ZONE ${sql.lit(SHANGHAI_TZ)})::date`, '>=', f.from);
  if (f.to) q = q.where(sql`(p.created_at AT TIME ZONE ${sql.lit(SHANGHAI_TZ)})::date`, '<=', f.to);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('p.payment_code', 'like', like), eb('c.case_number', 'ilike', like)]));
  }
  return q;
}

export type OrderFilter = { jurisdictionPath: string; status?: string; orgId?: string; from?: string; to?: string; q?: string };

export async function listOrders(
  db: Executor,
  f: OrderFilter,
  limit: number,
  offset: number,
): Promise<{ items: OrderListRow[]; total: number }> {
  const [items, count] = await Promise.all([
    orderListQuery(db, f).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom(orderListQuery(db, f).as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items as OrderListRow[], total: Number(count.n) };
}

// ---------------------------------------------------------------------------------------------------------
// Checkouts and our ledger

export async function insertCheckout(db: Executor, row: Insertable<PaymentCheckoutsTable>): Promise<void> {
  await db.insertInto('payment_checkouts').values(row).execute();
}

export async function findCheckout(db: Executor, id: string, forUpdate = false): Promise<CheckoutRow | undefined> {
  const q = db.selectFrom('payment_checkouts').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function setCheckoutStatus(db: Executor, id: string, status: CheckoutRow['status'], at: Date): Promise<void> {
  await db.updateTable('payment_checkouts').set({ status, closed_at: at }).where('id', '=', id).execute();
}

/** The open checkouts of an order (at most one: payment_checkouts_one_open_idx), locked. */
export async function openCheckoutsOfOrder(db: Executor, orderId: string): Promise<CheckoutRow[]> {
  return db
    .selectFrom('payment_checkouts')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

/** The open checkouts of a case's orders that are no longer open (paid, superseded by instalments), locked. */
export async function openCheckoutsOfClosedOrders(db: Executor, caseId: string): Promise<CheckoutRow[]> {
  return db
    .selectFrom('payment_checkouts as k')
    .innerJoin('payment_orders as o', 'o.id', 'k.order_id')
    .selectAll('k')
    .where('k.case_id', '=', caseId)
    .where('k.status', '=', 'open')
    .where('o.status', '<>', 'open')
    .orderBy('k.created_at')
    .forUpdate()
    .execute();
}

/** open → superseded | cancelled; false when it was not open any more. */
export async function closeCheckout(db: Executor, id: string, status: 'superseded' | 'cancelled', at: Date): Promise<boolean> {
  const r = await db
    .updateTable('payment_checkouts')
    .set({ status, closed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The exactly-once point of a callback: the row is inserted only if (provider, provider_txn_id) is new. A second
 * delivery — even one arriving at the same moment — waits on the unique index and inserts nothing.
 */
export async function insertTransactionIfNew(db: Executor, row: Insertable<PaymentTransactionsTable>): Promise<boolean> {
  const r = await db
    .insertInto('payment_transactions')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'provider_txn_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateTransaction(db: Executor, id: string, set: Updateable<PaymentTransactionsTable>): Promise<void> {
  await db.updateTable('payment_transactions').set(set).where('id', '=', id).execute();
}

export async function transactionsOfCase(db: Executor, caseId: string): Promise<TransactionRow[]> {
  return db.selectFrom('payment_transactions').selectAll().where('case_id', '=', caseId).orderBy('paid_at').execute();
}

export async function findTransaction(db: Executor, id: string, forUpdate = false): Promise<TransactionRow | undefined> {
  const q = db.selectFrom('payment_transactions').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function transactionsOfDay(db: Executor, provider: string, date: string): Promise<TransactionRow[]> {
  return db.selectFrom('payment_transactions').selectAll().where('provider', '=', provider).where('paid_on', '=', date).execute();
}

export async function transactionsByProviderIds(db: Executor, provider: string, ids: readonly string[]): Promise<TransactionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('payment_transactions')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_txn_id', 'in', [...ids])
    .execute();
}

export async function checkoutsByIds(db: Executor, ids: readonly string[]): Promise<CheckoutRow[]> {
  const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
  if (uuids.length === 0) return [];
  return db.selectFrom('payment_checkouts').selectAll().where('id', 'in', uuids).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Refunds

function refundQuery(db: Executor) {
  return db
    .selectFrom('payment_refunds as r')
    .leftJoin('officers as o', 'o.id', 'r.requested_by')
    .selectAll('r')
    .select('o.name as requested_by_name');
}

export async function insertRefund(db: Executor, row: Insertable<PaymentRefundsTable>): Promise<void> {
  await db.insertInto('payment_refunds').values(row).execute();
}

export async function updateRefund(db: Executor, id: string, set: Updateable<PaymentRefundsTable>): Promise<void> {
  await db.updateTable('payment_refunds').set(set).where('id', '=', id).execute();
}

export async function refundsOfCase(db: Executor, caseId: string): Promise<RefundRow[]> {
  return refundQuery(db).where('r.case_id', '=', caseId).orderBy('r.requested_at').execute();
}

export async function findRefund(db: Executor, id: string): Promise<RefundRow | undefined> {
  return refundQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function refundsByIds(db: Executor, ids: readonly string[]): Promise<RefundRow[]> {
  const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
  if (uuids.length === 0) return [];
  return refundQuery(db).where('r.id', 'in', uuids).execute();
}

export async function succeededRefundsOfDay(db: Executor, provider: string, date: string): Promise<RefundRow[]> {
  return refundQuery(db)
    .where('r.provider', '=', provider)
    .where('r.status', '=', 'succeeded')
    .where('r.completed_on', '=', date)
    .execute();
}

export async function addRefunded(db: Executor, transactionId: string, amountFen: number): Promise<void> {
  await db
    .updateTable('payment_transactions')
    .set({ refunded_fen: sql`refunded_fen + ${amountFen}` })
    .where('id', '=', transactionId)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// 暂缓 / 分期 (处罚法 Art. 66)

function deferralQuery(db: Executor) {
  return db
    .selectFrom('payment_deferrals as d')
    .leftJoin('officers as a', 'a.id', 'd.applied_by')
    .leftJoin('officers as b', 'b.id', 'd.decided_by')
    .selectAll('d')
    .select(['a.name as applied_by_name', 'b.name as decided_by_name']);
}

export async function insertDeferral(db: Executor, row: Insertable<PaymentDeferralsTable>): Promise<void> {
  await db.insertInto('payment_deferrals').values(row).execute();
}

export async function insertInstalments(db: Executor, rows: Insertable<PaymentInstalmentsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('payment_instalments').values(rows).execute();
}

export async function pendingDeferralOfCase(db: Executor, caseId: string): Promise<DeferralRow | undefined> {
  return deferralQuery(db).where('d.case_id', '=', caseId).where('d.status', '=', 'pending').executeTakeFirst();
}

export async function findDeferral(db: Executor, id: string): Promise<DeferralRow | undefined> {
  return deferralQuery(db).where('d.id', '=', id).executeTakeFirst();
}

export async function lockDeferral(db: Executor, id: string): Promise<void> {
  await db.selectFrom('payment_deferrals').select('id').where('id', '=', id).forUpdate().execute();
}

export async function deferralsOfCase(db: Executor, caseId: string): Promise<DeferralRow[]> {
  return deferralQuery(db).where('d.case_id', '=', caseId).orderBy('d.applied_at').execute();
}

export async function decideDeferral(db: Executor, id: string, set: Updateable<PaymentDeferralsTable>): Promise<boolean> {
  const r = await db.updateTable('payment_deferrals').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function instalmentsOf(db: Executor, deferralIds: readonly string[]): Promise<InstalmentRow[]> {
  if (deferralIds.length === 0) return [];
  return db
    .selectFrom('payment_instalments as i')
    .leftJoin('payment_orders as p', 'p.id', 'i.order_id')
    .selectAll('i')
    .select(['p.payment_code', 'p.status as order_status'])
    .where('i.deferral_id', 'in', [...deferralIds])
    .orderBy('i.deferral_id')
    .orderBy('i.seq')
    .execute();
}

export async function setInstalmentOrder(db: Executor, deferralId: string, seq: number, orderId: string): Promise<void> {
  await db
    .updateTable('payment_instalments')
    .set({ order_id: orderId })
    .where('deferral_id', '=', deferralId)
    .where('seq', '=', seq)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// Reconciliation

export async function insertRun(db: Executor, row: Insertable<PaymentReconciliationRunsTable>): Promise<void> {
  await db.insertInto('payment_reconciliation_runs').values(row).execute();
}

export async function setRunCount(db: Executor, id: string, mismatchCount: number): Promise<void> {
  await db.updateTable('payment_reconciliation_runs').set({ mismatch_count: mismatchCount }).where('id', '=', id).execute();
}

/** Flags a mismatch once: a later run that finds the same one adds nothing. */
export async function insertMismatchIfNew(db: Executor, row: Insertable<PaymentMismatchesTable>): Promise<boolean> {
  const r = await db
    .insertInto('payment_mismatches')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'kind', 'ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function listRuns(db: Executor, limit: number, offset: number): Promise<{ items: RunRow[]; total: number }> {
  const [items, count] = await Promise.all([
    db
      .selectFrom('payment_reconciliation_runs as r')
      .leftJoin('officers as o', 'o.id', 'r.started_by')
      .selectAll('r')
      .select('o.name as started_by_name')
      .orderBy('r.started_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('payment_reconciliation_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function findRun(db: Executor, id: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('payment_reconciliation_runs as r')
    .leftJoin('officers as o', 'o.id', 'r.started_by')
    .selectAll('r')
    .select('o.name as started_by_name')
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type MismatchFilter = { jurisdictionPath: string; status?: string; kind?: string; from?: string; to?: string };

function mismatchQuery(db: Executor, f: MismatchFilter) {
  let q = db
    .selectFrom('payment_mismatches as m')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .leftJoin('orgs as g', 'g.id', 'c.org_id')
    .leftJoin('officers as o', 'o.id', 'm.resolved_by')
    .selectAll('m')
    .select(['c.case_number', 'o.name as resolved_by_name'])
    // A line that names no case of ours is the city bureau's to examine (root jurisdiction only).
    .where((eb) =>
      eb.or([
        eb('g.path', 'like', `${f.jurisdictionPath}%`),
        eb.and([eb('m.case_id', 'is', null), eb(sql.lit(f.jurisdictionPath.split('/').filter(Boolean).length), '<=', 1)]),
      ]),
    );
  if (f.status) q = q.where('m.status', '=', f.status as 'open');
  if (f.kind) q = q.where('m.kind', '=', f.kind as 'missing_ours');
  if (f.from) q = q.where('m.statement_date', '>=', f.from);
  if (f.to) q = q.where('m.statement_date', '<=', f.to);
  return q;
}

export async function listMismatches(
  db: Executor,
  f: MismatchFilter,
  limit: number,
  offset: number,
): Promise<{ items: MismatchRow[]; total: number }> {
  const [items, count] = await Promise.all([
    mismatchQuery(db, f).orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom(mismatchQuery(db, f).as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function findMismatch(db: Executor, f: MismatchFilter, id: string): Promise<MismatchRow | undefined> {
  return mismatchQuery(db, f).where('m.id', '=', id).executeTakeFirst();
}

export async function resolveMismatch(db: Executor, id: string, set: Updateable<PaymentMismatchesTable>): Promise<boolean> {
  const r = await db.updateTable('payment_mismatches').set(set).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------------------
// 当场收缴 cash receipts (B4)

function cashQuery(db: Executor) {
  return db
    .selectFrom('cash_receipts as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('orgs as g', 'g.id', 'r.org_id')
    .selectAll('r')
    .select(['c.case_number', 'g.name as org_name', 'g.path as org_path', 'c.party_name', 'c.party_type']);
}

export async function insertCashReceipt(db: Executor, row: Insertable<CashReceiptsTable>): Promise<void> {
  await db.insertInto('cash_receipts').values(row).execute();
}

export async function cashReceiptOfCase(db: Executor, caseId: string): Promise<(CashReceiptRow & { org_path: string }) | undefined> {
  return cashQuery(db).where('r.case_id', '=', caseId).executeTakeFirst();
}

export async function findCashReceipt(db: Executor, id: string): Promise<(CashReceiptRow & { org_path: string }) | undefined> {
  return cashQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function updateCashReceipt(db: Executor, id: string, set: Updateable<CashReceiptsTable>): Promise<boolean> {
  const r = await db.updateTable('cash_receipts').set(set).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type CashFilter = {
  jurisdictionPath: string;
  today: string;
  stage?: 'hand_in' | 'deposit' | 'done';
  overdue?: boolean;
  orgId?: string;
  from?: string;
  to?: string;
  q?: string;
};

function filteredCash(db: Executor, f: CashFilter) {
  let q = cashQuery(db).where('g.path', 'like', `${f.jurisdictionPath}%`);
  if (f.stage === 'hand_in') q = q.where('r.handed_in_on', 'is', null);
  if (f.stage === 'deposit') q = q.where('r.handed_in_on', 'is not', null).where('r.deposited_on', 'is', null);
  if (f.stage === 'done') q = q.where('r.deposited_on', 'is not', null);
  if (f.overdue !== undefined) {
    // B4: late when the step was not taken by its due date (still open after it, or taken after it).
    const late = sql<boolean>`(
      coalesce(r.handed_in_on, ${f.today}::date) > r.hand_in_due
      OR (r.deposit_due IS NOT NULL AND coalesce(r.deposited_on, ${f.today}::date) > r.deposit_due))`;
    q = q.where(f.overdue ? late : sql<boolean>`NOT ${late}`);
  }
  if (f.orgId) q = q.where('g.path', 'like', subtreeOf(f.orgId));
  if (f.from) q = q.where('r.collected_on', '>=', f.from);
  if (f.to) q = q.where('r.collected_on', '<=', f.to);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('r.receipt_number', 'ilike', like), eb('c.case_number', 'ilike', like)]));
  }
  return q;
}

export async function listCashReceipts(
  db: Executor,
  f: CashFilter,
  limit: number,
  offset: number,
): Promise<{ items: CashReceiptRow[]; total: number }> {
  const [items, count] = await Promise.all([
    filteredCash(db, f).orderBy('r.collected_on', 'desc').orderBy('r.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom(filteredCash(db, f).as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
