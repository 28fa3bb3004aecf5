// Which documents fit the case's stage: a document records or announces a step, so it can be produced only once the
// step happened (a 决定书 after the decision, a 催告书 after the G1 payment deadline passed unpaid, a court
// application inside the G3 window). Each refusal names its rule.
import type { DocumentKind } from '@chengguan/contracts';
import { DOCUMENT_KINDS } from '@chengguan/contracts';
import { isAfter } from '../calendar/legal-date.ts';
import type { CaseContext, CaseSnapshot } from '../cases/case-snapshot.ts';
import { decisionFineFen, paidFen } from '../cases/case-snapshot.ts';
import { courtEnforcementWindow, paymentDeadline } from '../law/enforcement.ts';
import type { RuleLine } from '../law/types.ts';

export type DocumentAvailability = { kind: DocumentKind; allowed: boolean; reasons: RuleLine[]; needsExtra: boolean };

export type AvailabilityFacts = {
  hasInspectionRecord: boolean;
  hasQuestioningRecord: boolean;
  /** The document is made from a record of a completed service (e.g. the posted off-site notice, 处罚法 Art. 41). */
  hasServedRecord?: boolean;
  /** The case was registered from an off-site review item (source `offsite`, 处罚法 Art. 41). */
  offsiteSource?: boolean;
};

const ENDED_STATES: ReadonlySet<string> = new Set(['not_filed', 'transferred', 'archived']);

const r = (ruleId: string, article: string, textZh: string, textEn: string): RuleLine => ({ ruleId, article, textZh, textEn });

/** Kinds the caller fills with its own record (a service record, amounts, an address …) through another screen. */
export const KINDS_NEEDING_EXTRA: ReadonlySet<DocumentKind> = new Set(['preservation_notice', 'service_receipt', 'e_service_consent']);

