import type { CaseListItem, Workbench } from '@chengguan/contracts';
import { ACTIVE_CASE_STATES, CASE_MACHINE, actionsAllowedNow, addDays, statesWhereRolesAct } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { canWriteCases, hasActionPermission } from '../case-access.ts';
import { currentLawRevision } from '../../law/index.ts';
import { caseContext, hydrateSnapshots } from '../case-loader.ts';
import { toDeadline } from '../cases.mapper.ts';
import { listCases, snapshotsOf, type CaseListPage } from '../cases.repository.ts';
import { summarizeDeadlines } from '../case-deadlines.ts';
import { toListItems } from './list-cases.ts';

/** Agency deadlines due within this many days count as "due soon". */
export const DUE_SOON_DAYS = 7;
/** The workbench reads at most this many cases with tasks, and as many with deadlines due (newest first). */
const WORKBENCH_LIMIT = 50;
const LEADER_ROLES = new Set(['squad_leader', 'bureau_leader', 'legal_reviewer', 'supervisor']);

/**
 * My tasks (open cases where an action of my roles is allowed now — my own cases for a field officer, the
 * jurisdiction's for leaders and reviewers), agency deadlines due soon, my overdue deadlines, and for leaders the
 * overdue cases of their squad or district.
 */
export async function getWorkbench(deps: Deps, actor: Actor): Promise<Workbench> {
  assertPermission(actor, 'case:read');
  const lawRevision = await currentLawRevision(deps.db);
  const ctx = await caseContext(deps.db, deps.clock.now(), lawRevision);
  const leader = actor.roles.some((r) => LEADER_ROLES.has(r));
  const base = { jurisdictionPath: actor.jurisdictionPath, states: ACTIVE_CASE_STATES };
  const scope = leader ? base : { ...base, officerId: actor.id };
  const horizon = addDays(ctx.today, DUE_SOON_DAYS);
  const canAct = canWriteCases(actor);
  // Tasks come only from the states where the actor's roles can act; deadlines from the cases whose stored agency
  // deadlines are due by the horizon (or past it). Both are judged again below on the live snapshot.
  const actStates = new Set(statesWhereRolesAct(actor.roles));
  const taskStates = ACTIVE_CASE_STATES.filter((s) => actStates.has(s));
  const none: CaseListPage = { items: [], total: 0, totalCapped: false, nextCursor: null };
  const page = { withCount: false } as const;
  const [{ items: taskRows }, { items: dueRows }, { items: overdueRows }] = await Promise.all([
    canAct && taskStates.length > 0 ? listCases(deps.db, { ...scope, states: taskStates }, WORKBENCH_LIMIT, 0, page) : none,
    listCases(deps.db, { ...scope, agencyDeadlineBy: horizon }, WORKBENCH_LIMIT, 0, page),
    leader ? listCases(deps.db, { ...base, overdue: true }, WORKBENCH_LIMIT, 0, page) : Promise.resolve(none),
  ]);
  const open = [...new Map([...taskRows, ...dueRows].map((r) => [r.id, r])).values()];
  const [items, stored] = await Promise.all([
    toListItems(deps, open),
    snapshotsOf(
      deps.db,
      open.map((r) => r.id),
    ),
  ]);
  const snapshots = await hydrateSnapshots(
    deps.db,
    open.map((r) => ({ id: r.id, act_id: r.act_id, snapshot: stored.get(r.id) })),
    lawRevision,
  );
  const byId = new Map<string, CaseListItem>(items.map((i) => [i.id, i]));
  const myTasks: Workbench['myTasks'] = [];
  const dueSoon: Workbench['dueSoon'] = [];
  const overdue: Workbench['overdue'] = [];
  for (const [i, row] of open.entries()) {
    const s = snapshots[i]!;
    const item = byId.get(row.id)!;
    // Only the actions the case's state allows are judged (the case page judges all of them, to say why not).
    const actions = canAct ? actionsAllowedNow(s, actor.roles, ctx).filter((a) => hasActionPermission(actor, a)) : [];
    if (actions.length > 0) myTasks.push({ case: item, actions: actions.map((a) => ({ action: a, labelZh: CASE_MACHINE[a].labelZh })) });
    for (const d of summarizeDeadlines(s, ctx).deadlines) {
      if (d.holder !== 'agency') continue;
      if (d.state === 'running' && d.dueDate <= horizon) dueSoon.push({ case: item, deadline: toDeadline(d) });
      if (d.state === 'overdue' && d.doneOn === undefined) overdue.push({ case: item, deadline: toDeadline(d) });
    }
  }
  dueSoon.sort((a, b) => a.deadline.dueDate.localeCompare(b.deadline.dueDate));
  return {
    today: ctx.today,
    myTasks,
    dueSoon,
    dueSoonDays: DUE_SOON_DAYS,
    overdue,
    squadOverdue: await toListItems(deps, overdueRows),
  };
}
