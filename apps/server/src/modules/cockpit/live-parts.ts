// Helpers for the live parts other modules register (registerCockpitSource): numbers that stand at a moment (squads
// rated in the year, officers trained so far) are reported in the last month of the range the view reads.
import { shanghaiDate } from '../../shared/time.ts';

/** The Shanghai month (YYYY-MM) in which a range ending at `to` (exclusive) ends. */
export function lastMonthOf(to: Date): string {
  return shanghaiDate(new Date(to.getTime() - 1)).slice(0, 7);
}

/** Rows of counts per child (column `child`; one column per metric) as live cells of one month. */
export function liveChildCounts(
  month: string,
  rows: readonly Record<string, unknown>[],
  columns: Readonly<Record<string, string>>,
): { month: string; child: string; metric: string; value: number }[] {
  return rows.flatMap((r) =>
    Object.entries(columns).map(([column, metric]) => ({ month, child: String(r.child ?? ''), metric, value: Number(r[column] ?? 0) })),
  );
}
