// Guards after the decision: service (F1–F4), payment and enforcement (G1–G5), closing, archiving (A6).
import { isAfter, isBefore } from '../calendar/legal-date.ts';
import { courtEnforcementWindow, paymentDeadline } from '../law/enforcement.ts';
import { publicNoticeServiceDate } from '../law/procedure-deadlines.ts';
import type { CaseSnapshot, RecordKind } from './case-snapshot.ts';
import { decisionFineFen, paidFen } from './case-snapshot.ts';
import { accruedSurcharge, decisionReceivedOn } from './case.deadlines.ts';
import { block, blockFromLines } from './case.errors.ts';
import { actionDate, type CaseGuard } from './case.guards.ts';

/** 处罚法 Arts. 27, 57(4): a transfer outcome is carried out by `transfer`, not served as a penalty decision. */
export const notATransferOutcome: CaseGuard<'serveDecision'> = (s) =>
  s.decision?.outcome === 'transfer_judicial'
    ? block('E3', '行政处罚法 Art. 27, Art. 57', '决定移送司法机关的，应办理移送', 'A transfer outcome is carried out by the transfer step')
    : null;

/**
 * F1–F4 — 处罚法 Art. 61: 「宣告后当场交付当事人；当事人不在场的…依照《民事诉讼法》的有关规定…送达」; 「当事人同意并签订确认书的，
 * 行政机关可以采用传真、电子邮件等方式」; 民诉法 Art. 89 留置送达 (witness or photo/video); 沪条例 Art. 25 公告 「经过六十日，即视为送达」.
 */
export const serviceMethodValid: CaseGuard<'serveDecision'> = (s, input, ctx) => {
  if (!input) return null;
  const decided = s.decision?.decidedOn;
  switch (input.method) {
    case 'on_announcement':
      return decided && input.date !== decided
        ? block('F1', '行政处罚法 Art. 61', '宣告后当场交付须在决定当日', 'Hand-over on announcement happens on the decision day', 'date')
        : null;
    case 'electronic': {
      const consent = s.party.electronicServiceConsentOn;
      return consent && !isAfter(consent, input.date)
        ? null
        : block(
            'F2',
            '行政处罚法 Art. 61',
            '电子送达须当事人同意并签订确认书',
            'Electronic service needs the party’s signed consent',
            'method',
          );
    }
    case 'lien':
      return input.witnessOrMedia
        ? null
        : block(
            'F3',
            '民事诉讼法 Art. 89',
            '留置送达须有见证人签名或拍照、录像记录',
            'Lien service needs a witness or a photo/video record',
            'witnessOrMedia',
          );
    case 'public_notice': {
      if (!input.publishedOn)
        return block(
          'F4',
          '上海市城市管理行政执法条例 Art. 25',
          '公告送达须有公告日期',
          'Public-notice service needs the publication date',
          'publishedOn',
        );
      const deemed = publicNoticeServiceDate(input.publishedOn, ctx.calendar, ctx.config).due;
      return isBefore(input.date, deemed)
        ? block(
            'F4',
            '上海市城市管理行政执法条例 Art. 25',
            `公告送达自公告之日起经过六十日（${deemed}）视为送达`,
            `Deemed served on ${deemed}`,
            'date',
          )
        : null;
    }
    default:
      return null;
  }
};

/** G1 / G3 / G5 — enforcement starts after the payment period; court application inside the G3 window; no holidays. */
export const enforcementAllowed: CaseGuard<'startEnforcement'> = (s, input, ctx) => {
  const received = decisionReceivedOn(s);
  const on = actionDate(input, ctx);
  if (decisionFineFen(s) > 0 && received) {
    const due = paymentDeadline(received, ctx.calendar, s.enforcement.deferredUntil).due;
    if (!isAfter(on, due)) {
      return block(
        'G1',
        '行政处罚法 Art. 67, Art. 72',
        `缴款期限至 ${due}，期满未缴方可强制执行`,
        `The payment period runs until ${due}`,
        'date',
      );
    }
  }
  if (input?.kind === 'court_application') {
    if (!received) return block('G3', '行政强制法 Art. 53', '决定书尚未送达', 'The decision was not served');
    const w = courtEnforcementWindow(
      {
        decisionReceivedOn: received,
        reviewOrLitigationFiled: s.enforcement.reviewOrLitigationFiled,
        ...(s.enforcement.reminderServedOn ? { reminderServedOn: s.enforcement.reminderServedOn } : {}),
        ...(s.enforcement.deferredUntil ? { deferralEndsOn: s.enforcement.deferredUntil } : {}),
        today: on,
      },
      ctx.calendar,
    );
    if (!w.canApplyToday) return blockFromLines(w.lines, 'G3', 'date');
  }
  // G5 — 行政强制法 Art. 43: 「行政机关不得在夜间或者法定节假日实施行政强制执行。但是，情况紧急的除外。」
  if (input?.kind === 'on_site' && ctx.calendar.holidays.has(on) && !input.emergency) {
    return block(
      'G5',
      '行政强制法 Art. 43',
      `${on} 为法定节假日，不得实施强制执行（情况紧急的除外）`,
      `${on} is a statutory holiday`,
      'date',
    );
  }
  return null;
};

