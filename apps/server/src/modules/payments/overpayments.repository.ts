// SQL of the over-payments (多缴 / 错缴款): money received that was not booked against the fine, listed for refund.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { PaymentOverpaymentsTable } from './payments.tables.ts';
import { containsPattern } from '../../db/like.ts';

export type OverpaymentRow = Selectable<PaymentOverpaymentsTable> & {
  case_number: string | null;
  party_name: string | null;
  party_type: string | null;
  org_name: string | null;
};

export type OverpaymentFilter = {
  jurisdictionPath: string;
  status?: string;
  reason?: string;
  from?: string;
  to?: string;
  q?: string;
};

/** One per transaction (the unique transaction_id): a second attempt inserts nothing. */
export async function insertOverpayment(db: Executor, row: Insertable<PaymentOverpaymentsTable>): Promise<void> {
  await db
    .insertInto('payment_overpayments')
    .values(row)
    .onConflict((oc) => oc.column('transaction_id').doNothing())
    .execute();
}

function overpaymentQuery(db: Executor, f: OverpaymentFilter) {
  let q = db
    .selectFrom('payment_overpayments as v')
    .leftJoin('cases as c', 'c.id', 'v.case_id')
    .leftJoin('orgs as g', 'g.id', 'c.org_id')
    .selectAll('v')
    .select(['c.case_number', 'c.party_name', 'c.party_type', 'g.name as org_name'])
    // Money that names no case of ours is the city bureau's to return (root jurisdiction only).
    .where((eb) =>
      eb.or([
        eb('g.path', 'like', `${f.jurisdictionPath}%`),
        eb.and([eb('v.case_id', 'is', null), eb(sql.lit(f.jurisdictionPath.split('/').filter(Boolean).length), '<=', 1)]),
      ]),
    );
  if (f.status) q = q.where('v.status', '=', f.status as 'open');
  if (f.reason) q = q.where('v.reason', '=', f.reason as 'already_paid');
  if (f.from) q = q.where('v.paid_on', '>=', f.from);
  if (f.to) q = q.where('v.paid_on', '<=', f.to);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('v.provider_txn_id', 'ilike', like), eb('c.case_number', 'ilike', like)]));
  }
  return q;
}

export async function listOverpayments(
  db: Executor,
  f: OverpaymentFilter,
  limit: number,
  offset: number,
): Promise<{ items: OverpaymentRow[]; total: number; totalFen: number }> {
  const [items, count] = await Promise.all([
    overpaymentQuery(db, f).orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom(overpaymentQuery(db, f).as('x'))
      .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(x.amount_fen), 0)`.as('fen')])
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), totalFen: Number(count.fen) };
}

export async function findOverpayment(db: Executor, f: OverpaymentFilter, id: string): Promise<OverpaymentRow | undefined> {
  return overpaymentQuery(db, f).where('v.id', '=', id).executeTakeFirst();
}

export async function overpaymentsOfCase(db: Executor, caseId: string): Promise<OverpaymentRow[]> {
  return overpaymentQuery(db, { jurisdictionPath: '/' }).where('v.case_id', '=', caseId).orderBy('v.created_at').execute();
}

/** The over-payments received on a day at a provider, for the reconciliation's report. */
export async function overpaymentsOfDay(db: Executor, provider: string, date: string): Promise<Selectable<PaymentOverpaymentsTable>[]> {
  return db
    .selectFrom('payment_overpayments')
    .selectAll()
    .where('provider', '=', provider)
    .where('paid_on', '=', date)
    .orderBy('created_at')
    .execute();
}

/**
 * Claims an open over-payment for one refund: refund_id set while it is still open means a refund is under way, so
 * a second refund of the same money finds nothing to claim. False when it is refunded or being refunded.
 */
export async function claimOverpaymentRefund(db: Executor, id: string, refundId: string): Promise<boolean> {
  const r = await db
    .updateTable('payment_overpayments')
    .set({ refund_id: refundId })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('refund_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The claimed refund succeeded (→ refunded) or failed (→ open again, free for another attempt). */
export async function settleOverpaymentRefund(db: Executor, id: string, refundId: string, succeeded: boolean, at: Date): Promise<void> {
  await db
    .updateTable('payment_overpayments')
    .set(succeeded ? { status: 'refunded', refunded_at: at } : { refund_id: null })
    .where('id', '=', id)
    .where('refund_id', '=', refundId)
    .execute();
}

/** The reconciliation's line about an over-payment is settled by its refund. */
export async function resolveOverpaymentMismatch(
  db: Executor,
  overpaymentId: string,
  note: string,
  by: string | null,
  at: Date,
): Promise<void> {
  await db
    .updateTable('payment_mismatches')
    .set({ status: 'resolved', note, resolved_by: by, resolved_at: at })
    .where('kind', '=', 'overpayment')
    .where('ref', '=', `overpayment:${overpaymentId}`)
    .where('status', '=', 'open')
    .execute();
}
