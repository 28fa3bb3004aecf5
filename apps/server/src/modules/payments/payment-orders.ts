// Payment orders and the money of one case: the 缴款码 of a new order, the amount due on a given day (G1 + G2, with
// the review/litigation pause and an approved deferral read from the case snapshot), and the order to pay next.
import { buildPaymentCode, caseAmountDue, type AmountDue, type CaseSnapshot } from '@chengguan/domain';
import type { Deps, Executor } from '../../context.ts';
import { loadWorkCalendar } from '../law/index.ts';
import type { CaseRow } from '../cases/index.ts';
import { insertOrder, nextPaymentSeq, type OrderRow } from './payments.repository.ts';

/** Region code used when a bureau has none configured (上海市). */
const DEFAULT_REGION = '310000';

export async function newPaymentCode(db: Executor, bureauId: string | null, orgId: string, legalDate: string): Promise<string> {
  const year = Number(legalDate.slice(0, 4));
  const { seq, regionCode } = await nextPaymentSeq(db, bureauId ?? orgId, year);
  return buildPaymentCode(regionCode && /^\d{6}$/.test(regionCode) ? regionCode : DEFAULT_REGION, year, seq);
}

export type NewOrder = {
  caseRow: Pick<CaseRow, 'id' | 'bureau_id' | 'org_id'>;
  kind: 'fine' | 'instalment';
  principalFen: number;
  legalDate: string;
  dueOn?: string | null;
  instalmentNo?: number | null;
  applicationId?: string | null;
};

export async function createOrder(db: Executor, deps: Deps, o: NewOrder): Promise<{ id: string; paymentCode: string }> {
  const id = deps.newId();
  const paymentCode = await newPaymentCode(db, o.caseRow.bureau_id, o.caseRow.org_id, o.legalDate);
  await insertOrder(db, {
    id,
    bureau_id: o.caseRow.bureau_id,
    case_id: o.caseRow.id,
    org_id: o.caseRow.org_id,
    payment_code: paymentCode,
    kind: o.kind,
    instalment_no: o.instalmentNo ?? null,
    application_id: o.applicationId ?? null,
    principal_fen: o.principalFen,
    due_on: o.dueOn ?? null,
    created_at: deps.clock.now(),
    updated_at: deps.clock.now(),
  });
  return { id, paymentCode };
}

/**
 * G1 + G2 of the case on `asOf`, from its snapshot (pause intervals of 复议 / 诉讼, approved deferral or instalment plan
 * — each instalment accruing from its own due date —, dated payments).
 */
export async function caseAmounts(db: Executor, snapshot: CaseSnapshot, asOf: string, lawRevision?: string): Promise<AmountDue> {
  // With the law revision read with the case row, the calendar this process read at it (no statement).
  return caseAmountDue(snapshot, asOf, await loadWorkCalendar(db, lawRevision));
}

/** States in which the payment step can be taken (recordPayment / recordSummaryPayment). */
const PAYABLE_STATES: Record<CaseSnapshot['procedure'], readonly string[]> = {
  ordinary: ['decision_served', 'enforcing'],
  summary: ['summary_decided', 'enforcing'],
};

export function paymentAction(snapshot: CaseSnapshot): 'recordPayment' | 'recordSummaryPayment' {
  return snapshot.procedure === 'summary' && snapshot.state === 'summary_decided' ? 'recordSummaryPayment' : 'recordPayment';
}

/** Why no checkout can be started now, or null. */
export function notPayableReason(snapshot: CaseSnapshot, amounts: AmountDue, next: OrderRow | undefined): string | null {
  if (amounts.fineFen === 0) return '决定未处罚款 / the decision imposes no fine';
  if (!PAYABLE_STATES[snapshot.procedure].includes(snapshot.state)) {
    return snapshot.state === 'decided'
      ? '决定书送达后方可缴款 / payable once the decision is served'
      : '案件当前状态不能缴款 / the case is not in a payable state';
  }
  if (amounts.dueFen === 0 || !next) return '已缴清 / fully paid';
  return null;
}

/**
 * The order to pay now and its amount. Under an instalment plan: the earliest open instalment, for what is due now —
 * every instalment due on or before today (or else the next one) with the G2 surcharge of missed instalments, each
 * counted from its own due date. Otherwise the fine order, for fine + surcharge − paid.
 */
export function nextOrder(
  orders: readonly OrderRow[],
  amounts: AmountDue,
  asOf: string,
): { order: OrderRow; amountFen: number } | undefined {
  const open = orders.filter((o) => o.status === 'open');
  const instalment = open.filter((o) => o.kind === 'instalment').sort((a, b) => (a.instalment_no ?? 0) - (b.instalment_no ?? 0))[0];
  if (instalment) {
    if (amounts.instalments.length > 0) return { order: instalment, amountFen: amounts.dueNowFen };
    // A plan approved before plans were kept in the case: the order's remainder, or all once the plan's end passed.
    const remaining = Number(instalment.principal_fen) - Number(instalment.paid_fen);
    const overdue = amounts.paymentDue !== null && asOf > amounts.paymentDue;
    return { order: instalment, amountFen: overdue ? amounts.dueFen : Math.min(remaining, amounts.dueFen) };
  }
  const fine = open.find((o) => o.kind === 'fine');
  return fine && amounts.dueFen > 0 ? { order: fine, amountFen: amounts.dueFen } : undefined;
}
