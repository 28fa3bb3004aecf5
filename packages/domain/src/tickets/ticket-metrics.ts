// The four numbers the seeds report for 12345 tickets (seed 004 line 119, 浦东 2022: 「全年共受理、处置12345热线投诉
// 31070件…24小时先行联系率96.3%、及时办结率98.87%、实际解决率91.37%，市民满意率84.86%」). The seeds give the
// figures, not the formulas; the definitions below are ours, chosen so each rate is a share of the tickets received in
// the period (the seed reports all four against the year's 31070 受理 tickets) and each denominator holds only tickets
// whose outcome is known. Percentages are rounded to two decimals as the seed prints them (98.87%).
import type { SatisfactionLevel } from './ticket-callback.ts';

export type TicketFacts = {
  receivedAt: Date;
  /** False when the reporter left no contact (anonymous, or an officer's own discovery). */
  contactable: boolean;
  firstContactDueAt: Date;
  firstContactAt: Date | null;
  handlingDueAt: Date;
  repliedAt: Date | null;
  /** Returned (退单), referred out or merged into a parent: not counted in any rate. */
  excluded: boolean;
  /** The reporter's answer at 回访: was the problem actually solved? null when not asked or not answered. */
  resolved: boolean | null;
  satisfaction: SatisfactionLevel | null;
  /** 诉转案: a case was registered from the ticket. */
  convertedToCase?: boolean;
};

export type Rate = { numerator: number; denominator: number; percent: number | null };

export type TicketRates = {
  received: number;
  firstContact: Rate;
  onTime: Rate;
  resolution: Rate;
  satisfaction: Rate;
  /** 诉转案率 (seed 003: 29.6%): tickets converted into a case ÷ tickets received (not excluded). */
  conversion: Rate;
};

export type RateRules = {
  /** Levels counted as satisfied (U: 满意 + 基本满意, the usual 12345 evaluation). */
  satisfiedLevels: readonly SatisfactionLevel[];
};

export const DEFAULT_RATE_RULES: RateRules = { satisfiedLevels: ['satisfied', 'basically_satisfied'] };

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, percent: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100 };
}

/**
 * For the tickets received in a period (not excluded), at instant `at`:
 * - 24小时先行联系率 = contactable tickets contacted by their first-contact due instant ÷ contactable tickets whose
 *   first contact is done or whose 24 hours have run out (a ticket still inside its 24 hours is not yet counted);
 * - 及时办结率 = tickets replied by their handling due instant ÷ tickets replied, plus tickets unreplied past due;
 * - 实际解决率 = tickets the reporter called solved at 回访 ÷ tickets with a resolution answer;
 * - 市民满意率 = tickets rated at a satisfied level ÷ tickets with a satisfaction answer.
 */
export function ticketRates(facts: readonly TicketFacts[], at: Date, rules: RateRules = DEFAULT_RATE_RULES): TicketRates {
  let received = 0;
  let contactN = 0;
  let contactD = 0;
  let onTimeN = 0;
  let onTimeD = 0;
  let resolvedN = 0;
  let resolvedD = 0;
  let satisfiedN = 0;
  let satisfiedD = 0;
  let converted = 0;
  const now = at.getTime();
  for (const f of facts) {
    if (f.excluded) continue;
    received += 1;
    if (f.convertedToCase) converted += 1;
    if (f.contactable) {
      const due = f.firstContactDueAt.getTime();
      if (f.firstContactAt) {
        contactD += 1;
        if (f.firstContactAt.getTime() <= due) contactN += 1;
      } else if (now > due) {
        contactD += 1;
      }
    }
    const handlingDue = f.handlingDueAt.getTime();
    if (f.repliedAt) {
      onTimeD += 1;
      if (f.repliedAt.getTime() <= handlingDue) onTimeN += 1;
    } else if (now > handlingDue) {
      onTimeD += 1;
    }
    if (f.resolved !== null) {
      resolvedD += 1;
      if (f.resolved) resolvedN += 1;
    }
    if (f.satisfaction !== null) {
      satisfiedD += 1;
      if (rules.satisfiedLevels.includes(f.satisfaction)) satisfiedN += 1;
    }
  }
  return {
    received,
    firstContact: rate(contactN, contactD),
    onTime: rate(onTimeN, onTimeD),
    resolution: rate(resolvedN, resolvedD),
    satisfaction: rate(satisfiedN, satisfiedD),
    conversion: rate(converted, received),
  };
}