function reasonsFor(kind: DocumentKind, s: CaseSnapshot, f: AvailabilityFacts, ctx: CaseContext): RuleLine[] {
  const ordinary = s.procedure === 'ordinary';
  const active = !ENDED_STATES.has(s.state) && s.state !== 'closed';
  const A6 = (zh: string, en: string) => r('A6', '行政处罚法 Art. 47', zh, en);
  const needOrdinary = ordinary ? [] : [r('B1', '行政处罚法 Art. 51', '简易程序案件不使用本文书', 'Not used in summary procedure')];
  switch (kind) {
    case 'filing_approval':
      return [
        ...needOrdinary,
        ...(s.dates.filingSubmittedOn || s.dates.filedOn
          ? []
          : [r('C1', '行政处罚法 Art. 54', '尚未提出立案申请', 'No filing request yet')]),
      ];
    case 'inspection_record':
      return f.hasInspectionRecord ? [] : [A6('本案尚无现场检查（勘验）笔录记录', 'No inspection record yet')];
    case 'questioning_record':
      return f.hasQuestioningRecord ? [] : [A6('本案尚无询问笔录记录', 'No questioning record yet')];
    case 'correction_order':
      return active ? [] : [r('E10', '行政处罚法 Art. 28', '案件已办结，不能再责令改正', 'The case has ended')];
    case 'preservation_notice':
      return [...needOrdinary, ...(active ? [] : [r('C3', '行政处罚法 Art. 56', '案件已办结', 'The case has ended')])];
    case 'investigation_report':
      return s.dates.investigationConcludedOn ? [] : [A6('调查尚未终结', 'The investigation is not concluded')];
    case 'legal_review_opinion':
      return s.legalReviews.length > 0 ? [] : [r('E1', '行政处罚法 Art. 58', '尚未进行法制审核', 'No legal review yet')];
    case 'deliberation_minutes':
      return s.deliberationsOn.length > 0 ? [] : [r('E2', '行政处罚法 Art. 57', '尚未进行集体讨论', 'No collective deliberation yet')];
    case 'prior_notice':
      return s.priorNotice ? [] : [r('D1', '行政处罚法 Art. 44, Art. 62', '尚未作出事先告知', 'No prior notice yet')];
    case 'hearing_notice':
      return s.hearing?.hearingOn ? [] : [r('D6', '行政处罚法 Art. 64', '尚未安排听证', 'No hearing scheduled')];
    case 'hearing_record':
      return s.hearing?.heldOn ? [] : [r('D6', '行政处罚法 Art. 64', '尚未举行听证', 'No hearing held')];
    case 'decision':
      return [
        ...needOrdinary,
        ...(s.decision?.outcome === 'penalty' ? [] : [r('E3', '行政处罚法 Art. 57', '尚未作出行政处罚决定', 'No penalty decision yet')]),
      ];
    case 'no_penalty_decision':
      return s.decision?.outcome.startsWith('no_penalty')
        ? []
        : [r('E3', '行政处罚法 Art. 57', '尚未作出不予行政处罚决定', 'No decision not to penalise')];
    case 'summary_decision':
      return s.procedure === 'summary' && s.summary
        ? []
        : [r('B2', '行政处罚法 Art. 52', '本案不是当场处罚案件', 'Not an on-the-spot case')];
    case 'service_receipt':
      return s.decision || s.priorNotice || s.hearing?.hearingOn || f.hasServedRecord
        ? []
        : [r('F3', '民事诉讼法 Art. 87', '尚无需要送达的文书', 'Nothing to serve yet')];
    case 'payment_reminder': {
      const fine = decisionFineFen(s);
      if (fine === 0) return [r('G3', '行政强制法 Art. 35', '本案没有罚款决定', 'No fine was decided')];
      if (!s.service) return [r('G1', '行政处罚法 Art. 67', '决定书尚未送达，缴款期限未起算', 'The decision was not served yet')];
      if (paidFen(s) >= fine) return [r('G3', '行政强制法 Art. 35', '罚款已缴清', 'The fine is paid')];
      const due = paymentDeadline(s.service.servedOn, ctx.calendar, s.enforcement.deferredUntil).due;
      return isAfter(ctx.today, due)
        ? []
        : [
            r(
              'G1',
              '行政处罚法 Art. 67; 行政强制法 Art. 35',
              `缴款期限至 ${due}，届满后方可催告`,
              `Payment is due by ${due}; a reminder only after that`,
            ),
          ];
    }
    case 'court_application': {
      if (decisionFineFen(s) === 0 || !s.service) return [r('G3', '行政强制法 Art. 53', '没有已送达的罚款决定', 'No served fine decision')];
      const w = courtEnforcementWindow(
        {
          decisionReceivedOn: s.service.servedOn,
          reviewOrLitigationFiled: s.enforcement.reviewOrLitigationFiled,
          ...(s.enforcement.reminderServedOn ? { reminderServedOn: s.enforcement.reminderServedOn } : {}),
          ...(s.enforcement.deferredUntil ? { deferralEndsOn: s.enforcement.deferredUntil } : {}),
          today: ctx.today,
        },
        ctx.calendar,
      );
      return w.canApplyToday ? [] : w.lines;
    }
    case 'closing_report':
      return s.dates.closedOn || s.state === 'closed' || s.state === 'archived' ? [] : [A6('案件尚未结案', 'The case is not closed')];
    case 'cash_receipt':
      return s.summary?.receiptNumber || s.summary?.collectedOn
        ? []
        : [r('B4', '行政处罚法 Art. 68, Art. 70', '本案没有当场收缴罚款', 'No on-the-spot collection')];
    case 'transfer_letter':
      return s.transfer ? [] : [r('C5', '行政处罚法 Art. 22, Art. 27', '案件尚未移送', 'The case has not been transferred')];
    case 'e_service_consent':
      return active ? [] : [r('F2', '行政处罚法 Art. 61', '案件已办结', 'The case has ended')];
    case 'offsite_notice':
      return f.offsiteSource
        ? []
        : [r('A5', '行政处罚法 Art. 41', '本案不是非现场执法案件（由电子技术监控设备记录）', 'Not an off-site (device-recorded) case')];
  }
}

export function documentAvailability(s: CaseSnapshot, facts: AvailabilityFacts, ctx: CaseContext): DocumentAvailability[] {
  return DOCUMENT_KINDS.map((kind) => {
    const reasons = reasonsFor(kind, s, facts, ctx);
    return { kind, allowed: reasons.length === 0, reasons, needsExtra: KINDS_NEEDING_EXTRA.has(kind) };
  });
}
