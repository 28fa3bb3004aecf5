import type { CaseDetail, CaseEvidence, CaseRecord, EnforcementDomain } from '@chengguan/contracts';
import type { CaseSnapshot } from '@chengguan/domain';
import {
  actVersion,
  bestOfficerCredential,
  CASE_STATE_LABELS,
  caseBasisCheck,
  caseProgress,
  isCaseState,
  paidFen,
  stillNeeded,
  unverifiedBasis,
} from '@chengguan/domain';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { canWriteCases, handlesCase, inJurisdiction } from '../case-access.ts';
import { summarizeDeadlines } from '../case-deadlines.ts';
import type { WrittenCase } from '../case-step.ts';
import { caseContext, hydrated } from '../case-loader.ts';
import { offenceVersionsOf } from '../case-offence.ts';
import { casePointView } from '../case-point.ts';
import { AppError } from '../../../errors/app-error.ts';
import { allowedActionsFor, docTypeOf, eventLabel, toDeadline, toParty } from '../cases.mapper.ts';
import { casePageRows, findCaseWithLawRevision } from '../cases.repository.ts';

/**
 * The case page: facts, party (unmasked only for a reader who handles the case: handlesCase), officers, evidence, 笔录, numbered
 * documents, the timeline, and always the allowed next actions with the reasons any is blocked and every deadline.
 */
