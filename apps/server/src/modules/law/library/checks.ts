// Checks shared by the kinds: real dates, end not before start, no overlapping versions.
import { findOverlappingVersion, isValidLegalDate, repealedOnIsValid } from '@chengguan/domain';
import { issue, type Issue } from '../law.errors.ts';

export function dateIssues(values: Record<string, string | null | undefined>): Issue[] {
  const out: Issue[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && !isValidLegalDate(value)) {
      out.push(issue(field, `日期「${value}」不存在`, `"${value}" is not an existing date`, { code: 'INVALID_DATE' }));
    }
  }
  return out;
}

/** `to` is the last day in force (inclusive): it may equal `from`, never precede it. */
export function endIssue(fromField: string, from: string, toField: string, to: string | null | undefined): Issue[] {
  if (!to || !isValidLegalDate(from) || !isValidLegalDate(to) || to >= from) return [];
  return [
    issue(toField, `失效日期 ${to} 早于生效日期 ${from}（${fromField}）`, `${to} is before the effective date ${from} (${fromField})`, {
      rule: 'ART37',
      code: 'VERSION_DATES_INVALID',
    }),
  ];
}

/** A repeal date is the first day no longer in force, so it must be after the effective date. */
export function repealIssue(from: string, repealedOn: string | null | undefined): Issue[] {
  if (!repealedOn || !isValidLegalDate(from) || !isValidLegalDate(repealedOn) || repealedOnIsValid(from, repealedOn)) return [];
  return [
    issue(
      'repealedOn',
      `废止日期 ${repealedOn} 不晚于施行日期 ${from}`,
      `the repeal date ${repealedOn} is not after the effective date ${from}`,
      {
        rule: 'ART37',
        code: 'VERSION_DATES_INVALID',
      },
    ),
  ];
}

export type StoredSpan = { id: string; from: string; to: string | null };

/** The candidate's span against the other versions of the same entry (self excluded). */
export function overlapIssue(
  candidate: { from: string; to: string | null },
  versions: readonly StoredSpan[],
  selfId: string | null,
  field: string,
  what: string,
): Issue[] {
  if (!isValidLegalDate(candidate.from) || (candidate.to && !isValidLegalDate(candidate.to))) return [];
  const other = findOverlappingVersion(
    candidate,
    versions.filter((v) => v.id !== selfId),
  );
  if (!other) return [];
  const span = `${other.from} 至 ${other.to ?? '今'}`;
  return [
    {
      ...issue(
        field,
        `与${what}的已有版本（${span}）有效期重叠`,
        `overlaps an existing version of ${what} (${other.from} – ${other.to ?? 'open'})`,
        {
          rule: 'ART37',
          code: 'VERSIONS_OVERLAP',
        },
      ),
      conflictId: other.id,
    },
  ];
}
