// 处罚法 Art. 37 — 从旧兼从轻: which version of a rule judges the act.
import { assertLegalDate, compareDates, isAfter, isBefore, type LegalDate } from '../calendar/legal-date.ts';
import { LegalInputError } from './errors.ts';
import type { Fen, PenaltyType, RuleLine } from './types.ts';

export type RuleVersion = {
  versionId: string;
  /** How officers know the version, e.g. 「2019年7月1日起施行的版本」; defaults to one built from the effective date. */
  label?: string;
  effectiveFrom: LegalDate;
  /** Last day in force (inclusive); absent while still in force. */
  effectiveUntil?: LegalDate;
  /** False when this version no longer treats the act as illegal. */
  illegal: boolean;
  minFineFen: Fen;
  maxFineFen: Fen;
  /** Kinds of penalty the version provides; compared before the fines (Art. 37 「处罚较轻」). */
  penaltyTypes?: readonly PenaltyType[];
};

export type VersionChoiceReason =
  'act_date_version' | 'later_lighter' | 'no_longer_illegal' | 'repealed_without_successor' | 'no_version_at_act_date';

/**
 * `version`: the version that judges the act (for a repeal without successor, the repealed one, for reference).
 * `punishable`: false when no rule in force on the act date, or when by the decision date the rule no longer treats the
 * act as illegal or was repealed with no successor — the act may then not be punished (Art. 37).
 */
export type VersionChoice<T extends RuleVersion> = { version: T | null; reason: VersionChoiceReason; punishable: boolean; line: RuleLine };

/** Repeal before effect and overlapping versions are errors naming the field. */
export function assertVersionsValid(versions: readonly RuleVersion[], field = 'versions'): void {
  versions.forEach((v, i) => {
    assertLegalDate(v.effectiveFrom, `${field}[${i}].effectiveFrom`);
    if (v.effectiveUntil !== undefined) {
      assertLegalDate(v.effectiveUntil, `${field}[${i}].effectiveUntil`);
      if (isBefore(v.effectiveUntil, v.effectiveFrom)) {
        throw new LegalInputError(
          'VERSION_DATES_INVALID',
          `${field}[${i}].effectiveUntil`,
          'ART37',
          'the repeal date is before the effective date',
          '废止日期早于生效日期，请把废止日期改为生效日期当天或之后',
        );
      }
    }
  });
  const sorted = [...versions].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
  for (let i = 1; i < sorted.length; i += 1) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && (prev.effectiveUntil === undefined || !isBefore(prev.effectiveUntil, cur.effectiveFrom))) {
      throw new LegalInputError(
        'VERSIONS_OVERLAP',
        field,
        'ART37',
        `versions ${prev.versionId} and ${cur.versionId} overlap`,
        `两个版本的有效期重叠（${prev.effectiveFrom} 起与 ${cur.effectiveFrom} 起），请调整生效或废止日期`,
      );
    }
  }
}

export function versionInForce<T extends RuleVersion>(versions: readonly T[], on: LegalDate): T | undefined {
  return versions.find((v) => !isAfter(v.effectiveFrom, on) && (v.effectiveUntil === undefined || !isBefore(v.effectiveUntil, on)));
}

/**
 * Severity of the kinds of penalty, from 处罚法 Art. 9's groups: 申诫 （一） < 财产 （二） < 暂扣许可证件 and 限制开展生产经营活动
 * < the kinds that take a licence, a qualification, the business or the trade away, which Art. 63 (三)(四) marks as
 * heavy by giving them the hearing right. Within a level no order is assumed.
 */
const KIND_LEVEL: Readonly<Record<PenaltyType, number>> = {
  warning: 1,
  public_criticism: 1,
  fine: 2,
  confiscate_illegal_gains: 2,
  confiscate_illegal_property: 2,
  suspend_licence: 3,
  restrict_business: 3,
  lower_qualification: 4,
  revoke_licence: 4,
  order_suspension: 4,
  order_closure: 4,
  restrict_practice: 4,
};

/**
 * Art. 37 by kind: −1 when `a` provides lighter kinds than `b`, 1 when heavier, 0 when the kinds do not decide.
 * The kinds above 申诫 are compared heaviest first: a version that drops a kind (吊销, 停产停业 …) or whose heaviest
 * differing kind is less severe is lighter. 警告 / 通报批评 beside other kinds decide nothing (they are lighter than
 * anything else the version provides); the fines then decide.
 */
