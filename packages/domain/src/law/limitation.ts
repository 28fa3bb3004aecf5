// C4 — the limitation period for penalties (追责时效).
import { addYears, assertLegalDate, isAfter, isBefore, type LegalDate } from '../calendar/legal-date.ts';
import { assertLegalInput } from './errors.ts';
import type { RuleLine } from './types.ts';

export type LimitationInput = {
  actDate: LegalDate;
  /** For a continuing or repeated violation: the day the act ended (or the check day if still going). */
  continuingUntil?: LegalDate;
  discoveredOn: LegalDate;
  /** 「涉及公民生命健康安全、金融安全且有危害后果的」: both must hold for 5 years. */
  involvesLifeHealthOrFinancialSafety: boolean;
  harmfulConsequence: boolean;
};

export type LimitationResult = {
  expired: boolean;
  /** The day the period starts from (the act day, or the end of a continuing act). */
  runsFrom: LegalDate;
  years: 2 | 5;
  /** The last day on which discovery is still in time. */
  lastDay: LegalDate;
  line: RuleLine;
};

/**
 * C4 — 处罚法 Art. 36: 「违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，
 * 上述期限延长至五年。法律另有规定的除外。前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，
 * 从行为终了之日起计算。」
 * Counted with 民法典 Arts. 201–202 (start day excluded, month-end rule). No holiday shift: discovery is not
 * an act of the party, and shifting would lengthen the agency's reach.
 */
export function limitationCheck(input: LimitationInput): LimitationResult {
  assertLegalDate(input.actDate, 'actDate');
  assertLegalDate(input.discoveredOn, 'discoveredOn');
  // The interval act → discovery cannot run backwards: an act is not discovered before it happened.
  assertLegalInput(
    !isBefore(input.discoveredOn, input.actDate),
    'discoveredOn',
    'C4',
    'the act is dated after its discovery',
    'LEGAL_INPUT_INVALID',
    '发现日期早于违法行为发生日期，请核对两个日期',
  );
  if (input.continuingUntil !== undefined) {
    assertLegalDate(input.continuingUntil, 'continuingUntil');
    assertLegalInput(
      !isBefore(input.continuingUntil, input.actDate),
      'continuingUntil',
      'C4',
      'must not be before the act date',
      'LEGAL_INPUT_INVALID',
      '违法行为终了日期早于发生日期，请核对两个日期',
    );
  }
  const runsFrom = input.continuingUntil ?? input.actDate;
  const years = input.involvesLifeHealthOrFinancialSafety && input.harmfulConsequence ? 5 : 2;
  const lastDay = addYears(runsFrom, years);
  const expired = isAfter(input.discoveredOn, lastDay);
  const from = input.continuingUntil ? `行为终了之日 ${runsFrom}` : `违法行为发生之日 ${runsFrom}`;
  return {
    expired,
    runsFrom,
    years,
    lastDay,
    line: {
      ruleId: 'C4',
      article: '行政处罚法 Art. 36',
      textZh: expired
        ? `自${from}起${years}年内（至 ${lastDay}）未被发现，不再给予行政处罚`
        : `在追责时效内：自${from}起${years}年，至 ${lastDay}`,
      textEn: expired
        ? `Not discovered within ${years} years of ${runsFrom} (last day ${lastDay}): no penalty may be imposed`
        : `Within the ${years}-year limitation period from ${runsFrom} (last day ${lastDay})`,
    },
  };
}
