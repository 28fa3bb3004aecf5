// The payments module's interface for the other modules (the party's portal, enforcement): the money side of a
// case as of today, a checkout through the payment provider, and a 暂缓 / 分期 application (处罚法 Art. 66).
// Callers check access themselves (the portal by the party's one-time code, the console by role × jurisdiction).
import type { PaymentSummary } from '@chengguan/contracts';
import { CASE_MACHINE, type CaseSnapshot, checkDeferralRequest, type DeferralRequest, formatCitationZh } from '@chengguan/domain';
import type { Deps, Executor, RequestMeta, StepActor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { endOfShanghaiDay, shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { type CaseRow, findCase, getCaseRowOrFail } from '../cases/index.ts';
import { closeCheckouts } from './checkouts.ts';
import { caseAmounts, nextOrder, notPayableReason } from './payment-orders.ts';
import { toDeferral, toOrder } from './payments.mapper.ts';
import {
  deferralsOfCase,
  findOrder,
  insertCheckout,
  insertDeferral,
  insertInstalments,
  instalmentsOf,
  openCheckoutsOfOrder,
  ordersOfCase,
  pendingDeferralOfCase,
} from './payments.repository.ts';
import { defaultProvider, paymentChannel } from './providers/registry.ts';

const NO_PROVIDER = '未配置在线缴款渠道，请凭缴款码到银行缴纳 / no payment provider configured; pay at a bank with the payment code';

async function caseRowOrNotFound(db: Executor, caseId: string): Promise<CaseRow> {
  const row = await findCase(db, caseId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Fine, G2 surcharge as of today, paid, due, G1 due date, the deferral in force and every order of the case. */
export async function paymentSummary(db: Executor, deps: Deps, caseId: string): Promise<PaymentSummary> {
  const row = await caseRowOrNotFound(db, caseId);
  const snapshot = row.snapshot as CaseSnapshot;
  const asOf = shanghaiDate(deps.clock.now());
  const [amounts, orders, deferrals] = await Promise.all([
    caseAmounts(db, snapshot, asOf),
    ordersOfCase(db, caseId),
    deferralsOfCase(db, caseId),
  ]);
  const instalments = await instalmentsOf(
    db,
    deferrals.map((d) => d.id),
  );
  const next = nextOrder(orders, amounts, asOf);
  const channel = paymentChannel(deps.config);
  const reason = notPayableReason(snapshot, amounts, next?.order) ?? (channel.provider ? null : NO_PROVIDER);
  const current = [...deferrals].reverse().find((d) => d.status === 'approved') ?? deferrals.find((d) => d.status === 'pending') ?? null;
  const deferral = current ? toDeferral(current, instalments) : null;
  return {
    caseId,
    asOf,
    paymentCode: next?.order.payment_code ?? orders.find((o) => o.kind === 'fine')?.payment_code ?? null,
    fineFen: amounts.fineFen,
    surchargeFen: amounts.surchargeFen,
    paidFen: amounts.paidFen,
    dueFen: amounts.dueFen,
    paymentDue: amounts.paymentDue,
    overdueDays: amounts.overdueDays,
    lines: amounts.lines,
    payable: reason === null,
    notPayableReason: reason,
    deferral,
    instalments: deferral?.status === 'approved' && deferral.kind === 'instalments' ? deferral.instalments : null,
    orders: orders.map(toOrder),
    channel,
  };
}

/**
 * Opens a checkout for the order to pay now, for the amount due today (fine + G2 surcharge − paid, or the next
 * instalment). The payer completes it on the provider's cashier; the provider's signed callback records the payment.
 * One open checkout per order: the previous one is cancelled at the provider first (superseded). If the payer already
 * paid it there, no new checkout is opened — its notification is on its way and a second would be paid twice.
 */
export async function startCheckout(
  deps: Deps,
  req: { caseId: string; channel: 'portal' | 'officer' },
): Promise<{ checkoutUrl: string; amountFen: number; orderId: string; checkoutId: string; expiresAt: string; provider: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await caseRowOrNotFound(trx, req.caseId);
    const snapshot = row.snapshot as CaseSnapshot;
    const today = shanghaiDate(deps.clock.now());
    const [amounts, orders] = await Promise.all([caseAmounts(trx, snapshot, today), ordersOfCase(trx, row.id)]);
    const next = nextOrder(orders, amounts, today);
    const reason = notPayableReason(snapshot, amounts, next?.order);
    if (reason || !next) {
      throw new AppError('PAYMENT_NOT_PAYABLE', {
        field: 'caseId',
        message: `当前不能缴款：${reason}`,
        messageEn: `Nothing can be paid now: ${reason}`,
      });
    }
    const provider = defaultProvider(deps.config);
    if (!provider) throw new AppError('PAYMENT_PROVIDER_NOT_CONFIGURED', { field: 'caseId' });
    // The order's row lock serialises two checkouts of one order (the officer and the party at the same moment).
    const order = await findOrder(trx, next.order.id, true);
    if (order?.status !== 'open') throw new AppError('STATE_CONFLICT', { field: 'caseId' });
    const paidMeanwhile = await closeCheckouts(trx, deps, await openCheckoutsOfOrder(trx, order.id), 'superseded');
    if (paidMeanwhile.length > 0) throw new AppError('PAYMENT_IN_PROGRESS', { field: 'caseId' });
    const checkoutId = deps.newId();
    const expiresAt = endOfShanghaiDay(today);
    const created = await provider.createCheckout(trx, deps, {
      outTradeNo: checkoutId,
      amountFen: next.amountFen,
      subject: `罚没款 ${row.case_number ?? ''} 缴款码 ${next.order.payment_code}`.replace(/\s+/g, ' '),
      expiresAt,
    });
    await insertCheckout(trx, {
      id: checkoutId,
      bureau_id: row.bureau_id,
      order_id: next.order.id,
      case_id: row.id,
      provider: provider.name,
      provider_checkout_id: created.providerCheckoutId,
      channel: req.channel,
      amount_fen: next.amountFen,
      fine_fen: amounts.fineFen,
      surcharge_fen: amounts.surchargeFen,
      as_of: today,
      expires_at: expiresAt,
      created_at: deps.clock.now(),
    });
    await recordAudit(
      trx,
      deps,
      { id: null, bureauId: row.bureau_id },
      { ip: null, correlationId: null },
      {
        action: 'payment.checkout',
        entityType: 'payment_order',
        entityId: next.order.id,
        bureauId: row.bureau_id,
        data: {
          caseId: row.id,
          checkoutId,
          channel: req.channel,
          amountFen: next.amountFen,
          surchargeFen: amounts.surchargeFen,
          asOf: today,
        },
      },
    );
    return {
      checkoutUrl: created.checkoutUrl,
      amountFen: next.amountFen,
      orderId: next.order.id,
      checkoutId,
      expiresAt: expiresAt.toISOString(),
      provider: provider.name,
    };
  });
}

const DEFERRAL_STATES = CASE_MACHINE.approveDeferral.from as readonly string[];

/**
 * 暂缓 / 分期 application (处罚法 Art. 66), from the party's paper application entered by an officer or from the
 * portal. Checked now (G1: reason, dates, instalments summing to what is owed); approved or rejected by a leader.
 */
export async function applyForDeferral(
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  req: DeferralRequest & { caseId: string; via: 'portal' | 'officer' },
): Promise<{ id: string }> {
  if (!actor.permissions.has('case:write')) throw new AppError('FORBIDDEN');
  return deps.db.transaction().execute(async (trx) => {
    const row = await getCaseRowOrFail(trx, actor, req.caseId);
    const snapshot = row.snapshot as CaseSnapshot;
    if (!DEFERRAL_STATES.includes(snapshot.state)) {
      throw new AppError('CASE_ACTION_NOT_IN_STATE', {
        field: 'caseId',
        message: '决定书送达后、缴清前方可申请暂缓或分期缴纳',
        messageEn: 'Apply after the decision is served and before the fine is paid',
      });
    }
    if (await pendingDeferralOfCase(trx, row.id)) {
      throw new AppError('DUPLICATE', { field: 'kind', message: '已有待审批的申请', messageEn: 'An application is already pending' });
    }
    const today = shanghaiDate(deps.clock.now());
    const amounts = await caseAmounts(trx, snapshot, today);
    const check = checkDeferralRequest(req, today, amounts.dueFen);
    if (!check.ok) {
      const rule = `${check.ruleId} ${check.article}`;
      throw new AppError('RULE_VIOLATION', {
        field: check.field,
        rule,
        message: `${check.messageZh}（依据${formatCitationZh(check.article)}）`,
        messageEn: `${check.messageEn} (${rule})`,
        details: [
          {
            field: check.field,
            message: `${check.messageZh}（依据${formatCitationZh(check.article)}）`,
            messageEn: `${check.messageEn} (${rule})`,
          },
        ],
      });
    }
    const id = deps.newId();
    await insertDeferral(trx, {
      id,
      bureau_id: row.bureau_id,
      case_id: row.id,
      kind: req.kind,
      reason: req.reason.trim(),
      until: check.until,
      via: req.via,
      applied_by: actor.id,
      applied_at: deps.clock.now(),
      applied_on: today,
    });
    if (req.kind === 'instalments') {
      await insertInstalments(
        trx,
        req.instalments.map((l, i) => ({ deferral_id: id, seq: i + 1, due_on: l.dueOn, amount_fen: l.amountFen, order_id: null })),
      );
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'payment.deferral.apply',
      entityType: 'payment_deferral',
      entityId: id,
      bureauId: row.bureau_id,
      data: {
        caseId: row.id,
        kind: req.kind,
        until: check.until,
        via: req.via,
        instalments: req.kind === 'instalments' ? req.instalments.length : 0,
        ...(actor.channel ? { channel: actor.channel } : {}),
      },
    });
    return { id };
  });
}
