// Versions of one library entry (an offence code, a provision, an exemption-list item) must not overlap:
// on any day at most one version is in force (处罚法 Art. 37 needs one answer per date).
import { compareDates, type LegalDate } from '../../calendar/legal-date.ts';

/** A version's validity; `to` is the last day in force (inclusive), absent while in force. */
export type VersionSpan = { from: LegalDate; to?: LegalDate | null };

/** True when two spans share at least one day. */
export function spansOverlap(a: VersionSpan, b: VersionSpan): boolean {
  const aEndsBeforeB = a.to != null && compareDates(a.to, b.from) < 0;
  const bEndsBeforeA = b.to != null && compareDates(b.to, a.from) < 0;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** The first existing version that shares a day with the candidate, if any. */
export function findOverlappingVersion<T extends VersionSpan>(candidate: VersionSpan, existing: readonly T[]): T | undefined {
  return existing.find((v) => spansOverlap(candidate, v));
}

/**
 * A repeal date (废止日期) is the first day no longer in force, so the last day in force is the day before;
 * a repeal on the effective day itself means the text never took effect, which the library refuses.
 */
export function repealedOnIsValid(effectiveFrom: LegalDate, repealedOn: LegalDate): boolean {
  return compareDates(repealedOn, effectiveFrom) > 0;
}
