// The workbench's reads: a page of each set, a few columns each, and each set's count capped at WORKBENCH_COUNT_CAP.
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import type { CaseSnapshot } from '@chengguan/domain';
import {
  cappedCount,
  filteredCases,
  keysetAfter,
  listScope,
  matchingCases,
  type CaseCursor,
  type CaseFilter,
  type Scope,
} from './cases.repository.ts';

/** What the workbench shows of a case (and, for the tasks, the snapshot its actions are judged on). */
export type WorkbenchCaseRow = {
  id: string;
  case_number: string | null;
  state: string;
  offence_name: string;
  party_type: string;
  party_name: string;
  discovered_on: string | null;
  act_id: string;
};

/**
 * A set's count stops here: the workbench is a to-do overview, whose badge says 「1,000+」 — a district's open overdue
 * cases of ten years run to tens of thousands, and each counted is a row read (three counts per workbench).
 */
export const WORKBENCH_COUNT_CAP = 1_000;

export type WorkbenchPage<T, C> = { items: T[]; total: number; totalCapped: boolean; nextCursor: C | null };

/**
 * A page of cases in list order (发现日期 newest first, then id) after the cursor, with the snapshot when asked; and,
 * when asked, the count of all matches up to WORKBENCH_COUNT_CAP.
 */
export async function listWorkbenchCases<S extends boolean>(
  db: Executor,
  f: CaseFilter,
  limit: number,
  /** `scope`: the jurisdiction's orgs as listScope resolved them for this request (no org filter), not read again. */
  opts: { after?: CaseCursor; withSnapshot: S; withCount: boolean; scope?: Scope },
): Promise<WorkbenchPage<WorkbenchCaseRow & (S extends true ? { snapshot: CaseSnapshot } : object), CaseCursor>> {
  const scope = opts.scope && !f.orgId ? opts.scope : await listScope(db, f.jurisdictionPath, f.orgId);
  const base = opts.after ? keysetAfter(filteredCases(db, scope, f), opts.after) : filteredCases(db, scope, f);
  const columns = [
    'c.id',
    'c.case_number',
    'c.state',
    'c.offence_name',
    'c.party_type',
    'c.party_name',
    'c.discovered_on',
    'c.act_id',
  ] as const;
  const page = base.clearSelect().select(columns);
  const [items, count] = await Promise.all([
    (opts.withSnapshot ? page.select('c.snapshot') : page)
      .orderBy('c.discovered_on', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit)
      .execute(),
    opts.withCount ? cappedCount(db, matchingCases(db, scope, f), WORKBENCH_COUNT_CAP) : Promise.resolve({ total: 0, totalCapped: false }),
  ]);
  const last = items.at(-1);
  return {
    items: items as (WorkbenchCaseRow & (S extends true ? { snapshot: CaseSnapshot } : object))[],
    ...count,
    nextCursor: items.length === limit && last ? { discoveredOn: last.discovered_on, id: last.id } : null,
  };
}

/** The order of the deadline sets: due date, then case, then kind. */
export type DeadlineCursor = { dueDate: string; caseId: string; kind: string };

export type WorkbenchDeadlineRow = WorkbenchCaseRow & {
  kind: string;
  due_date: string;
  deadline_state: string;
  basis: unknown;
};

/**
 * Stored agency deadlines of open cases, not done: `dueSoon` — running and due from `today` to `horizon`; `overdue` —
 * running or overdue and due before `today` (a duty is overdue once its day has passed undone: case.deadlines.ts
 * stateOf). The scope is that of the case list (the deadline rows carry the case's squad and bureau), narrowed to the
 * officer's own cases when one is given.
 */
export async function listWorkbenchDeadlines(
  db: Executor,
  f: { jurisdictionPath: string; officerId?: string; states: readonly string[] },
  window: { kind: 'dueSoon'; today: string; horizon: string } | { kind: 'overdue'; today: string },
  limit: number,
  opts: { after?: DeadlineCursor; withCount: boolean; scope?: Scope },
): Promise<WorkbenchPage<WorkbenchDeadlineRow, DeadlineCursor>> {
  const scope = opts.scope ?? (await listScope(db, f.jurisdictionPath, undefined));
  const matching = () => {
    let q = db
      .selectFrom('case_deadlines as d')
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .where('d.holder', '=', 'agency')
      .where('d.done_on', 'is', null)
      .where('c.state', 'in', [...f.states]);
    q =
      window.kind === 'dueSoon'
        ? q.where('d.state', '=', 'running').where('d.due_date', '>=', window.today).where('d.due_date', '<=', window.horizon)
        : q.where('d.state', 'in', ['running', 'overdue']).where('d.due_date', '<', window.today);
    if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
    if (scope.kind === 'org') q = q.where('d.org_id', '=', scope.orgId);
    if (scope.kind === 'bureau') q = q.where('d.bureau_id', '=', scope.bureauId);
    if (scope.kind === 'orgs') q = q.where('d.org_id', 'in', scope.orgIds);
    if (f.officerId) {
      const officerId = f.officerId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_officers as o')
            .select('o.case_id')
            .whereRef('o.case_id', '=', 'd.case_id')
            .where('o.officer_id', '=', officerId),
        ),
      );
    }
    return q;
  };
  let page = matching();
  const after = opts.after;
  if (after)
    page = page.where((eb) => eb(eb.refTuple('d.due_date', 'd.case_id', 'd.kind'), '>', eb.tuple(after.dueDate, after.caseId, after.kind)));
  const [items, count] = await Promise.all([
    page
      .select([
        'c.id',
        'c.case_number',
        'c.state',
        'c.offence_name',
        'c.party_type',
        'c.party_name',
        'c.discovered_on',
        'c.act_id',
        'd.kind',
        'd.due_date',
        'd.state as deadline_state',
        'd.basis',
      ])
      .orderBy('d.due_date')
      .orderBy('d.case_id')
      .orderBy('d.kind')
      .limit(limit)
      .execute(),
    opts.withCount
      ? cappedCount(db, matching().select('d.case_id'), WORKBENCH_COUNT_CAP)
      : Promise.resolve({ total: 0, totalCapped: false }),
  ]);
  const last = items.at(-1);
  return {
    items,
    ...count,
    nextCursor: items.length === limit && last ? { dueDate: last.due_date, caseId: last.id, kind: last.kind } : null,
  };
}
