// SQL of the sandbox provider's own ledger (the provider's side; the platform's tables are never read here).
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../../context.ts';
import type { SandboxCheckoutsTable, SandboxLedgerTable, SandboxMerchantsTable } from '../payments.tables.ts';

export type SandboxMerchantRow = Selectable<SandboxMerchantsTable>;
export type SandboxCheckoutRow = Selectable<SandboxCheckoutsTable>;
export type SandboxLedgerRow = Selectable<SandboxLedgerTable>;

export async function findMerchant(db: Executor, merchantId: string): Promise<SandboxMerchantRow | undefined> {
  return db.selectFrom('sandbox_merchants').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
}

export async function insertMerchantIfMissing(db: Executor, row: Omit<SandboxMerchantRow, 'created_at'>): Promise<void> {
  await db
    .insertInto('sandbox_merchants')
    .values(row)
    .onConflict((oc) => oc.column('merchant_id').doNothing())
    .execute();
}

export async function insertSandboxCheckout(
  db: Executor,
  row: Omit<SandboxCheckoutRow, 'status' | 'txn_id' | 'paid_at' | 'cancelled_at'>,
): Promise<void> {
  await db.insertInto('sandbox_checkouts').values(row).execute();
}

export async function findSandboxCheckout(db: Executor, id: string, forUpdate = false): Promise<SandboxCheckoutRow | undefined> {
  const q = db.selectFrom('sandbox_checkouts').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function markSandboxCheckoutPaid(db: Executor, id: string, txnId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('sandbox_checkouts')
    .set({ status: 'paid', txn_id: txnId, paid_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** pending → cancelled; false when it is not pending (paid, or cancelled before). */
export async function markSandboxCheckoutCancelled(db: Executor, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('sandbox_checkouts')
    .set({ status: 'cancelled', cancelled_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertLedgerLine(db: Executor, row: SandboxLedgerRow): Promise<void> {
  await db.insertInto('sandbox_ledger').values(row).execute();
}

export async function findLedgerLine(db: Executor, txnId: string): Promise<SandboxLedgerRow | undefined> {
  return db.selectFrom('sandbox_ledger').selectAll().where('txn_id', '=', txnId).executeTakeFirst();
}

export async function findRefundByOutNo(db: Executor, outRefundNo: string): Promise<SandboxLedgerRow | undefined> {
  return db.selectFrom('sandbox_ledger').selectAll().where('out_refund_no', '=', outRefundNo).executeTakeFirst();
}

export async function refundedOf(db: Executor, txnId: string): Promise<number> {
  const r = await db
    .selectFrom('sandbox_ledger')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('n'))
    .where('type', '=', 'refund')
    .where('ref_txn_id', '=', txnId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function ledgerOfDay(db: Executor, merchantId: string, date: string): Promise<SandboxLedgerRow[]> {
  return db
    .selectFrom('sandbox_ledger')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('account_date', '=', date)
    .orderBy('at')
    .orderBy('txn_id')
    .execute();
}
