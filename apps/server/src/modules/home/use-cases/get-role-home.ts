import type { HomeCount, HomeKind, HomeNumber, HomeNumberKey, RoleHome } from '@chengguan/contracts';
import {
  ACTIVE_CASE_STATES,
  CASE_MACHINE,
  CASE_STATE_LABELS,
  actionsAllowedNow,
  addDays,
  allowedActions,
  isCaseState,
  statesWhereRolesAct,
  stillNeeded,
  type CaseAction,
  type CaseState,
  type CaseSnapshot,
} from '@chengguan/domain';
import type { Role } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import {
  canWriteCases,
  caseContext,
  handlesCase,
  hasActionPermission,
  hydrateSnapshots,
  listCaseRows,
  maskPartyName,
  snapshotsOf,
  type CaseFilter,
  type CaseListRow,
} from '../../cases/index.ts';
import { currentLawRevision } from '../../law/index.ts';
import { squadInspectionProgress } from '../../inspections/index.ts';
import { ticketHome } from '../../tickets/index.ts';
import { unitsUnder } from '../home.repository.ts';

/** Agency deadlines due within this many days are 「即将到期」 (the workbench's horizon). */
export const HOME_DUE_SOON_DAYS = 7;
/** The home judges at most this many open cases of the user's task states, newest first. */
export const HOME_TASK_READ_LIMIT = 50;
/** Lines of 待办 and of blocked cases the home lists (the counts cover everything read). */
const HOME_LIST_LINES = 8;
/** A jurisdiction with more squads than this is counted per district bureau instead. */
const MAX_UNITS = 40;

/** Steps beside the procedure's path (records, pauses, hand-overs): their refusals are no alert of the case. */
const SIDE_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'addEvidence',
  'recordInspection',
  'recordQuestioning',
  'issuePriorNotice',
  'reviewStatement',
  'suspend',
  'resume',
  'extendDeadline',
  'transfer',
  'approveDeferral',
  'recordServiceConsent',
  'recordReviewOrLitigation',
]);

/** Which home a user lands on: the first of his roles in this order. */
const HOME_ORDER: readonly HomeKind[] = [
  'bureau_leader',
  'squad_leader',
  'legal_reviewer',
  'supervisor',
  'commander',
  'field_officer',
  'admin',
];

/** Where the open cases of a squad stand, for the squad leader's numbers (every active state in one group). */
const STAGE_GROUPS: readonly [HomeNumberKey, readonly CaseState[]][] = [
  ['stage.filing', ['registered', 'filing_pending']],
  ['stage.investigation', ['investigating', 'investigation_concluded']],
  ['stage.review', ['case_reviewed', 'legal_review', 'deliberation']],
  ['stage.notice', ['prior_notice_served', 'hearing_requested', 'hearing_scheduled', 'hearing_held', 'hearing_terminated']],
  ['stage.decision', ['decided', 'decision_served', 'summary_draft', 'summary_decided']],
  ['stage.enforcement', ['enforcing', 'summary_paid', 'summary_collected']],
  ['stage.suspended', ['suspended']],
];

/** The pages each home points to (the console shows those the user may open). */
const CAPABILITIES: Record<HomeKind, readonly string[]> = {
  field_officer: ['workbench', 'cases/new', 'summary', 'cases'],
  squad_leader: ['workbench', 'cases', 'tickets', 'duty/roster', 'enforcement', 'payments'],
  bureau_leader: ['workbench', 'cockpit', 'cases', 'enforcement', 'disclosures'],
  legal_reviewer: ['workbench', 'cases', 'law-provisions', 'disclosures'],
  commander: ['command', 'tickets', 'joint-orders', 'duty/map', 'cases', 'law-search'],
  supervisor: ['supervision', 'supervision/review', 'supervision/scores', 'audit', 'cases'],
  admin: ['orgs', 'officers', 'audit', 'law-config'],
};

/** Homes that show the tickets' four rates and the command centre's to-do (issue 13 §6). */
const TICKET_HOMES: ReadonlySet<HomeKind> = new Set<HomeKind>(['commander', 'bureau_leader', 'squad_leader']);

