// What the party sees of his case in the portal (当事人门户): the deadlines that concern him, with the days left,
// the state in plain words, and whether the portal still accepts his statement. Pure: today, the calendar and the
// configuration come in the CaseContext; every deadline comes from the legal engine.
import { daysBetween, isAfter, type LegalDate } from '../calendar/legal-date.ts';
import { CD, MONTHS, deadline } from '../law/deadlines.ts';
import { statementPeriodDeadline } from '../law/procedure-deadlines.ts';
import type { Fen, LegalBasis } from '../law/types.ts';
import type { CaseState, MachineState } from '../cases/case-states.ts';
import type { CaseContext, CaseSnapshot } from '../cases/case-snapshot.ts';
import { decisionReceivedOn, runningDeadlines } from '../cases/case.deadlines.ts';

export type PartyDeadlineKind = 'statement' | 'hearing_request' | 'payment' | 'review' | 'litigation';

/** open: still running; done: he acted in time; passed: the day is over without his act. */
export type PartyDeadlineState = 'open' | 'done' | 'passed';

export type PartyDeadline = {
  kind: PartyDeadlineKind;
  titleZh: string;
  dueDate: LegalDate;
  /** Calendar days from today to the due date (0 = today is the last day; negative = passed). */
  daysLeft: number;
  state: PartyDeadlineState;
  basis: LegalBasis;
  doneOn?: LegalDate;
  /** G2 加处罚款 accrued as of today. */
  surchargeFen?: Fen;
};

const TITLE: Record<PartyDeadlineKind, string> = {
  statement: '陈述、申辩期限',
  hearing_request: '申请听证期限',
  payment: '缴纳罚款期限',
  review: '申请行政复议期限',
  litigation: '提起行政诉讼期限',
};

function partyState(due: LegalDate, doneOn: LegalDate | undefined, today: LegalDate): PartyDeadlineState {
  if (doneOn !== undefined) return 'done';
  return isAfter(today, due) ? 'passed' : 'open';
}

/**
 * D2 statement period, D5 hearing request (when the notice stated the right), G1 payment with the G2 surcharge,
 * and J1 review (60 days, 复议法 Art. 20) / litigation (6 months, 行政诉讼法 Art. 46) from the day he received the
 * decision. For a 当场 decision (B3) review comes first: only the review period is shown.
 */
export function partyDeadlines(s: CaseSnapshot, ctx: CaseContext): PartyDeadline[] {
  const out: PartyDeadline[] = [];
  for (const d of runningDeadlines(s, ctx)) {
    if (d.kind !== 'statement' && d.kind !== 'hearing_request' && d.kind !== 'payment') continue;
    // A window that ran without a statement (state 'met' for the agency) is 'passed' for him; a statement made
    // inside the period counts as done.
    let doneOn = d.doneOn;
    if (d.kind === 'statement' && doneOn === undefined && s.priorNotice) {
      doneOn = s.statementsOn.find((x) => !isAfter(s.priorNotice!.servedOn, x) && !isAfter(x, d.dueDate));
    }
    const e: PartyDeadline = {
      kind: d.kind,
      titleZh: TITLE[d.kind],
      dueDate: d.dueDate,
      daysLeft: daysBetween(ctx.today, d.dueDate),
      state: partyState(d.dueDate, doneOn, ctx.today),
      basis: d.basis,
    };
    if (doneOn !== undefined) e.doneOn = doneOn;
    if (d.surchargeFen !== undefined) e.surchargeFen = d.surchargeFen;
    out.push(e);
  }
  const received = decisionReceivedOn(s);
  if (received && s.decision && s.decision.outcome !== 'transfer_judicial') {
    const summary = s.procedure === 'summary';
    const review = deadline(received, CD(60), ctx.calendar, {
      ruleId: summary ? 'B3' : 'J1',
      articles: summary ? ['行政复议法 Art. 20', '行政复议法 Art. 23'] : ['行政复议法 Art. 20'],
      text: summary
        ? '对当场作出的行政处罚决定不服的，应当先申请行政复议：自收到决定书之日起六十日内'
        : '自收到行政处罚决定书之日起六十日内可以申请行政复议',
    });
    const filed = s.enforcement.reviewOrLitigationFiled;
    out.push({
      kind: 'review',
      titleZh: TITLE.review,
      dueDate: review.due,
      daysLeft: daysBetween(ctx.today, review.due),
      state: filed ? 'done' : partyState(review.due, undefined, ctx.today),
      basis: review.basis,
    });
    if (!summary) {
      const litigation = deadline(received, MONTHS(6), ctx.calendar, {
        ruleId: 'J1',
        articles: ['行政诉讼法 Art. 46'],
        text: '自收到行政处罚决定书之日起六个月内可以向人民法院提起行政诉讼',
      });
      out.push({
        kind: 'litigation',
        titleZh: TITLE.litigation,
        dueDate: litigation.due,
        daysLeft: daysBetween(ctx.today, litigation.due),
        state: filed ? 'done' : partyState(litigation.due, undefined, ctx.today),
        basis: litigation.basis,
      });
    }
  }
  return out;
}

