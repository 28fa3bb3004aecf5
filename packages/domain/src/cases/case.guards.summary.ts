// Guards of the summary procedure (简易程序 / 当场处罚, 处罚法 Arts. 51–53, 67–71): B1–B4 and payment (G1).
import { onTheSpotCollectionAllowed, summaryProcedureAllowed } from '../law/summary-procedure.ts';
import { decisionFineFen } from './case-snapshot.ts';
import { block, blockFromLines } from './case.errors.ts';
import { actionDate, type CaseGuard } from './case.guards.ts';

/** B1 — 处罚法 Art. 51: 公民 ≤ 200 元, 法人或者其他组织 ≤ 3,000 元 or 警告, facts certain with a legal basis. */
export const summaryAllowed: CaseGuard<'issueSummaryDecision'> = (s, input) => {
  const p = input?.penalty ?? s.proposal?.penalty;
  if (!p) return null;
  const r = summaryProcedureAllowed({
    partyType: s.party.type,
    penalties: p.penalties,
    ...(p.fineFen !== undefined ? { fineFen: p.fineFen } : {}),
    factsCertain: s.flags.factsCertain,
    legalBasisPresent: s.flags.legalBasisPresent,
    ...(s.flags.summaryLawOverride ? { lawOverride: s.flags.summaryLawOverride } : {}),
  });
  return r.allowed ? null : blockFromLines(r.lines, 'B1', 'penalty');
};

/**
 * B2 — 处罚法 Art. 52: 「填写预定格式、编有号码的行政处罚决定书」 stating 「当事人的违法行为，行政处罚的种类和依据、罚款数额、时间、地点，
 * 申请行政复议、提起行政诉讼的途径和期限以及行政机关名称，并由执法人员签名或者盖章」; 「当事人拒绝签收的，应当在行政处罚决定书上注明」.
 */
export const summaryFormComplete: CaseGuard<'issueSummaryDecision'> = (_s, input) => {
  const f = input?.form;
  if (!f) return null;
  const fine = input.penalty.penalties.includes('fine');
  const ok =
    f.serialNumber.trim() !== '' &&
    f.violationStated &&
    f.penaltyTypeStated &&
    f.legalBasisStated &&
    (!fine || f.fineAmountStated) &&
    f.timeStated &&
    f.placeStated &&
    f.agencyNameStated &&
    f.officersSignedOrSealed &&
    (f.partySigned || f.refusalNoted);
  return ok
    ? null
    : block(
        'B2',
        '行政处罚法 Art. 52',
        '当场处罚决定书缺少法定事项、编号、签名或拒签注明',
        'The on-the-spot decision form lacks a statutory item, its number or a signature/refusal note',
        'form',
      );
};

/** B3 — 行政复议法 Art. 23: 对当场作出的行政处罚决定不服 → 「应当先向行政复议机关申请行政复议」, and the form must say so. */
export const summaryRemedyReviewFirst: CaseGuard<'issueSummaryDecision'> = (_s, input) =>
  !input || /先.*申请行政复议/.test(input.form.remedyText)
    ? null
    : block(
        'B3',
        '行政复议法 Art. 23',
        '当场处罚决定书须告知应当先申请行政复议',
        'The form must state that administrative review comes first',
        'form.remedyText',
      );

/** B4 — 处罚法 Arts. 68–70: 当场收缴 only for ≤ 100 元 or when hard to enforce later (or remote area on request), with a 专用票据. */
export const onTheSpotCollection: CaseGuard<'collectOnSpot'> = (s, input, ctx) => {
  const fine = decisionFineFen(s);
  if (fine === 0) return block('B4', '行政处罚法 Art. 68', '决定未处罚款，无可收缴', 'The decision imposes no fine');
  if (!input) return null;
  const r = onTheSpotCollectionAllowed({ procedure: 'summary', fineFen: fine, ...input });
  if (!r.allowed) return blockFromLines(r.lines, 'B4', 'receiptNumber');
  const decided = s.decision?.decidedOn;
  if (decided && actionDate(input, ctx) !== decided && !input.remoteArea) {
    return block(
      'B4',
      '行政处罚法 Art. 68',
      `当场收缴须在作出决定当场（${decided}）进行`,
      `On-the-spot collection happens on the decision day ${decided}`,
      'date',
    );
  }
  return null;
};

/** G1 — 处罚法 Art. 67: the fine is paid in full (partial payments stay in `enforcing`). */
export const paysTheFine: CaseGuard<'recordSummaryPayment' | 'recordPayment'> = (s, input) => {
  const fine = decisionFineFen(s);
  if (fine === 0) return block('G1', '行政处罚法 Art. 67', '决定未处罚款', 'The decision imposes no fine');
  if (!input || input.amountFen > 0) return null;
  return block('G1', '行政处罚法 Art. 67', '缴款金额须大于零', 'The amount must be positive', 'amountFen');
};

export const summaryPaidInFull: CaseGuard<'recordSummaryPayment'> = (s, input) =>
  !input || input.amountFen >= decisionFineFen(s)
    ? null
    : block('G1', '行政处罚法 Art. 67', '须足额缴纳罚款', 'The fine must be paid in full', 'amountFen');
