import type {
  Workbench,
  WorkbenchCase,
  WorkbenchCases,
  WorkbenchDeadlines,
  WorkbenchQuery,
  WorkbenchSetName,
  WorkbenchSetQuery,
  WorkbenchTasks,
} from '@chengguan/contracts';
import { ACTIVE_CASE_STATES, CASE_MACHINE, actionsAllowedNow, addDays, statesWhereRolesAct } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { canWriteCases, handlesCase, hasActionPermission } from '../case-access.ts';
import { currentLawRevision } from '../../law/index.ts';
import { caseContext, hydrateSnapshots } from '../case-loader.ts';
import { maskPartyName } from '../cases.mapper.ts';
import { type CaseFilter, listScope, type Scope } from '../cases.repository.ts';
import {
  listWorkbenchCases,
  listWorkbenchDeadlines,
  type DeadlineCursor,
  type WorkbenchCaseRow,
  type WorkbenchDeadlineRow,
} from '../workbench.repository.ts';
import { decodeCaseCursor, encodeCaseCursor } from './list-cases.ts';

/** Agency deadlines due within this many days count as "due soon". */
export const DUE_SOON_DAYS = 7;
/** Items per set when the request does not say. */
export const WORKBENCH_PAGE_SIZE = 10;
/** A page of tasks judges at most this many rounds of candidates (a round is twice the page size). */
const TASK_ROUNDS = 3;
const LEADER_ROLES = new Set(['squad_leader', 'bureau_leader', 'legal_reviewer', 'supervisor']);

type Reader = {
  deps: Deps;
  actor: Actor;
  today: string;
  /** The cases the actor's work is drawn from: his own for a field officer, the jurisdiction's for leaders. */
  scope: CaseFilter & { states: readonly string[] };
  leader: boolean;
  /** The jurisdiction's orgs, resolved once for the request's sets (they all read the actor's whole jurisdiction). */
  orgs: Scope;
  lawRevision: string;
  ctx: Awaited<ReturnType<typeof caseContext>>;
};

async function reader(deps: Deps, actor: Actor): Promise<Reader> {
  assertPermission(actor, 'case:read');
  const [lawRevision, orgs] = await Promise.all([currentLawRevision(deps.db), listScope(deps.db, actor.jurisdictionPath, undefined)]);
  const ctx = await caseContext(deps.db, deps.clock.now(), lawRevision);
  const leader = actor.roles.some((r) => LEADER_ROLES.has(r));
  const base = { jurisdictionPath: actor.jurisdictionPath, states: ACTIVE_CASE_STATES };
  return { deps, actor, today: ctx.today, scope: leader ? base : { ...base, officerId: actor.id }, leader, orgs, lawRevision, ctx };
}

function toWorkbenchCase(r: WorkbenchCaseRow, unmasked: boolean): WorkbenchCase {
  return {
    id: r.id,
    caseNumber: r.case_number,
    state: r.state as WorkbenchCase['state'],
    offenceName: r.offence_name,
    partyName: unmasked ? r.party_name : maskPartyName(r.party_type, r.party_name),
  };
}

/**
 * My tasks: open cases in the states where my roles can act at all, newest first, judged on their snapshot (only the
 * actions the state allows: actionsAllowedNow) a page at a time; a case with no action allowed now is skipped. The
 * count is of the candidates (capped), read without their snapshots.
 */