/** The state in plain words for the party (not the officers' workflow names). */
export const PARTY_STATE_TEXT: Partial<Record<CaseState, string>> = {
  registered: '案件已登记，正在核查',
  filing_pending: '案件正在审批立案',
  investigating: '案件正在调查',
  investigation_concluded: '调查已结束，正在审核',
  case_reviewed: '案件正在审核',
  legal_review: '案件正在审核',
  deliberation: '案件正在审核',
  prior_notice_served: '已告知拟作出的处罚，您可以在期限内陈述、申辩',
  hearing_requested: '您已申请听证，等待听证通知',
  hearing_scheduled: '已通知听证，请按时参加',
  hearing_held: '听证已举行，等待处理决定',
  hearing_terminated: '听证已终止，等待处理决定',
  decided: '已作出处理决定，等待送达',
  decision_served: '处理决定已送达，请按期履行',
  enforcing: '处理决定执行中',
  closed: '案件已办结',
  archived: '案件已办结归档',
  suspended: '案件中止办理',
  not_filed: '不予立案',
  transferred: '案件已移送其他机关',
  summary_draft: '当场处罚办理中',
  summary_decided: '已当场作出处罚决定，请按期缴纳罚款',
  summary_paid: '罚款已缴纳',
  summary_collected: '罚款已当场收缴',
};

export function partyStateText(state: MachineState): string {
  return state === 'unregistered' ? '案件尚未登记' : (PARTY_STATE_TEXT[state] ?? '案件办理中');
}

export type PortalRefusal = { ruleId: string; article: string; messageZh: string; messageEn: string; dueDate: LegalDate };

/**
 * D2 — the portal takes the party's statement during the 陈述申辩 period of the notice (处罚法 Arts. 44–45, 62);
 * after it he is told the period ended and that the officer handling the case may still record what he says.
 * Returns null when the portal accepts it (the state machine still judges the step itself).
 */
export function portalStatementRefusal(s: CaseSnapshot, ctx: CaseContext): PortalRefusal | null {
  const n = s.priorNotice;
  if (!n) return null;
  const d = statementPeriodDeadline(n.servedOn, ctx.calendar, ctx.config);
  if (!isAfter(ctx.today, d.due)) return null;
  return {
    ruleId: 'D2',
    article: d.basis.articles.join(', '),
    dueDate: d.due,
    messageZh: `陈述、申辩期限已于 ${d.due} 届满（事先告知书送达 ${n.servedOn} 后 ${ctx.config.statementPeriodWorkingDays} 个工作日），网上已不能提交；如有正当理由，请联系承办机关`,
    messageEn: `The statement period ended on ${d.due}; contact the agency handling the case`,
  };
}
