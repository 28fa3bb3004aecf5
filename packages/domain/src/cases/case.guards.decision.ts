// Guards of the decision (处罚法 Art. 57): C1, D1–D3, D5, D7 as they bear on the decision, E1–E4, E7, E8, E10.
import { compareDates, isAfter, isBefore } from '../calendar/legal-date.ts';
import { collectiveDeliberationRequired, isDecisionOutcome, legalReviewRequired, type DecisionOutcome } from '../law/decision.ts';
import { educationFirst, firstViolationExemption } from '../law/exemptions.ts';
import { noHeavierPenalty, type ProposedPenalty } from '../law/pre-decision.ts';
import { earliestDecisionDate, hearingRequestDeadline } from '../law/procedure-deadlines.ts';
import type { CaseActionInput } from './case-inputs.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { decisionClock } from './case.deadlines.ts';
import { block, blockFromLines } from './case.errors.ts';
import { statementsAfterNotice } from './case.guards.hearing.ts';
import { actionDate, penaltyGuards, type CaseGuard } from './case.guards.ts';

type Decide = CaseActionInput<'decide'>;

export function decisionOutcome(s: CaseSnapshot, input: Decide | undefined): DecisionOutcome | undefined {
  return input?.outcome ?? s.proposal?.outcome;
}

/** The penalty at stake in a decision: null unless the outcome is PENALTY. */
export function decisionPenalty(s: CaseSnapshot, input: Decide | undefined): ProposedPenalty | null {
  if (decisionOutcome(s, input) !== 'penalty') return null;
  return input?.penalty ?? s.proposal?.penalty ?? null;
}

/** C1 — 处罚法 Art. 54: a 普通程序 case is filed (立案) on or before the decision. */
export const filedBeforeDecision: CaseGuard<'decide'> = (s, input, ctx) => {
  const filed = s.dates.filedOn;
  if (filed && !isAfter(filed, actionDate(input, ctx))) return null;
  return block('C1', '行政处罚法 Art. 54', '未立案不得作出处罚决定', 'No decision without a filing on or before it', 'dates.filedOn');
};

/** E3 — 处罚法 Art. 57: one of the four outcomes; a PENALTY names its penalties. */
export const outcomeValid: CaseGuard<'decide'> = (s, input) => {
  const outcome = decisionOutcome(s, input);
  if (outcome === undefined && !input) return null;
  if (outcome === undefined || !isDecisionOutcome(outcome)) {
    return block(
      'E3',
      '行政处罚法 Art. 57',
      '决定须为：给予处罚、不予处罚（轻微）、不予处罚（事实不成立）、移送司法机关',
      'The outcome must be one of the four of Art. 57',
      'outcome',
    );
  }
  if (outcome === 'penalty' && (decisionPenalty(s, input)?.penalties.length ?? 0) === 0) {
    return block('E3', '行政处罚法 Art. 57', '给予处罚的决定须载明处罚种类', 'A penalty decision names its penalties', 'penalty');
  }
  return null;
};

/** D1 — 处罚法 Art. 62: without the Art. 44 告知 「不得作出行政处罚决定」. */
export const priorNoticeServed: CaseGuard<'decide'> = (s, input, ctx) => {
  if (!decisionPenalty(s, input)) return null;
  const n = s.priorNotice;
  if (n && !isAfter(n.servedOn, actionDate(input, ctx))) return null;
  return block(
    'D1',
    '行政处罚法 Art. 44, Art. 62',
    '未送达事先告知书，不得作出行政处罚决定',
    'No penalty decision before a prior notice was served',
    'priorNotice',
  );
};

/** D2 — 处罚法 Art. 62: decide only after the 陈述申辩 period, 「当事人明确放弃陈述或者申辩权利的除外」. */
export const statementPeriodOver: CaseGuard<'decide'> = (s, input, ctx) => {
  const n = s.priorNotice;
  if (!decisionPenalty(s, input) || !n) return null;
  const waived = s.statementWaivedOn !== undefined && !isBefore(s.statementWaivedOn, n.servedOn);
  const earliest = earliestDecisionDate(n.servedOn, ctx.calendar, ctx.config, waived);
  if (!isBefore(actionDate(input, ctx), earliest)) return null;
  return block(
    'D2',
    '行政处罚法 Art. 44, Art. 62',
    `陈述申辩期间未届满，${earliest} 起方可作出决定（当事人明确放弃的除外）`,
    `The statement period runs; decide from ${earliest} unless waived`,
    'date',
  );
};

