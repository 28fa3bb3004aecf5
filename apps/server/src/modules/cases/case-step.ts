// One step of a case = one transaction (ARCHITECTURE.md "Workflows"): load the snapshot with live credentials,
// config and calendar → the domain guard and reducer → conditional UPDATE on the version read (two clicks cannot
// both win) → numbered documents → case event → audit row → deadline rows → follow-up jobs.
import type { DocType } from '@chengguan/contracts';
import { applyCaseAction, type CaseAction, type CaseActionInput, type CaseSnapshot, decisionFineFen } from '@chengguan/domain';
import type { Transaction, Updateable } from 'kysely';
import type { Deps, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import { assertActionPermission } from './case-access.ts';
import { type DeadlineSummary, refreshCaseDeadlines, summarizeDeadlines } from './case-deadlines.ts';
import { loadCaseOrFail, type LoadedCase, storedSnapshot } from './case-loader.ts';
import { withCaseRules } from './cases.errors.ts';
import {
  type CaseRow,
  findParty,
  insertCaseEvent,
  insertDocument,
  type PartyRow,
  setCaseNumber,
  updateCaseIfVersion,
} from './cases.repository.ts';
import type { CasesTable } from './cases.tables.ts';
import { allocateDocNumber } from './doc-numbers.ts';

export type StepWrite<A extends CaseAction> = {
  trx: Transaction<DB>;
  actor: StepActor;
  loaded: LoadedCase;
  next: CaseSnapshot;
  input: CaseActionInput<A>;
  eventId: string;
  documentNumber: string | null;
  /** The case as the step leaves it, as reading it again in this transaction would give it (row, snapshot, version). */
  after: LoadedCase;
  /** The case's party as stored, read once for all the step's hooks (the disclosure and the credit record both name it). */
  party: () => Promise<PartyRow | undefined>;
};

/** The party row, read when first asked for and then kept for the rest of the step (StepWrite.party). */
export function partyOnce(trx: Transaction<DB>, partyId: string): StepWrite<CaseAction>['party'] {
  let party: Promise<PartyRow | undefined> | undefined;
  return () => (party ??= findParty(trx, partyId));
}

/** The case row as a step wrote it and the law revision it was judged at: the answer need not read it again. */
export type WrittenCase = { row: CaseRow; lawRevision: string };

export type StepSpec<A extends CaseAction> = {
  caseId: string;
  /**
   * The case as the caller read it (loadCaseOrFail) in this transaction under a lock, nothing written to it since:
   * not read again. The caller has checked the actor's access to it.
   */
  loaded?: LoadedCase & { lawRevision: string };
  action: A;
  /** The request body as given (recorded in the event and the audit row). */
  body: Record<string, unknown>;
  /** Build the domain input, loading what it needs (officers with live credentials, the discretion tier …). */
  input: (loaded: LoadedCase, trx: Transaction<DB>) => Promise<CaseActionInput<A>> | CaseActionInput<A>;
  /** Facts judged at this step that the guards must already see (flags updated at review …). */
  before?: (snapshot: CaseSnapshot) => CaseSnapshot;
  /** The numbered document this step issues, if any (文号, gap-free in this transaction). */
  document?: (next: CaseSnapshot, input: CaseActionInput<A>) => DocType | null;
  /** A document numbered before the step (the 当场处罚决定书's pre-printed serial, B2), instead of `document`. */
  numberedDocument?: { docType: DocType; number: string; isCaseNumber: boolean };
  /** Rows written with the event (evidence, 笔录 …). */
  write?: (w: StepWrite<A>) => Promise<void>;
  /** What the audit row records beyond the transition (e.g. the article texts a legal reviewer confirmed, E12). */
  auditData?: (input: CaseActionInput<A>) => Record<string, unknown>;
};

/** The indexed columns, derived from the snapshot on every write. */
export function derivedColumns(s: CaseSnapshot, d: DeadlineSummary, now: Date): Updateable<CasesTable> {
  const fine = decisionFineFen(s);
  return {
    procedure: s.procedure,
    state: s.state,
    discovered_on: s.dates.discoveredOn ?? null,
    registered_on: s.dates.registeredOn ?? null,
    filed_on: s.dates.filedOn ?? null,
    decided_on: s.decision?.decidedOn ?? null,
    closed_on: s.dates.closedOn ?? null,
    decision_outcome: s.decision?.outcome ?? null,
    fine_fen: fine > 0 ? fine : null,
    has_overdue: d.hasOverdue,
    next_due_date: d.nextDueDate,
    snapshot: storedSnapshot(s),
    updated_at: now,
  };
}

/**
 * What other modules do inside a step's transaction after the case row, event and document are written
 * (a payment order when a fine is decided, a disclosure entry …). Registered once at start-up by the module
 * (`registerCaseStepHook`); a hook that throws rolls the whole step back.
 */
export type CaseStepHook<A extends CaseAction = CaseAction> = (deps: Deps, meta: RequestMeta, w: StepWrite<A>) => Promise<void>;

const STEP_HOOKS = new Map<CaseAction, CaseStepHook[]>();

export function registerCaseStepHook<A extends CaseAction>(action: A, hook: CaseStepHook<A>): void {
  const list = STEP_HOOKS.get(action) ?? [];
  if (!list.includes(hook as unknown as CaseStepHook)) list.push(hook as unknown as CaseStepHook);
  STEP_HOOKS.set(action, list);
}

/** The registered hooks of one action; also run by insertNewCase for the first steps of a new case (summary ticket). */
export async function runCaseStepHooks(action: CaseAction, deps: Deps, meta: RequestMeta, write: StepWrite<CaseAction>): Promise<void> {
  for (const hook of STEP_HOOKS.get(action) ?? []) await hook(deps, meta, write);
}

export async function runCaseStep<A extends CaseAction>(
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  spec: StepSpec<A>,
): Promise<WrittenCase> {
  return (await deps.db.transaction().execute((trx) => runCaseStepIn(trx, deps, actor, meta, spec))).written;
}

/** The step inside a transaction the caller already holds (a service record that also serves the decision …). */
export async function runCaseStepIn<A extends CaseAction>(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  spec: StepSpec<A>,
): Promise<StepWrite<A> & { written: WrittenCase }> {
  assertActionPermission(actor, spec.action);
  const { expectedVersion, ...body } = spec.body as Record<string, unknown> & { expectedVersion?: number };
  const loaded = spec.loaded?.row.id === spec.caseId ? spec.loaded : await loadCaseOrFail(deps, trx, actor, spec.caseId);
  if (expectedVersion !== undefined && expectedVersion !== loaded.version)
    throw new AppError('STATE_CONFLICT', { field: 'expectedVersion' });
  const input = await spec.input(loaded, trx);
  const before = spec.before ? spec.before(loaded.snapshot) : loaded.snapshot;
  const next = withCaseRules(() => applyCaseAction(before, spec.action, input, actor.roles, loaded.ctx));
  const now = deps.clock.now();
  const deadlines = summarizeDeadlines(next, loaded.ctx);
  let row = await updateCaseIfVersion(trx, loaded.row.id, loaded.version, derivedColumns(next, deadlines, now));
  if (!row) throw new AppError('STATE_CONFLICT');
  const version = loaded.version + 1;
  const bureauId = loaded.row.bureau_id;
  const docType = spec.numberedDocument?.docType ?? spec.document?.(next, input) ?? null;
  const documentNumber =
    spec.numberedDocument?.number ?? (docType ? await allocateDocNumber(trx, bureauId ?? loaded.row.org_id, docType, input.date) : null);
  const eventId = deps.newId();
  const data = { ...body, ...(documentNumber ? { documentNumber, docType } : {}), ...(actor.channel ? { channel: actor.channel } : {}) };
  await insertCaseEvent(trx, {
    id: eventId,
    case_id: loaded.row.id,
    bureau_id: bureauId,
    action: spec.action,
    from_state: loaded.snapshot.state,
    to_state: next.state,
    legal_date: input.date,
    at: now,
    actor_id: actor.id,
    version,
    data: JSON.stringify(data),
  });
  if (docType && documentNumber) {
    await insertDocument(trx, {
      id: deps.newId(),
      case_id: loaded.row.id,
      bureau_id: bureauId,
      event_id: eventId,
      doc_type: docType,
      number: documentNumber,
      issued_on: input.date,
    });
    if (docType === 'filing' || spec.numberedDocument?.isCaseNumber) {
      await setCaseNumber(trx, loaded.row.id, documentNumber);
      row = { ...row, case_number: documentNumber };
    }
  }
  const after: LoadedCase = { row, snapshot: next, ctx: loaded.ctx, version };
  const write: StepWrite<A> = {
    trx,
    actor,
    loaded,
    next,
    input,
    eventId,
    documentNumber,
    after,
    party: partyOnce(trx, loaded.row.party_id),
  };
  await spec.write?.(write);
  for (const hook of STEP_HOOKS.get(spec.action) ?? []) await hook(deps, meta, write as unknown as StepWrite<CaseAction>);
  await recordAudit(trx, deps, actor, meta, {
    action: `case.${spec.action}`,
    entityType: 'case',
    entityId: loaded.row.id,
    bureauId,
    data: {
      from: loaded.snapshot.state,
      to: next.state,
      version,
      legalDate: input.date,
      eventId,
      ...(documentNumber ? { documentNumber } : {}),
      ...(actor.channel ? { channel: actor.channel } : {}),
      ...spec.auditData?.(input),
    },
  });
  await refreshCaseDeadlines(trx, deps, { id: loaded.row.id, bureauId, orgId: loaded.row.org_id }, deadlines);
  return { ...write, written: { row, lawRevision: loaded.lawRevision } };
}