export function comparePenaltyKinds(a: readonly PenaltyType[], b: readonly PenaltyType[]): -1 | 0 | 1 {
  const levels = (kinds: readonly PenaltyType[]) =>
    [...new Set(kinds)]
      .map((k) => KIND_LEVEL[k])
      .filter((l) => l > 1)
      .sort((x, y) => y - x);
  const la = levels(a);
  const lb = levels(b);
  for (let i = 0; i < Math.max(la.length, lb.length); i += 1) {
    const x = la[i];
    const y = lb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Art. 37 「新的规定处罚较轻」: a version is lighter when it no longer makes the act illegal; else when it provides lighter
 * kinds of penalty (comparePenaltyKinds, when both versions list their kinds); else a lower maximum fine; else a lower
 * minimum fine.
 */
export function isLighter(candidate: RuleVersion, than: RuleVersion): boolean {
  if (!candidate.illegal) return than.illegal;
  if (!than.illegal) return false;
  if (candidate.penaltyTypes && than.penaltyTypes) {
    const byKind = comparePenaltyKinds(candidate.penaltyTypes, than.penaltyTypes);
    if (byKind !== 0) return byKind < 0;
  }
  if (candidate.maxFineFen !== than.maxFineFen) return candidate.maxFineFen < than.maxFineFen;
  return candidate.minFineFen < than.minFineFen;
}

function versionLabel(v: RuleVersion): string {
  return v.label ?? `${v.effectiveFrom}起施行的版本`;
}

function art37(textZh: string, textEn: string): RuleLine {
  return { ruleId: 'ART37', article: '行政处罚法 Art. 37', textZh, textEn };
}

/**
 * 处罚法 Art. 37: 「实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、法规、规章已被修改
 * 或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。」
 */
export function applicableVersion<T extends RuleVersion>(
  versions: readonly T[],
  actDate: LegalDate,
  decisionDate: LegalDate,
): VersionChoice<T> {
  assertVersionsValid(versions);
  assertLegalDate(actDate, 'actDate');
  assertLegalDate(decisionDate, 'decisionDate');
  if (isBefore(decisionDate, actDate)) {
    throw new LegalInputError(
      'LEGAL_INPUT_INVALID',
      'decisionDate',
      'ART37',
      'the decision date is before the act date',
      '决定日期早于违法行为发生日期，请核对两个日期',
    );
  }
  const atAct = versionInForce(versions, actDate);
  const atDecision = versionInForce(versions, decisionDate);
  if (!atAct) {
    return {
      version: null,
      reason: 'no_version_at_act_date',
      punishable: false,
      line: art37(`违法行为发生时（${actDate}）无有效规定，不得处罚`, `No rule in force on the act date ${actDate}: no penalty`),
    };
  }
  if (atDecision && atDecision !== atAct && isLighter(atDecision, atAct)) {
    const noLonger = !atDecision.illegal;
    return {
      version: atDecision,
      reason: noLonger ? 'no_longer_illegal' : 'later_lighter',
      punishable: !noLonger,
      line: noLonger
        ? art37(
            `作出决定时新规定（${versionLabel(atDecision)}）不认为是违法，适用新的规定`,
            `The rule in force at decision (${versionLabel(atDecision)}) no longer makes it illegal`,
          )
        : art37(
            `作出决定时新规定（${versionLabel(atDecision)}）处罚较轻，适用新的规定`,
            `The rule in force at decision (${versionLabel(atDecision)}) is lighter`,
          ),
    };
  }
  if (!atDecision) {
    // 「作出行政处罚决定时，法律、法规、规章已被…废止，且…不认为是违法的，适用新的规定」: with no rule in force on the
    // decision day, none punishes the act. A successor elsewhere in the library is a new version of this offence, to be
    // recorded as such (same code) — then it is compared here like any later version.
    return {
      version: atAct,
      reason: 'repealed_without_successor',
      punishable: false,
      line: art37(
        `作出决定时该规定（${versionLabel(atAct)}）已于 ${atAct.effectiveUntil ?? ''} 失效，作出决定时无新的规定施行，不再给予行政处罚`,
        `The rule (${versionLabel(atAct)}) was repealed on ${atAct.effectiveUntil ?? ''} with no successor in force at the decision date: the act may no longer be punished`,
      ),
    };
  }
  return {
    version: atAct,
    reason: 'act_date_version',
    punishable: true,
    line: art37(`适用违法行为发生时的规定（${versionLabel(atAct)}）`, `The rule in force on the act date applies (${versionLabel(atAct)})`),
  };
}
