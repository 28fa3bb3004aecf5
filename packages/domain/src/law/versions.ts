// 处罚法 Art. 37 — 从旧兼从轻: which version of a rule judges the act.
import { assertLegalDate, compareDates, isAfter, isBefore, type LegalDate } from '../calendar/legal-date.ts';
import { LegalInputError } from './errors.ts';
import type { Fen, RuleLine } from './types.ts';

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
};

export type VersionChoiceReason = 'act_date_version' | 'later_lighter' | 'no_longer_illegal' | 'no_version_at_act_date';

export type VersionChoice<T extends RuleVersion> = { version: T | null; reason: VersionChoiceReason; line: RuleLine };

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
        );
      }
    }
  });
  const sorted = [...versions].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
  for (let i = 1; i < sorted.length; i += 1) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && (prev.effectiveUntil === undefined || !isBefore(prev.effectiveUntil, cur.effectiveFrom))) {
      throw new LegalInputError('VERSIONS_OVERLAP', field, 'ART37', `versions ${prev.versionId} and ${cur.versionId} overlap`);
    }
  }
}

export function versionInForce<T extends RuleVersion>(versions: readonly T[], on: LegalDate): T | undefined {
  return versions.find((v) => !isAfter(v.effectiveFrom, on) && (v.effectiveUntil === undefined || !isBefore(v.effectiveUntil, on)));
}

/** A version is lighter when it no longer makes the act illegal, or has a lower maximum (then minimum) fine. */
export function isLighter(candidate: RuleVersion, than: RuleVersion): boolean {
  if (!candidate.illegal) return than.illegal;
  if (!than.illegal) return false;
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
    throw new LegalInputError('LEGAL_INPUT_INVALID', 'decisionDate', 'ART37', 'the decision date is before the act date');
  }
  const atAct = versionInForce(versions, actDate);
  const atDecision = versionInForce(versions, decisionDate);
  if (!atAct) {
    return {
      version: null,
      reason: 'no_version_at_act_date',
      line: art37(`违法行为发生时（${actDate}）无有效规定，不得处罚`, `No rule in force on the act date ${actDate}: no penalty`),
    };
  }
  if (atDecision && atDecision !== atAct && isLighter(atDecision, atAct)) {
    const noLonger = !atDecision.illegal;
    return {
      version: atDecision,
      reason: noLonger ? 'no_longer_illegal' : 'later_lighter',
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
  // Repealed with no successor in this list: the successor may live under another offence, so a person
  // must compare — the engine does not assume the act became legal.
  const repealedNote = atDecision ? '' : '；作出决定时该规定已失效，须核对新规定是否处罚较轻或不认为是违法';
  return {
    version: atAct,
    reason: 'act_date_version',
    line: art37(
      `适用违法行为发生时的规定（${versionLabel(atAct)}）${repealedNote}`,
      `The rule in force on the act date applies (${versionLabel(atAct)})${atDecision ? '' : '; it was repealed by the decision date — check its successor'}`,
    ),
  };
}
