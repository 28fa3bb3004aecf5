// Inside the case steps' transactions (registerCaseStepHook): a fine decided → its payment order with a 缴款码;
// 当场收缴 → the cash receipt with its B4 hand-in date, the order marked paid, and the printable receipt.
import { cashHandInDeadline, decisionFineFen } from '@chengguan/domain';
import type { Deps, RequestMeta } from '../../context.ts';
import { withSavepoint } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { issueCaseDocument } from '../documents/index.ts';
import { createOrder } from './payment-orders.ts';
import { insertCashReceipt, ordersOfCase, setOpenOrdersOfCase, updateCashReceipt } from './payments.repository.ts';

async function orderOnDecision(deps: Deps, _meta: RequestMeta, w: StepWrite<'decide' | 'issueSummaryDecision'>): Promise<void> {
  const fine = decisionFineFen(w.next);
  if (fine <= 0) return;
  const existing = await ordersOfCase(w.trx, w.loaded.row.id);
  if (existing.some((o) => o.kind === 'fine' && o.status !== 'cancelled')) return;
  await createOrder(w.trx, deps, { caseRow: w.loaded.row, kind: 'fine', principalFen: fine, legalDate: w.input.date });
}

async function cashReceiptOnCollection(deps: Deps, meta: RequestMeta, w: StepWrite<'collectOnSpot'>): Promise<void> {
  const row = w.loaded.row;
  const amount = decisionFineFen(w.next);
  const id = deps.newId();
  // B4 — 处罚法 Art. 71: hand in to the agency within 2 (working) days of collection.
  const handInDue = cashHandInDeadline(w.input.date, w.loaded.ctx.calendar).due;
  await insertCashReceipt(w.trx, {
    id,
    bureau_id: row.bureau_id,
    case_id: row.id,
    org_id: row.org_id,
    receipt_number: w.input.receiptNumber,
    amount_fen: amount,
    collected_on: w.input.date,
    hand_in_due: handInDue,
  });
  await setOpenOrdersOfCase(
    w.trx,
    row.id,
    { status: 'paid', paid_fen: amount, paid_on: w.input.date, updated_at: deps.clock.now() },
    'fine',
  );
  // A receipt that cannot be rendered must not undo the collection: the officer can print it later.
  const doc = await withSavepoint(w.trx, 'cash_receipt_doc', () =>
    issueCaseDocument(w.trx, deps, w.actor, meta, {
      caseId: row.id,
      kind: 'cash_receipt',
      sourceId: id,
      issuedOn: w.input.date,
      extra: { receipt: { number: w.input.receiptNumber, amountFen: amount, collectedOn: w.input.date, handInDue } },
    }),
  ).catch((e: unknown) => {
    if (e instanceof AppError) return null;
    throw e;
  });
  if (doc) await updateCashReceipt(w.trx, id, { document_id: doc.id });
}

/** Registered once per process by buildModules. */
export function installPaymentHooks(): void {
  registerCaseStepHook('decide', orderOnDecision);
  registerCaseStepHook('issueSummaryDecision', orderOnDecision);
  registerCaseStepHook('collectOnSpot', cashReceiptOnCollection);
}