export async function getCase(
  deps: Deps,
  actor: Actor,
  id: string,
  db: Executor = deps.db,
  /** The row a step just wrote in this transaction (its `UPDATE … RETURNING`), instead of reading it again. */
  written?: WrittenCase,
): Promise<CaseDetail> {
  assertPermission(actor, 'case:read');
  const found = written?.row.id === id ? written : await findCaseWithLawRevision(db, id);
  if (!found || !inJurisdiction(actor, found.row.org_path)) throw new AppError('NOT_FOUND');
  const { row, lawRevision } = found;
  const stored = row.snapshot as CaseSnapshot;
  // The case row, then one statement for everything else the page shows (law data comes from the revision's cache).
  const [page, versions, ctx, point] = await Promise.all([
    casePageRows(
      db,
      row,
      stored.officers.map((o) => o.id),
    ),
    offenceVersionsOf(db, stored.offence.code, lawRevision),
    caseContext(db, deps.clock.now(), lawRevision),
    casePointView(db, row),
  ]);
  const { party, officers, live, evidence, records, documents, events, recordOfficerNames } = page;
  const s = hydrated(stored, live, page.priorFines, versions);
  const canWrite = canWriteCases(actor);
  const running = summarizeDeadlines(s, ctx).deadlines;
  const deadlines = running.map(toDeadline);
  const allowed = allowedActionsFor(actor, s, ctx, canWrite);
  const decisionDoc = documents.find(
    (d) => d.doc_type === 'decision' || d.doc_type === 'no_penalty_decision' || d.doc_type === 'summary_decision',
  );
  const eventData = (action: string) => (events.find((e) => e.action === action)?.data ?? {}) as Record<string, unknown>;
  const offence = s.offence;
  return {
    id: row.id,
    caseNumber: row.case_number,
    procedure: s.procedure,
    state: row.state as CaseDetail['state'],
    stateLabelZh: isCaseState(row.state) ? CASE_STATE_LABELS[row.state].zh : row.state,
    source: row.source as CaseDetail['source'],
    sourceRef: row.source_ref,
    orgId: row.org_id,
    orgName: row.org_name,
    bureauId: row.bureau_id,
    offence: {
      id: row.offence_id,
      code: row.offence_code,
      name: row.offence_name,
      domain: (row.domain as EnforcementDomain | null) ?? null,
      provision: offence.provision,
      statutoryRange: offence.statutoryRange ?? null,
    },
    lawBasis: lawBasisOf(s, events),
    party: toParty(
      party!,
      handlesCase(
        actor,
        stored.officers.map((o) => o.id),
      ),
    ),
    act: { actId: s.act.actId, actDate: s.act.actDate, continuingUntil: s.act.continuingUntil ?? null },
    location: row.location,
    point,
    facts: row.facts,
    flags: { ...s.flags },
    dates: {
      discoveredOn: s.dates.discoveredOn ?? null,
      registeredOn: s.dates.registeredOn ?? null,
      filedOn: s.dates.filedOn ?? null,
      decidedOn: s.decision?.decidedOn ?? null,
      closedOn: s.dates.closedOn ?? null,
      archivedOn: s.dates.archivedOn ?? null,
    },
    proposal: s.proposal
      ? {
          outcome: s.proposal.outcome,
          penalty: s.proposal.penalty ? { ...s.proposal.penalty, penalties: [...s.proposal.penalty.penalties] } : null,
          tierRange: s.proposal.tierRange ?? null,
        }
      : null,
    decision: s.decision
      ? {
          decidedOn: s.decision.decidedOn,
          outcome: s.decision.outcome,
          penalty: s.decision.penalty ? { ...s.decision.penalty, penalties: [...s.decision.penalty.penalties] } : null,
          number: decisionDoc?.number ?? null,
        }
      : null,
    summary: s.summary
      ? {
          serialNumber: s.summary.serialNumber,
          remedyText: String(eventData('issueSummaryDecision').remedyText ?? ''),
          receiptNumber: s.summary.receiptNumber ?? null,
          collectedOn: s.summary.collectedOn ?? null,
        }
      : null,
    paidFen: paidFen(s),
    officers: officers.map((o) => {
      const off = live.get(o.officer_id);
      const best = bestOfficerCredential(off?.credentials ?? [], ctx.today, s.offence.domain);
      return {
        officerId: o.officer_id,
        name: off?.name ?? '',
        role: o.role,
        credentialStatus: best.status,
        credentialNumber: best.credential?.number ?? null,
      };
    }),
    evidence: evidence.map((e): CaseEvidence => ({
      id: e.id,
      evidenceType: e.evidence_type as CaseEvidence['evidenceType'],
      title: e.title,
      fileSm3: e.file_sm3,
      size: e.size,
      mime: e.mime,
      collectedOn: e.collected_on,
      collectedById: e.collected_by,
      collectedByName: e.collected_by_name,
      device: (e.device as CaseEvidence['device']) ?? null,
      createdAt: new Date(e.created_at).toISOString(),
    })),
    records: records.map((r): CaseRecord => ({
      id: r.id,
      kind: r.kind,
      recordedOn: r.recorded_on,
      officers: r.officer_ids.map((oid) => ({ officerId: oid, name: recordOfficerNames.get(oid) ?? '' })),
      credentialsShown: r.credentials_shown,
      officersSigned: r.officers_signed,
      partySigned: r.party_signed,
      witnessSigned: r.witness_signed,
      absenceNote: r.absence_note,
      statutoryException: r.statutory_exception,
      location: r.location,
      interviewee: r.interviewee,
      content: r.content,
      fileSm3: r.file_sm3,
    })),
    recusals: s.recusals.map((r) => ({ officerId: r.officerId, status: r.status, decidedOn: r.decidedOn ?? null })),
    documents: documents.map((d) => ({ docType: docTypeOf(d.doc_type), number: d.number, issuedOn: d.issued_on, eventId: d.event_id })),
    deadlines,
    timeline: events.map((e) => ({
      id: e.id,
      seq: e.seq,
      action: e.action,
      labelZh: eventLabel(e.action),
      fromState: e.from_state,
      toState: e.to_state,
      legalDate: e.legal_date,
      at: new Date(e.at).toISOString(),
      actorId: e.actor_id,
      actorName: e.actor_name,
      data: e.data,
    })),
    allowedActions: allowed,
    progress: { ...caseProgress(s, running, ctx), stillNeeded: stillNeeded(allowed) },
    hasOverdue: row.has_overdue,
    canWrite,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** E12 on the case page: what a decision prints now, what is unverified and who confirmed what for this case. */
function lawBasisOf(s: CaseSnapshot, events: readonly { action: string; actor_name: string | null }[]): CaseDetail['lawBasis'] {
  const version = actVersion(s);
  const check = caseBasisCheck(s);
  if (!version?.basis || !check) return null;
  const c = s.lawBasisConfirmation?.offenceVersionId === version.versionId ? s.lawBasisConfirmation : undefined;
  return {
    violatedProvision: check.ok ? check.violatedProvision : version.basis.violatedProvision,
    penaltyProvision: check.ok ? check.penaltyProvision : version.basis.penaltyProvision,
    unverified: unverifiedBasis(version.basis),
    printable: check.ok,
    confirmation: c
      ? {
          confirmedOn: c.confirmedOn,
          reviewerId: c.reviewerId,
          reviewerName: events.filter((e) => e.action === 'confirmLegalBasis').at(-1)?.actor_name ?? null,
          violatedProvision: c.violatedProvision,
          penaltyProvision: c.penaltyProvision,
        }
      : null,
  };
}
