// Inside the case steps' transactions (registerCaseStepHook): a fine decided → its payment order with a 缴款码;
// 当场收缴 → the cash receipt with its B4 hand-in date, the order marked paid, and the printable receipt when the
// documents module provides it.
import { cashHandInDeadline, decisionFineFen } from '@chengguan/domain';
import type { Deps, RequestMeta } from '../../context.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/case-step.ts';
import { createOrder } from './payment-orders.ts';
import {
  insertCashReceipt,
  ordersOfCase,
  releaseSavepoint,
  rollbackToSavepoint,
  savepoint,
  setOpenOrdersOfCase,
  updateCashReceipt,
} from './payments.repository.ts';

async function orderOnDecision(deps: Deps, _meta: RequestMeta, w: StepWrite<'decide' | 'issueSummaryDecision'>): Promise<void> {
  const fine = decisionFineFen(w.next);
  if (fine <= 0) return;
  const existing = await ordersOfCase(w.trx, w.loaded.row.id);
  if (existing.some((o) => o.kind === 'fine' && o.status !== 'cancelled')) return;
  await createOrder(w.trx, deps, { caseRow: w.loaded.row, kind: 'fine', principalFen: fine, legalDate: w.input.date });
}

type IssueCaseDocument = (
  trx: StepWrite<'collectOnSpot'>['trx'],
  deps: Deps,
  actor: StepWrite<'collectOnSpot'>['actor'],
  meta: RequestMeta,
  req: { caseId: string; kind: string; extra?: Record<string, unknown>; sourceId?: string; issuedOn?: string },
) => Promise<{ id: string }>;

/** The documents module's issueCaseDocument, when that module is installed (loaded lazily, optional). */
async function documentIssuer(): Promise<IssueCaseDocument | null> {
  const spec = '../documents/issue-document.ts';
  try {
    const mod = (await import(spec)) as { issueCaseDocument?: IssueCaseDocument };
    return mod.issueCaseDocument ?? null;
  } catch {
    return null;
  }
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
  const issue = await documentIssuer();
  if (!issue) return;
  // A receipt that cannot be rendered must not undo the collection: the officer can print it later.
  await savepoint(w.trx, 'cash_receipt_doc');
  try {
    const doc = await issue(w.trx, deps, w.actor, meta, {
      caseId: row.id,
      kind: 'cash_receipt',
      sourceId: id,
      issuedOn: w.input.date,
      extra: { receipt: { number: w.input.receiptNumber, amountFen: amount, collectedOn: w.input.date, handInDue } },
    });
    await releaseSavepoint(w.trx, 'cash_receipt_doc');
    await updateCashReceipt(w.trx, id, { document_id: doc.id });
  } catch {
    await rollbackToSavepoint(w.trx, 'cash_receipt_doc');
  }
}

let installed = false;

/** Called once at the top of buildApp. */
export function installPaymentHooks(): void {
  if (installed) return;
  installed = true;
  registerCaseStepHook('decide', orderOnDecision);
  registerCaseStepHook('issueSummaryDecision', orderOnDecision);
  registerCaseStepHook('collectOnSpot', cashReceiptOnCollection);
}