export function homeKindOf(roles: readonly Role[]): HomeKind {
  return HOME_ORDER.find((k) => roles.includes(k)) ?? 'field_officer';
}

async function countOf(deps: Deps, filter: CaseFilter): Promise<HomeCount> {
  // The list's own capped count (LIST_COUNT_CAP), no rows read.
  const r = await listCaseRows(deps.db, filter, 0, 0);
  return { value: r.total, capped: r.totalCapped };
}

function line(row: CaseListRow, unmasked: boolean) {
  return {
    caseId: row.id,
    caseNumber: row.case_number,
    partyName: unmasked ? row.party_name : maskPartyName(row.party_type, row.party_name),
    state: row.state as CaseState,
    stateLabelZh: isCaseState(row.state) ? CASE_STATE_LABELS[row.state].zh : row.state,
  };
}

/** 待办 and the blocked cases: the open cases of the user's task states (bounded read), judged on their live snapshots. */
async function tasksAndBlocked(deps: Deps, actor: Actor, scope: CaseFilter) {
  const none = { todo: { count: { value: 0, capped: false }, items: [] }, blocked: { count: { value: 0, capped: false }, items: [] } };
  const actStates = new Set(statesWhereRolesAct(actor.roles));
  const taskStates = ACTIVE_CASE_STATES.filter((s) => actStates.has(s));
  if (!canWriteCases(actor) || taskStates.length === 0) return none;
  const lawRevision = await currentLawRevision(deps.db);
  const [ctx, page] = await Promise.all([
    caseContext(deps.db, deps.clock.now(), lawRevision),
    listCaseRows(deps.db, { ...scope, states: taskStates }, HOME_TASK_READ_LIMIT, 0, { withCount: false }),
  ]);
  const rows = page.items;
  const stored = await snapshotsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const snapshots: CaseSnapshot[] = await hydrateSnapshots(
    deps.db,
    rows.map((r) => ({ id: r.id, act_id: r.act_id, snapshot: stored.get(r.id) })),
    lawRevision,
  );
  const todo: RoleHome['todo']['items'] = [];
  const blocked: RoleHome['alerts']['blocked']['items'] = [];
  for (const [i, row] of rows.entries()) {
    const s = snapshots[i]!;
    const actions = actionsAllowedNow(s, actor.roles, ctx).filter((a) => hasActionPermission(actor, a));
    if (actions.length > 0)
      todo.push({ ...line(row, handlesCase(actor)), actions: actions.map((a) => ({ action: a, labelZh: CASE_MACHINE[a].labelZh })) });
    // Blocked: the furthest step of the procedure the user's roles could take in this state is held by the law; its
    // first need is the alert's sentence (a case can be both: something to do now, and its main step still waiting).
    const held = allowedActions(s, actor.roles, ctx)
      .filter(
        (a) =>
          a.availableInState &&
          !a.allowed &&
          !SIDE_ACTIONS.has(a.action) &&
          CASE_MACHINE[a.action].roles.some((r) => actor.roles.includes(r)) &&
          hasActionPermission(actor, a.action),
      )
      .at(-1);
    const need = held ? stillNeeded([held])[0] : undefined;
    if (need) {
      blocked.push({
        ...line(row, handlesCase(actor)),
        sentenceZh: need.sentenceZh,
        sentenceEn: need.sentenceEn,
        citationZh: need.citation?.zh ?? null,
        ruleId: need.ruleId,
      });
    }
  }
  const capped = rows.length === HOME_TASK_READ_LIMIT;
  return {
    todo: { count: { value: todo.length, capped }, items: todo.slice(0, HOME_LIST_LINES) },
    blocked: { count: { value: blocked.length, capped }, items: blocked.slice(0, HOME_LIST_LINES) },
  };
}