/** D5 — a notified hearing right is not cut short: decide after the 5-working-day window unless requested or waived. */
export const hearingWindowOver: CaseGuard<'decide'> = (s, input, ctx) => {
  const n = s.priorNotice;
  if (!decisionPenalty(s, input) || !n?.contents.hearingRightStated) return null;
  const requested = s.hearing && !isBefore(s.hearing.requestedOn, n.servedOn);
  const waived = s.hearingWaivedOn !== undefined && !isBefore(s.hearingWaivedOn, n.servedOn);
  const due = hearingRequestDeadline(n.servedOn, ctx.calendar).due;
  if (requested || waived || isAfter(actionDate(input, ctx), due)) return null;
  return block(
    'D5',
    '行政处罚法 Art. 64',
    `听证申请期限至 ${due}，期满前不得作出决定`,
    `The hearing request period runs until ${due}`,
    'date',
  );
};

/** D3 — 处罚法 Art. 45: 「行政机关不得因当事人陈述、申辩而给予更重的处罚」; statements are reviewed (复核) before deciding. */
export const notHeavierAndReviewed: CaseGuard<'decide'> = (s, input, ctx) => {
  const p = decisionPenalty(s, input);
  const n = s.priorNotice;
  if (!p || !n) return null;
  const heavier = noHeavierPenalty(n.proposed, p);
  if (!heavier.allowed) return blockFromLines(heavier.lines, 'D3', 'penalty');
  const last = statementsAfterNotice(s).sort(compareDates).at(-1);
  const on = actionDate(input, ctx);
  const reviewed = last === undefined || s.statementReviewsOn.some((d) => !isBefore(d, last) && !isAfter(d, on));
  return reviewed
    ? null
    : block(
        'D3',
        '行政处罚法 Art. 45',
        '当事人提出了陈述、申辩，须先复核',
        'The party’s statement must be reviewed first',
        'statementReviewsOn',
      );
};

/** D7 — 处罚法 Art. 65: 「听证结束后，行政机关应当根据听证笔录，依照本法第五十七条的规定，作出决定。」 */
export const citesHearingRecord: CaseGuard<'decide'> = (s, input) =>
  !input || !s.hearing?.heldOn || input.citesHearingRecord
    ? null
    : block(
        'D7',
        '行政处罚法 Art. 65',
        '听证后作出的决定须依据听证笔录',
        'A decision after a hearing cites the hearing record',
        'citesHearingRecord',
      );

/**
 * The hearing procedure ran or was given up (Shanghai E1 「经过听证程序的（包括当事人放弃听证的）」): the hearing right
 * was notified and the party then had the hearing, did not come (视为放弃, Art. 64), waived it, or let the five working
 * days pass without asking — a decision is refused before then (D5). The decision itself may not add a penalty the
 * notice did not carry (D3), so the notified right covers it.
 */
export function hearingHeldOrWaived(s: CaseSnapshot): boolean {
  return (
    s.priorNotice?.contents.hearingRightStated === true ||
    s.hearing?.heldOn !== undefined ||
    s.hearing?.terminatedOn !== undefined ||
    s.hearingWaivedOn !== undefined
  );
}

/** E1 — 处罚法 Art. 58: 「未经法制审核或者审核未通过的，不得作出决定」; after a hearing the review follows it. */
export const legalReviewPassed: CaseGuard<'decide'> = (s, input, ctx) => {
  const outcome = decisionOutcome(s, input);
  const p = decisionPenalty(s, input);
  const heldOn = s.hearing?.heldOn;
  const r = legalReviewRequired(
    {
      majorPublicInterest: s.flags.majorPublicInterest,
      majorRightsAfterHearing: s.flags.majorRightsOfPartyOrThirdParty && heldOn !== undefined,
      complexMultipleLegalRelationships: s.flags.complexMultipleLegalRelationships,
      ...(s.flags.lawRequiresLegalReview ? { lawRequires: s.flags.lawRequiresLegalReview } : {}),
      partyType: s.party.type,
      penalties: p?.penalties ?? [],
      fineFen: p?.fineFen ?? 0,
      confiscationFen: p?.confiscationFen ?? 0,
      otherSeriousPenalty: s.flags.otherSeriousPenalty,
      ...(s.flags.otherHearingTrigger ? { otherHearingTrigger: s.flags.otherHearingTrigger } : {}),
      hearingHeldOrWaived: hearingHeldOrWaived(s),
      reducedPenalty: p !== null && s.flags.reducedPenalty,
      transferForSuspectedCrime: outcome === 'transfer_judicial',
    },
    ctx.config,
  );
  if (!r.required) return null;
  const on = actionDate(input, ctx);
  const latest = [...s.legalReviews]
    .filter((v) => !isAfter(v.reviewedOn, on))
    .sort((a, b) => compareDates(a.reviewedOn, b.reviewedOn))
    .at(-1);
  if (latest?.result === 'pass' && (!heldOn || !isBefore(latest.reviewedOn, heldOn))) return null;
  return blockFromLines(r.lines, 'E1', 'legalReviews');
};

