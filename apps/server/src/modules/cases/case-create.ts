// A new case: its first steps (register; for the summary ticket also the photos, the decision and the collection)
// run through the domain reducer in order, then the case, its officers, one event per step, the audit row and
// the deadline rows are written in the caller's transaction.
import type { DocType } from '@chengguan/contracts';
import {
  applyCaseAction,
  type CaseAction,
  type CaseActionInput,
  type CaseContext,
  type CaseSnapshot,
  type NewCaseFacts,
  newCaseSnapshot,
} from '@chengguan/domain';
import type { Transaction } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { refreshCaseDeadlines, summarizeDeadlines } from './case-deadlines.ts';
import type { CaseOffenceRow } from './case-offence.ts';
import { derivedColumns, partyOnce, runCaseStepHooks } from './case-step.ts';
import { withCaseRules } from './cases.errors.ts';
import { type CaseRow, insertCase, insertCaseEvent, insertCaseOfficers, insertDocument, setCaseNumber } from './cases.repository.ts';

export type PlannedStep = {
  [A in CaseAction]: {
    action: A;
    input: CaseActionInput<A>;
    body: Record<string, unknown>;
    document?: { docType: DocType; number: string; isCaseNumber: boolean };
    write?: (trx: Transaction<DB>, eventId: string) => Promise<void>;
  };
}[CaseAction];

export type NewCase = {
  id: string;
  bureauId: string | null;
  orgId: string;
  partyId: string;
  partyName: string;
  source: string;
  sourceRef: string | null;
  offence: CaseOffenceRow;
  location: string;
  /** WGS-84, checked inside the city's bounds (geo `cityPointOrFail`), with the system it was captured in. */
  point: { lon: number; lat: number; crs: 'wgs84' | 'gcj02' } | null;
  facts: string;
  officerIds: readonly string[];
  snapshotFacts: NewCaseFacts;
};

function apply(s: CaseSnapshot, step: PlannedStep, roles: Actor['roles'], ctx: CaseContext): CaseSnapshot {
  return withCaseRules(() => applyCaseAction(s, step.action, step.input as never, roles, ctx));
}

export async function insertNewCase(
  trx: Transaction<DB>,
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  c: NewCase,
  ctx: CaseContext,
  steps: readonly PlannedStep[],
): Promise<{ snapshot: CaseSnapshot; row: CaseRow }> {
  const states: CaseSnapshot[] = [newCaseSnapshot(c.snapshotFacts)];
  for (const step of steps) states.push(apply(states.at(-1)!, step, actor.roles, ctx));
  const final = states.at(-1)!;
  const now = deps.clock.now();
  const deadlines = summarizeDeadlines(final, ctx);
  let written = await insertCase(trx, {
    id: c.id,
    bureau_id: c.bureauId,
    org_id: c.orgId,
    source: c.source,
    source_ref: c.sourceRef,
    case_number: null,
    offence_id: c.offence.row.id,
    offence_code: c.offence.row.code,
    offence_name: c.offence.row.name,
    domain: c.offence.row.domain,
    party_id: c.partyId,
    party_type: final.party.type,
    party_name: c.partyName,
    act_id: final.act.actId,
    act_date: final.act.actDate,
    location: c.location,
    point_lon: c.point?.lon ?? null,
    point_lat: c.point?.lat ?? null,
    point_crs: c.point?.crs ?? null,
    facts: c.facts,
    created_by: actor.id,
    created_at: now,
    ...(derivedColumns(final, deadlines, now) as Required<Pick<ReturnType<typeof derivedColumns>, 'procedure' | 'state' | 'snapshot'>>),
    version: steps.length,
  });
  await insertCaseOfficers(trx, c.id, c.officerIds);
  const party = partyOnce(trx, c.partyId);
  for (const [i, step] of steps.entries()) {
    const eventId = deps.newId();
    await insertCaseEvent(trx, {
      id: eventId,
      case_id: c.id,
      bureau_id: c.bureauId,
      action: step.action,
      from_state: states[i]!.state,
      to_state: states[i + 1]!.state,
      legal_date: step.input.date,
      at: now,
      actor_id: actor.id,
      version: i + 1,
      data: JSON.stringify({
        ...step.body,
        ...(step.document ? { documentNumber: step.document.number, docType: step.document.docType } : {}),
      }),
    });
    if (step.document) {
      await insertDocument(trx, {
        id: deps.newId(),
        case_id: c.id,
        bureau_id: c.bureauId,
        event_id: eventId,
        doc_type: step.document.docType,
        number: step.document.number,
        issued_on: step.input.date,
      });
      if (step.document.isCaseNumber) {
        await setCaseNumber(trx, c.id, step.document.number);
        // The row the hooks see stays the row as written (a later step's number, the ticket's serial, included).
        written = { ...written, case_number: step.document.number };
      }
    }
    await step.write?.(trx, eventId);
    // Other modules' step hooks (the payment order of a summary fine, the cash receipt …) see the case as written.
    await runCaseStepHooks(step.action, deps, meta, {
      trx,
      actor,
      loaded: { row: written, snapshot: states[i]!, ctx, version: i + 1 },
      next: states[i + 1]!,
      input: step.input as never,
      eventId,
      documentNumber: step.document?.number ?? null,
      after: { row: written, snapshot: final, ctx, version: steps.length },
      party,
    });
  }
  await recordAudit(trx, deps, actor, meta, {
    action: final.procedure === 'summary' ? 'case.summary' : 'case.register',
    entityType: 'case',
    entityId: c.id,
    bureauId: c.bureauId,
    data: { state: final.state, steps: steps.map((s) => s.action), offenceCode: c.offence.row.code, orgId: c.orgId },
  });
  await refreshCaseDeadlines(trx, deps, { id: c.id, bureauId: c.bureauId, orgId: c.orgId }, deadlines);
  return { snapshot: final, row: written };
}