/** 处罚法 Art. 66: a 暂缓 / 分期 approval has a reason and ends after the approval day. */
export const deferralValid: CaseGuard<'approveDeferral'> = (s, input) => {
  if (decisionFineFen(s) === 0) return block('G1', '行政处罚法 Art. 66', '决定未处罚款', 'The decision imposes no fine');
  if (!input) return null;
  if (!input.reason.trim() || !isAfter(input.until, input.date)) {
    return block(
      'G1',
      '行政处罚法 Art. 66',
      '暂缓或分期缴纳须载明经济困难情况，期限晚于批准日',
      'A deferral states the hardship and ends after its approval',
      'until',
    );
  }
  return null;
};

/** Performance is complete before 结案: the fine and the G2 surcharge are paid, or enforcement ended; B2/B4 records for 当场 cases. */
export const performanceComplete: CaseGuard<'close'> = (s, input, ctx) => {
  const fine = decisionFineFen(s);
  const e = s.enforcement;
  const received = decisionReceivedOn(s);
  if (fine > 0 && !s.summary?.collectedOn && !e.completedOn && !e.terminatedOn) {
    const paid = paidFen(s);
    const due = received ? paymentDeadline(received, ctx.calendar, e.deferredUntil).due : undefined;
    const lastPaidOn =
      [...s.payments]
        .map((p) => p.paidOn)
        .sort()
        .at(-1) ?? actionDate(input, ctx);
    const extra = due ? accruedSurcharge(s, due, lastPaidOn).surchargeFen : 0;
    const owed = fine + Math.max(0, extra - e.surchargeReducedFen);
    if (paid < owed) {
      return block(
        'G2',
        '行政处罚法 Art. 67, Art. 72',
        `尚欠 ${(owed - paid) / 100} 元（罚款及加处罚款），未履行完毕不得结案`,
        `${(owed - paid) / 100} yuan (fine and surcharge) still owed`,
        'payments',
      );
    }
  }
  if (s.procedure !== 'summary') return null;
  if (!(input?.filedWithAgencyOn ?? s.summary?.filedWithAgencyOn) && input) {
    return block(
      'B2',
      '行政处罚法 Art. 52',
      '当场处罚决定书须报所属行政机关备案',
      'The on-the-spot decision must be filed with the agency',
      'filedWithAgencyOn',
    );
  }
  if (
    s.summary?.collectedOn &&
    input &&
    !((input.cashHandedInOn ?? s.summary.cashHandedInOn) && (input.bankDepositedOn ?? s.summary.bankDepositedOn))
  ) {
    return block(
      'B4',
      '行政处罚法 Art. 71',
      '当场收缴的罚款须交至行政机关并缴付指定银行',
      'Collected cash must be handed in and deposited',
      'cashHandedInOn',
    );
  }
  return null;
};

export type ArchiveStage = 'start' | 'investigation' | 'review' | 'decision' | 'service' | 'enforcement';

export const ARCHIVE_STAGE_RECORDS: Record<ArchiveStage, readonly RecordKind[]> = {
  start: ['registration', 'filing_approval', 'summary_decision_form'],
  investigation: ['evidence', 'inspection_record', 'questioning_record', 'investigation_report'],
  review: ['case_review', 'legal_review_opinion', 'deliberation_minutes'],
  decision: ['decision_document', 'summary_decision_form'],
  service: ['decision_service', 'summary_decision_form'],
  enforcement: ['payment_receipt', 'on_spot_receipt', 'enforcement_record'],
};

const STAGE_ZH: Record<ArchiveStage, string> = {
  start: '启动',
  investigation: '调查取证',
  review: '审核',
  decision: '决定',
  service: '送达',
  enforcement: '执行',
};

/** The stages of 处罚法 Art. 47 the case has reached. */
export function reachedStages(s: CaseSnapshot): ArchiveStage[] {
  const e = s.enforcement;
  const reached: [ArchiveStage, boolean][] = [
    ['start', true],
    ['investigation', s.dates.filedOn !== undefined],
    ['review', s.dates.caseReviewedOn !== undefined],
    ['decision', s.decision !== undefined],
    ['service', s.service !== undefined || (s.procedure === 'summary' && s.decision !== undefined)],
    ['enforcement', s.payments.length > 0 || !!(s.summary?.collectedOn || e.reminderServedOn || e.courtAppliedOn || e.completedOn)],
  ];
  return reached.filter(([, r]) => r).map(([stage]) => stage);
}

/** A6 — 处罚法 Art. 47: 「对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存」. */
export const stagesRecorded: CaseGuard<'archive'> = (s) => {
  const kinds = new Set(s.records.map((r) => r.kind));
  const missing = reachedStages(s).filter((stage) => !ARCHIVE_STAGE_RECORDS[stage].some((k) => kinds.has(k)));
  if (missing.length === 0) return null;
  return block(
    'A6',
    '行政处罚法 Art. 47',
    `缺少以下环节的记录：${missing.map((m) => STAGE_ZH[m]).join('、')}`,
    `Records missing for: ${missing.join(', ')}`,
    'records',
  );
};

/** A6 / 处罚法 Art. 40 「违法事实不清、证据不足的，不得给予行政处罚」: the investigation produced at least one record. */