function numbersFor(kind: HomeKind, actor: Actor, base: CaseFilter): [HomeNumberKey, CaseFilter, string | null][] {
  const open = { ...base, states: ACTIVE_CASE_STATES };
  const overdue: [HomeNumberKey, CaseFilter, string | null] = ['overdue', { ...open, overdue: true }, 'overdue=true'];
  switch (kind) {
    case 'field_officer':
      return [
        ['myOpen', { ...open, officerId: actor.id }, null],
        ['myOverdue', { ...open, officerId: actor.id, overdue: true }, 'mine=true&overdue=true'],
      ];
    case 'squad_leader':
      return [
        ...STAGE_GROUPS.map(([key, states]): [HomeNumberKey, CaseFilter, string | null] => [key, { ...base, states }, null]),
        overdue,
      ];
    case 'legal_reviewer': {
      const reviewStates = CASE_MACHINE.completeLegalReview.from.filter((s): s is CaseState => s !== 'unregistered');
      return [['reviewsWaiting', { ...base, states: reviewStates }, null], overdue];
    }
    case 'bureau_leader':
    case 'commander':
    case 'supervisor':
    case 'admin':
      return [['open', open, null], overdue];
  }
}

/**
 * The home a user lands on after login: his 待办, 预警 (due soon, overdue, blocked) and a few numbers of his scope —
 * every count within his jurisdiction (a field officer: his own cases), capped like the case list, read through the
 * list's queries and indexes; the task states are judged on a bounded read, newest first.
 */
export async function getRoleHome(deps: Deps, actor: Actor): Promise<RoleHome> {
  const kind = homeKindOf(actor.roles);
  const readsCases = actor.permissions.has('case:read');
  const today = (await caseContext(deps.db, deps.clock.now())).today;
  const base: CaseFilter = { jurisdictionPath: actor.jurisdictionPath };
  const leader = kind !== 'field_officer';
  const scope: CaseFilter = leader ? base : { ...base, officerId: actor.id };
  const empty: RoleHome = {
    kind,
    today,
    scopeName: actor.orgName,
    readsCases,
    todo: { count: { value: 0, capped: false }, items: [] },
    alerts: {
      dueSoonDays: HOME_DUE_SOON_DAYS,
      dueSoon: { value: 0, capped: false },
      overdue: { value: 0, capped: false },
      blocked: { count: { value: 0, capped: false }, items: [] },
    },
    taskReadLimit: HOME_TASK_READ_LIMIT,
    numbers: [],
    byUnit: [],
    capabilities: [...CAPABILITIES[kind]],
    ...(TICKET_HOMES.has(kind) && actor.permissions.has('ticket:read') ? { tickets: await ticketHome(deps, actor) } : {}),
  };
  if (!readsCases) return empty;

  const open = { ...scope, states: ACTIVE_CASE_STATES };
  const horizon = addDays(today, HOME_DUE_SOON_DAYS);
  // Counts run one after another: the embedded database has one connection, and each is capped.
  const tb = await tasksAndBlocked(deps, actor, scope);
  const dueSoon = await countOf(deps, { ...open, overdue: false, agencyDeadlineBy: horizon });
  const overdue = await countOf(deps, { ...open, overdue: true });
  const numbers: HomeNumber[] = [];
  for (const [key, filter, listQuery] of numbersFor(kind, actor, base)) {
    numbers.push({ key, count: await countOf(deps, filter), listQuery });
  }
  const byUnit: RoleHome['byUnit'] = [];
  if (kind === 'bureau_leader' || kind === 'commander') {
    let units = await unitsUnder(deps.db, actor.jurisdictionPath, ['squad'], MAX_UNITS + 1);
    if (units.length > MAX_UNITS) units = await unitsUnder(deps.db, actor.jurisdictionPath, ['district_bureau', 'special_unit'], MAX_UNITS);
    for (const u of units) {
      const unitOpen = { ...base, orgId: u.id, states: ACTIVE_CASE_STATES };
      byUnit.push({
        orgId: u.id,
        orgName: u.name,
        open: await countOf(deps, unitOpen),
        overdue: await countOf(deps, { ...unitOpen, overdue: true }),
      });
    }
  }
  return {
    ...empty,
    todo: tb.todo,
    alerts: { dueSoonDays: HOME_DUE_SOON_DAYS, dueSoon, overdue, blocked: tb.blocked },
    numbers,
    byUnit,
    ...(kind === 'squad_leader' ? { inspections: await squadInspectionProgress(deps.db, actor.orgId, today) } : {}),
  };
}
