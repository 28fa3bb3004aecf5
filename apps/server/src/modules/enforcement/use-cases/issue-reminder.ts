// 催告书 (行政强制法 Art. 35): 「（一）履行义务的期限；（二）履行义务的方式；（三）涉及金钱给付的，应当有明确的金额和给付方式；
// （四）当事人依法享有的陈述权和申辩权。」 Issued once the G1 period has run unpaid; the surcharge (G2) is stated as of the
// day of issue; the party performs within 10 days of its service (Art. 54; 十日 = working days, Art. 69).
import type { EnforcementOverview, IssueReminderBody } from '@chengguan/contracts';
import { accruedSurcharge, enforcementView, isAfter, reminderPerformanceDeadline } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { ruleViolation } from '../../cases/index.ts';

import { issueCaseDocument } from '../../documents/index.ts';
import { assertServiceWrite } from '../../service/index.ts';
import { enforcementCaseOn } from '../enforcement-case.ts';
import { getEnforcement } from './get-enforcement.ts';

const REMINDABLE = new Set(['awaiting_reminder', 'reminded', 'court_window_open', 'court_deadline_near']);

export const DEFAULT_PAYMENT_METHOD = '凭缴款码通过电子支付系统（当事人门户）或到指定银行缴纳，罚缴分离（行政处罚法第六十七条）';

export async function issueReminder(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  body: IssueReminderBody,
): Promise<EnforcementOverview> {
  assertServiceWrite(actor);
  await deps.db.transaction().execute(async (trx) => {
    const { row, snapshot, ctx } = await enforcementCaseOn(trx, deps, actor, caseId, body.date);
    const v = enforcementView(snapshot, ctx);
    if (!REMINDABLE.has(v.status) || !v.paymentDue || !isAfter(body.date, v.paymentDue)) {
      throw ruleViolation(
        'G1',
        '行政处罚法 Art. 67; 行政强制法 Art. 35',
        'date',
        v.paymentDue ? `缴款期限至 ${v.paymentDue}，期满未缴纳的方可催告（当前：${v.status}）` : '本案没有待缴纳的罚款',
        v.paymentDue ? `The payment period runs until ${v.paymentDue}; a reminder follows non-payment` : 'No fine is due in this case',
      );
    }
    // G2 as of the issue day: on the fine after the G1 date, or on each missed instalment from its own due date.
    const g2 = accruedSurcharge(snapshot, v.paymentDue, body.date);
    const owed = Math.max(0, v.fineFen + g2.surchargeFen - v.paidFen);
    const amounts = {
      fineFen: v.fineFen,
      paidFen: v.paidFen,
      surchargeFen: g2.surchargeFen,
      surchargeAsOf: body.date,
      surchargeOverdueDays: g2.overdueDays,
      surchargePausedDays: g2.pausedDays,
      surchargeText: g2.lines.map((l) => l.textZh).join('；'),
      totalFen: owed,
      paymentDue: v.paymentDue,
      paymentMethod: body.paymentMethod?.trim() || DEFAULT_PAYMENT_METHOD,
      performanceDays: 10,
      performancePeriodText:
        '请自本催告书送达之日起十日内（行政强制法第六十九条：十日以内期限指工作日）履行缴纳义务；逾期仍未履行的，本机关将依法申请人民法院强制执行（行政强制法第五十三条、第五十四条）。加处罚款继续按罚款数额每日百分之三计算，至罚款数额为止（行政处罚法第七十二条）。',
      performanceDeadlineIfServedToday: reminderPerformanceDeadline(body.date, ctx),
      statementRightsText:
        '你（单位）对本催告书有陈述和申辩的权利，可在收到本催告书之日起十日内向本机关提出（行政强制法第三十五条第四项、第三十六条）。',
      legalBasis: ['行政强制法 Art. 35', '行政强制法 Art. 37', '行政强制法 Art. 54', '行政处罚法 Art. 72'],
    };
    const issued = await issueCaseDocument(trx, deps, actor, meta, {
      caseId: row.id,
      kind: 'payment_reminder',
      issuedOn: body.date,
      extra: { amounts },
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'enforcement.reminderIssued',
      entityType: 'case',
      entityId: row.id,
      bureauId: row.bureau_id,
      data: { documentId: issued.id, number: issued.number, date: body.date, totalFen: owed, surchargeFen: g2.surchargeFen },
    });
  });
  return getEnforcement(deps, actor, caseId);
}
