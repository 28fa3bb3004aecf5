// 当场收缴 cash (B4, 处罚法 Art. 71): the officer hands the cash in to the agency within 2 working days of collection,
// and the agency deposits it at the designated bank within 2 working days of the hand-in. Both are recorded here;
// late or missing steps are flagged on the list (「当场收缴」) and on the case.
import type { CashDepositBody, CashHandInBody, CashReceipt } from '@chengguan/contracts';
import { bankDepositDeadline, isAfter } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { toCashReceipt } from '../payments.mapper.ts';
import { findCashReceipt, updateCashReceipt } from '../payments.repository.ts';

async function receiptOrFail(deps: Deps, actor: Actor, id: string) {
  const r = await findCashReceipt(deps.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  assertInJurisdiction(actor, r.org_path);
  return r;
}

function assertDay(date: string, notBefore: string, today: string, field = 'date'): void {
  if (isAfter(date, today)) throw fieldError(field, `不能晚于今天 ${today}`, `cannot be after today ${today}`);
  if (isAfter(notBefore, date)) throw fieldError(field, `不能早于 ${notBefore}`, `cannot be before ${notBefore}`);
}

export async function recordCashHandIn(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { id, body }: { id: string; body: CashHandInBody },
): Promise<CashReceipt> {
  assertPermission(actor, 'case:write');
  const r = await receiptOrFail(deps, actor, id);
  if (r.handed_in_on) throw new AppError('STATE_CONFLICT', { field: 'date', message: '已登记交款', messageEn: 'Already handed in' });
  const today = shanghaiDate(deps.clock.now());
  assertDay(body.date, r.collected_on, today);
  const calendar = await loadWorkCalendar(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    await updateCashReceipt(trx, id, {
      handed_in_on: body.date,
      handed_in_to: body.handedInTo.trim(),
      handed_in_by: actor.id,
      // B4 — 处罚法 Art. 71: 「行政机关应当在二日内将罚款缴付指定的银行」.
      deposit_due: bankDepositDeadline(body.date, calendar).due,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'payment.cash.hand_in',
      entityType: 'cash_receipt',
      entityId: id,
      bureauId: r.bureau_id,
      data: { caseId: r.case_id, date: body.date, due: r.hand_in_due, late: isAfter(body.date, r.hand_in_due) },
    });
  });
  return toCashReceipt((await findCashReceipt(deps.db, id))!, today);
}

export async function recordCashDeposit(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { id, body }: { id: string; body: CashDepositBody },
): Promise<CashReceipt> {
  assertPermission(actor, 'case:write');
  const r = await receiptOrFail(deps, actor, id);
  if (!r.handed_in_on) throw fieldError('date', '须先登记交至行政机关', 'Record the hand-in first', 'STATE_CONFLICT');
  if (r.deposited_on) throw new AppError('STATE_CONFLICT', { field: 'date', message: '已登记存入银行', messageEn: 'Already deposited' });
  const today = shanghaiDate(deps.clock.now());
  assertDay(body.date, r.handed_in_on, today);
  await deps.db.transaction().execute(async (trx) => {
    await updateCashReceipt(trx, id, { deposited_on: body.date, bank_slip_no: body.bankSlipNo.trim(), deposited_by: actor.id });
    await recordAudit(trx, deps, actor, meta, {
      action: 'payment.cash.deposit',
      entityType: 'cash_receipt',
      entityId: id,
      bureauId: r.bureau_id,
      data: { caseId: r.case_id, date: body.date, due: r.deposit_due, late: r.deposit_due ? isAfter(body.date, r.deposit_due) : false },
    });
  });
  return toCashReceipt((await findCashReceipt(deps.db, id))!, today);
}
