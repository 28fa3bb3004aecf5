// Guards of 事先告知, 陈述申辩 and 听证 (D1, D3–D6): the notice, the statement review and the hearing steps.
import { isAfter, isBefore, type LegalDate } from '../calendar/legal-date.ts';
import { hearingRightRequired, type ProposedPenalty } from '../law/pre-decision.ts';
import { hearingNoticeLatestDate, hearingRequestDeadline } from '../law/procedure-deadlines.ts';
import type { RuleRequirement } from '../law/types.ts';
import type { CaseContext, CaseSnapshot } from './case-snapshot.ts';
import { block, blockFromLines } from './case.errors.ts';
import { actionDate, penaltyGuards, type CaseGuard } from './case.guards.ts';

export function hearingRight(s: CaseSnapshot, p: ProposedPenalty, ctx: CaseContext): RuleRequirement {
  return hearingRightRequired(
    {
      ...p,
      partyType: s.party.type,
      otherSeriousPenalty: s.flags.otherSeriousPenalty,
      ...(s.flags.otherHearingTrigger ? { otherLegalTrigger: s.flags.otherHearingTrigger } : {}),
    },
    ctx.config,
  );
}

/** D1 — 处罚法 Art. 44: 告知 「拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利」. */
export const priorNoticeComplete: CaseGuard<'issuePriorNotice'> = (_s, input) => {
  const c = input?.contents;
  if (!c) return null;
  const missing = [
    [c.proposedPenaltyStated, '拟作出的处罚内容'],
    [c.factsStated, '事实'],
    [c.reasonsStated, '理由'],
    [c.legalBasisStated, '依据'],
    [c.statementRightsStated, '陈述、申辩权利'],
  ].filter(([ok]) => !ok);
  if (missing.length === 0) return null;
  const what = missing.map(([, zh]) => zh).join('、');
  return block('D1', '行政处罚法 Art. 44', `事先告知书缺少：${what}`, 'The prior notice lacks required contents', 'contents');
};

/** D4 — 处罚法 Art. 63: for the listed penalties 「应当告知当事人有要求听证的权利」. */
export const hearingRightInNotice: CaseGuard<'issuePriorNotice'> = (s, input, ctx) => {
  if (!input) return null;
  const r = hearingRight(s, input.proposed, ctx);
  if (!r.required || input.contents.hearingRightStated) return null;
  return blockFromLines(
    [
      ...r.lines,
      {
        ruleId: 'D4',
        article: '行政处罚法 Art. 63',
        textZh: '事先告知书须载明听证权利',
        textEn: 'The notice must state the hearing right',
      },
    ],
    'D4',
    'contents.hearingRightStated',
  );
};

export const noticePenaltyGuards = penaltyGuards<'issuePriorNotice'>(
  (s, input) => input?.proposed ?? (s.proposal?.outcome === 'penalty' ? (s.proposal.penalty ?? null) : null),
);

export function statementsAfterNotice(s: CaseSnapshot): LegalDate[] {
  const served = s.priorNotice?.servedOn;
  return served ? s.statementsOn.filter((d) => !isBefore(d, served)) : [];
}

/** D3 — 处罚法 Art. 45: 「对当事人提出的事实、理由和证据，应当进行复核」: there is a statement to review. */
export const statementToReview: CaseGuard<'reviewStatement'> = (s) =>
  statementsAfterNotice(s).length > 0
    ? null
    : block('D3', '行政处罚法 Art. 45', '当事人尚未提出陈述、申辩，无需复核', 'There is no statement to review');

/** D4 — the party may request a hearing only for a penalty that carries the right (处罚法 Art. 63). */
export const hearingRightExists: CaseGuard<'requestHearing'> = (s, _input, ctx) => {
  const n = s.priorNotice;
  if (!n || n.contents.hearingRightStated || hearingRight(s, n.proposed, ctx).required) return null;
  return block(
    'D4',
    '行政处罚法 Art. 63',
    '拟作出的处罚不属于应当告知听证的情形',
    'The proposed penalty carries no hearing right',
    'priorNotice',
  );
};

/** D5 — 处罚法 Art. 64(1): 「当事人要求听证的，应当在行政机关告知后五日内提出」 (5 working days, Art. 85). */
export const hearingRequestInTime: CaseGuard<'requestHearing'> = (s, input, ctx) => {
  const n = s.priorNotice;
  if (!n) return null;
  const d = hearingRequestDeadline(n.servedOn, ctx.calendar);
  const on = actionDate(input, ctx);
  if (!isAfter(on, d.due)) return null;
  return block(
    'D5',
    '行政处罚法 Art. 64, Art. 85',
    `听证申请期限已于 ${d.due} 届满（告知送达 ${n.servedOn} 后五个工作日）`,
    `The hearing request period ended on ${d.due}`,
    'date',
  );
};

/**
 * D6 — 处罚法 Art. 64: 「（二）行政机关应当在举行听证的七日前，通知当事人…」; 「（四）听证由行政机关指定的非本案调查人员主持」;
 * 「（五）当事人可以亲自参加听证，也可以委托一至二人代理」; 「（三）除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行」.
 */
export const hearingNoticeValid: CaseGuard<'scheduleHearing'> = (s, input, ctx) => {
  if (!input) return null;
  const latest = hearingNoticeLatestDate(input.hearingOn, ctx.calendar).due;
  if (isAfter(input.date, latest)) {
    return block(
      'D6',
      '行政处罚法 Art. 64, Art. 85',
      `听证通知须在 ${latest} 前送达（听证日 ${input.hearingOn} 前七个工作日）`,
      `The hearing notice must be served by ${latest}`,
      'hearingOn',
    );
  }
  if (s.officers.some((o) => o.id === input.chairOfficerId)) {
    return block(
      'D6',
      '行政处罚法 Art. 64',
      '听证主持人不得为本案调查人员',
      'The chair may not be an investigator of the case',
      'chairOfficerId',
    );
  }
  if (!Number.isInteger(input.agentCount) || input.agentCount < 0 || input.agentCount > 2) {
    return block('D6', '行政处罚法 Art. 64', '当事人可以委托一至二人代理', 'At most two agents', 'agentCount');
  }
  if (!input.publicHearing && !input.secretOrPrivacy) {
    return block(
      'D6',
      '行政处罚法 Art. 64',
      '除涉及国家秘密、商业秘密或者个人隐私外，听证公开举行',
      'The hearing is public unless secrets or privacy are involved',
      'publicHearing',
    );
  }
  return null;
};

/** The hearing is recorded or ended on or after its day (Art. 64). */
export const notBeforeHearingDay: CaseGuard<'recordHearing' | 'terminateHearing'> = (s, input, ctx) => {
  const day = s.hearing?.hearingOn;
  if (!day || (input && 'reason' in input && input.reason === 'withdrawn')) return null;
  const on = actionDate(input, ctx);
  return isBefore(on, day) ? block('D6', '行政处罚法 Art. 64', `听证日为 ${day}`, `The hearing is on ${day}`, 'date') : null;
};

/** D6 — 处罚法 Art. 64(8): 「听证笔录应当交当事人或者其代理人核对无误后签字或者盖章…拒绝签字或者盖章的，由听证主持人在笔录中注明」. */
export const hearingRecordSigned: CaseGuard<'recordHearing'> = (_s, input) =>
  !input || input.recordSignedByParty || input.refusalNotedByChair
    ? null
    : block(
        'D6',
        '行政处罚法 Art. 64',
        '听证笔录须由当事人或代理人签字，或由主持人注明拒签',
        'The hearing record needs the party’s signature or the chair’s refusal note',
        'recordSignedByParty',
      );