/** E2 — 处罚法 Art. 57: 「对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。」 */
export const deliberationHeld: CaseGuard<'decide'> = (s, input, ctx) => {
  const p = decisionPenalty(s, input);
  if (!p) return null;
  const r = collectiveDeliberationRequired(
    { complex: s.flags.complex, partyType: s.party.type, penalties: p.penalties, fineFen: p.fineFen ?? 0 },
    ctx.config,
  );
  if (!r.required) return null;
  const on = actionDate(input, ctx);
  const after = s.hearing?.heldOn ?? s.dates.filedOn;
  const held = s.deliberationsOn.some((d) => !isAfter(d, on) && (!after || !isBefore(d, after)));
  return held ? null : blockFromLines(r.lines, 'E2', 'deliberationsOn');
};

/** E4 — 处罚法 Art. 60: 「自行政处罚案件立案之日起九十日内作出行政处罚决定」 (suspensions not counted; extensions with a legal basis). */
export const withinDecisionDeadline: CaseGuard<'decide'> = (s, input, ctx) => {
  const clock = decisionClock(s, ctx);
  const on = actionDate(input, ctx);
  if (!clock || !isAfter(on, clock.deadline.due)) return null;
  return block(
    'E4',
    '行政处罚法 Art. 60',
    `决定期限已于 ${clock.deadline.due} 届满；须有载明法律依据的延期批准`,
    `The decision deadline passed on ${clock.deadline.due}; an extension with a legal basis is required`,
    'date',
  );
};

/** E7 — 处罚法 Art. 33: 「对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。」 */
export const educationOnNoPenalty: CaseGuard<'decide'> = (_s, input) =>
  !input || input.outcome !== 'no_penalty_minor' || input.educationRecorded
    ? null
    : block(
        'E7',
        '行政处罚法 Art. 33',
        '依法不予行政处罚的，应当对当事人进行教育（须有教育记录）',
        'A no-penalty decision needs an education record',
        'educationRecorded',
      );

/** E8 — 处罚法 Art. 33: 「初次违法且危害后果轻微并及时改正的，可以不予行政处罚」; a penalty anyway needs a reason. */
export const firstViolationConsidered: CaseGuard<'decide'> = (s, input) => {
  if (!input || !decisionPenalty(s, input)) return null;
  const r = firstViolationExemption({
    firstViolation: s.flags.firstViolation,
    correctedPromptly: s.flags.correctedPromptly,
    harm: s.flags.harm,
  });
  if (!r.allowed || (input.reasonForPenaltyDespiteExemption ?? '').trim()) return null;
  return blockFromLines(r.lines, 'E8', 'reasonForPenaltyDespiteExemption');
};

/** E10 — 沪条例 Art. 18: minor or curable → educate and order correction first; a penalty only after a refusal. */
export const educationFirstDone: CaseGuard<'decide'> = (s, input) => {
  if (!decisionPenalty(s, input)) return null;
  const r = educationFirst({
    minorOrCurable: s.flags.minorOrCurable,
    normRequiresDirectPenalty: s.offence.requiresDirectPenalty,
    normFinesOnlyAfterRefusal: s.offence.finesOnlyAfterRefusal,
    correctionOrdered: s.flags.correctionOrdered,
    refusedToCorrect: s.flags.refusedToCorrect,
  });
  return r.allowed ? null : blockFromLines(r.lines, 'E10', 'flags.refusedToCorrect');
};

export const decisionPenaltyGuards = penaltyGuards<'decide'>(decisionPenalty);