async function tasks(r: Reader, pageSize: number, cursor: string | undefined, withCount: boolean): Promise<WorkbenchTasks> {
  const canAct = canWriteCases(r.actor);
  const actStates = new Set(statesWhereRolesAct(r.actor.roles));
  const states = ACTIVE_CASE_STATES.filter((s) => actStates.has(s));
  if (!canAct || states.length === 0) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  const filter = { ...r.scope, states };
  const items: WorkbenchTasks['items'] = [];
  let after = cursor ? decodeCaseCursor(cursor) : undefined;
  let count = { total: 0, totalCapped: false };
  for (let round = 0; round < TASK_ROUNDS && items.length < pageSize; round++) {
    const limit = 2 * pageSize;
    const page = await listWorkbenchCases(r.deps.db, filter, limit, {
      ...(after ? { after } : {}),
      withSnapshot: true,
      withCount: withCount && round === 0,
      scope: r.orgs,
    });
    if (round === 0) count = { total: page.total, totalCapped: page.totalCapped };
    const snapshots = await hydrateSnapshots(r.deps.db, page.items, r.lawRevision);
    let consumed = 0;
    for (const [i, row] of page.items.entries()) {
      consumed = i + 1;
      const actions = actionsAllowedNow(snapshots[i]!, r.actor.roles, r.ctx).filter((a) => hasActionPermission(r.actor, a));
      if (actions.length > 0) {
        items.push({
          case: toWorkbenchCase(row, handlesCase(r.actor)),
          actions: actions.map((a) => ({ action: a, labelZh: CASE_MACHINE[a].labelZh })),
        });
        if (items.length === pageSize) break;
      }
    }
    const last = page.items[consumed - 1];
    // The set ends when a round reads fewer candidates than it asked for and all of them were judged.
    if (page.nextCursor === null && consumed === page.items.length) return { items, ...count, nextCursor: null };
    after = last ? { discoveredOn: last.discovered_on, id: last.id } : after;
  }
  return { items, ...count, nextCursor: after ? encodeCaseCursor(after) : null };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeDeadlineCursor(c: DeadlineCursor): string {
  return Buffer.from(`${c.dueDate}|${c.caseId}|${c.kind}`).toString('base64url');
}

function decodeDeadlineCursor(text: string): DeadlineCursor {
  const [dueDate = '', caseId = '', kind = '', ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !DATE.test(dueDate) || !UUID.test(caseId) || !/^[a-z_]{1,40}$/.test(kind)) {
    throw fieldError(
      'cursor',
      '分页游标无效（请使用上一页返回的 nextCursor）',
      'The cursor is not valid (pass the nextCursor of the previous page)',
    );
  }
  return { dueDate, caseId, kind };
}

async function deadlines(
  r: Reader,
  kind: 'dueSoon' | 'overdue',
  pageSize: number,
  cursor: string | undefined,
  withCount: boolean,
): Promise<WorkbenchDeadlines> {
  const window = kind === 'dueSoon' ? { kind, today: r.today, horizon: addDays(r.today, DUE_SOON_DAYS) } : { kind, today: r.today };
  const after = cursor ? decodeDeadlineCursor(cursor) : undefined;
  const page = await listWorkbenchDeadlines(r.deps.db, r.scope, window, pageSize, {
    ...(after ? { after } : {}),
    withCount,
    scope: r.orgs,
  });
  return {
    items: page.items.map((d: WorkbenchDeadlineRow) => ({
      case: toWorkbenchCase(d, handlesCase(r.actor)),
      deadline: {
        kind: d.kind as WorkbenchDeadlines['items'][number]['deadline']['kind'],
        dueDate: d.due_date,
        state: d.deadline_state as WorkbenchDeadlines['items'][number]['deadline']['state'],
        basis: d.basis as WorkbenchDeadlines['items'][number]['deadline']['basis'],
      },
    })),
    total: page.total,
    totalCapped: page.totalCapped,
    nextCursor: page.nextCursor ? encodeDeadlineCursor(page.nextCursor) : null,
  };
}

/** Leaders: the open cases of the jurisdiction with an overdue deadline, newest first. */
async function squadOverdue(r: Reader, pageSize: number, cursor: string | undefined, withCount: boolean): Promise<WorkbenchCases> {
  const after = cursor ? decodeCaseCursor(cursor) : undefined;
  const filter = { jurisdictionPath: r.actor.jurisdictionPath, states: ACTIVE_CASE_STATES, overdue: true };
  const page = await listWorkbenchCases(r.deps.db, filter, pageSize, {
    ...(after ? { after } : {}),
    withSnapshot: false,
    withCount,
    scope: r.orgs,
  });
  return {
    items: page.items.map((c) => toWorkbenchCase(c, handlesCase(r.actor))),
    total: page.total,
    totalCapped: page.totalCapped,
    nextCursor: page.nextCursor ? encodeCaseCursor(page.nextCursor) : null,
  };
}

/**
 * The workbench: the first page of each set with its capped count — my tasks, agency deadlines due soon, overdue
 * deadlines, and for leaders the overdue cases of their squad or district. Each set pages on with getWorkbenchSet.
 */
export async function getWorkbench(deps: Deps, actor: Actor, query: WorkbenchQuery = {}): Promise<Workbench> {
  const r = await reader(deps, actor);
  const pageSize = query.pageSize ?? WORKBENCH_PAGE_SIZE;
  const [myTasks, dueSoon, overdue, squad] = await Promise.all([
    tasks(r, pageSize, undefined, true),
    deadlines(r, 'dueSoon', pageSize, undefined, true),
    deadlines(r, 'overdue', pageSize, undefined, true),
    r.leader ? squadOverdue(r, pageSize, undefined, true) : null,
  ]);
  return { today: r.today, myTasks, dueSoon, dueSoonDays: DUE_SOON_DAYS, overdue, squadOverdue: squad };
}

/** The next page of one set of the workbench, after the cursor its previous page gave (no count). */
export async function getWorkbenchSet(
  deps: Deps,
  actor: Actor,
  set: WorkbenchSetName,
  query: WorkbenchSetQuery,
): Promise<WorkbenchTasks | WorkbenchDeadlines | WorkbenchCases> {
  const r = await reader(deps, actor);
  const pageSize = query.pageSize ?? WORKBENCH_PAGE_SIZE;
  if (set === 'myTasks') return tasks(r, pageSize, query.cursor, false);
  if (set === 'dueSoon' || set === 'overdue') return deadlines(r, set, pageSize, query.cursor, false);
  if (!r.leader) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  return squadOverdue(r, pageSize, query.cursor, false);
}
