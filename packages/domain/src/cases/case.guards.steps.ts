// Guards of the side steps: filing (C4, E6), end of investigation (A6), legal reviewer (E1), extension (E4), transfer.
import { isAfter } from '../calendar/legal-date.ts';
import { decisionClock } from './case.deadlines.ts';
import { block } from './case.errors.ts';
import { ARCHIVE_STAGE_RECORDS } from './case.guards.closing.ts';
import { limitationNotExpired, type CaseGuard } from './case.guards.ts';

/** A6 / 处罚法 Art. 40 「违法事实不清、证据不足的，不得给予行政处罚」: the investigation produced at least one record. */
export const investigationRecorded: CaseGuard<'concludeInvestigation'> = (s) =>
  s.records.some((r) => ARCHIVE_STAGE_RECORDS.investigation.includes(r.kind))
    ? null
    : block('A6', '行政处罚法 Art. 40, Art. 47', '尚无证据或调查笔录，不得调查终结', 'No evidence or investigation record yet', 'records');

/** C4 at filing: an act discovered after the limitation period is not filed (不予立案). E6: an act already fined, under a fine-only norm. */
export const fileableAct: CaseGuard<'approveFiling'> = (s) => {
  const expired = limitationNotExpired(s);
  if (expired) return { ...expired, messageZh: `${expired.messageZh}；应不予立案`, messageEn: `${expired.messageEn}; reject the filing` };
  if (s.act.priorFineDecisionCount > 0 && s.offence.penaltyTypes.every((t) => t === 'fine')) {
    return block(
      'E6',
      '行政处罚法 Art. 29',
      '同一违法行为已给予罚款，不得再次罚款（一事不再罚）',
      'This act was already fined; a second fine is barred',
      'act.actId',
    );
  }
  return null;
};

/** E4 — an extension of the 90 days cites its legal basis; one approved after the period ran out records why. */
export const extensionValid: CaseGuard<'extendDeadline'> = (s, input, ctx) => {
  if (!input) return null;
  if (!input.legalBasis.trim())
    return block('E4', '行政处罚法 Art. 60', '延长决定期限须载明法律依据', 'An extension must cite its legal basis', 'legalBasis');
  if (!Number.isInteger(input.period.n) || input.period.n <= 0)
    return block('E4', '行政处罚法 Art. 60', '延长期限须为正整数', 'The extension must be a positive period', 'period');
  const clock = decisionClock(s, ctx);
  if (clock && isAfter(input.date, clock.deadline.due) && !(input.lateReason ?? '').trim()) {
    return block(
      'E4',
      '行政处罚法 Art. 60',
      `决定期限已于 ${clock.deadline.due} 届满，逾期批准延长须说明理由`,
      `The period ended on ${clock.deadline.due}; a late extension needs a reason`,
      'lateReason',
    );
  }
  return null;
};

/** 处罚法 Art. 27 (涉嫌犯罪 → 司法机关) and Arts. 22, 25 (管辖) / 沪条例 Art. 14: who may transfer when. */
export const transferAllowed: CaseGuard<'transfer'> = (s, input) => {
  if (input && (!input.receivingBody.trim() || !input.reason.trim() || !input.legalBasis.trim())) {
    return block(
      'C5',
      '行政处罚法 Art. 27, Art. 22',
      '移送须载明接收机关、理由和依据',
      'A transfer names the receiving body, the reason and the legal basis',
      'receivingBody',
    );
  }
  const decided = s.decision;
  if (decided) {
    return decided.outcome === 'transfer_judicial' && (!input || input.kind === 'judicial')
      ? null
      : block(
          'E3',
          '行政处罚法 Art. 57',
          '已作出处罚或不予处罚决定的案件不得移送',
          'A decided case is transferred only on a transfer decision',
          'kind',
        );
  }
  if (input?.kind === 'judicial' && s.dates.filedOn) {
    return block(
      'E3',
      '行政处罚法 Art. 57',
      '已立案的案件移送司法机关，须由负责人作出移送决定',
      'A filed case goes to the judicial organs by a transfer decision (decide)',
      'kind',
    );
  }
  return null;
};

/** E1 — 处罚法 Art. 58: 「行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。」 */
export const reviewerQualified: CaseGuard<'completeLegalReview'> = (_s, input) =>
  !input || !input.reviewerFirstTime || input.reviewerHasLegalQualification
    ? null
    : block(
        'E1',
        '行政处罚法 Art. 58',
        '初次从事法制审核的人员须取得法律职业资格',
        'A first-time reviewer needs the legal professional qualification',
        'reviewerHasLegalQualification',
      );
