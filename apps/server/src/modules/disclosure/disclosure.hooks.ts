// I1 — an entry is written in the decide step's transaction for every decision that must be published, due by the
// configured working days after the decision (国办发〔2018〕118号), and a job to publish it is queued at once.
// Publishing is the worker's job (not the step's), so a failed publication retries and, if it keeps failing, the
// entry shows as overdue on 「公示管理」 after its due day.
import { decisionMustBePublished, disclosureDeadline, redactDecisionForDisclosure } from '@chengguan/domain';
import type { Deps, RequestMeta } from '../../context.ts';
import { recordAudit } from '../audit/index.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { enqueueJob } from '../scheduler/index.ts';
import { bureauName, insertDisclosure } from './disclosure.repository.ts';
import { penaltyText } from './penalty-text.ts';

export const JOB_DISCLOSURE_PUBLISH = 'disclosure.publish';
export const JOB_DISCLOSURE_WITHDRAW = 'disclosure.withdraw';

export async function createDisclosureOnDecision(deps: Deps, meta: RequestMeta, w: StepWrite<'decide'>): Promise<void> {
  const d = w.next.decision;
  if (!d || !w.documentNumber) return;
  const check = decisionMustBePublished({ procedure: w.next.procedure, outcome: d.outcome, penalties: d.penalty?.penalties ?? [] });
  if (!check.publish) return;
  const row = w.loaded.row;
  const party = await w.party();
  const agencyName = await bureauName(w.trx, row.bureau_id, row.org_id);
  const content = redactDecisionForDisclosure({
    documentNumber: w.documentNumber,
    party: { type: w.next.party.type, name: party?.name ?? row.party_name, idNumber: party?.id_number ?? null },
    facts: row.facts,
    location: row.location,
    legalBasis: w.next.offence.provision,
    penaltyText: penaltyText(d.penalty),
    agencyName,
    decidedOn: d.decidedOn,
  });
  const due = disclosureDeadline(d.decidedOn, w.loaded.ctx.calendar, w.loaded.ctx.config);
  const id = deps.newId();
  const now = deps.clock.now();
  await insertDisclosure(w.trx, {
    id,
    bureau_id: row.bureau_id,
    org_id: row.org_id,
    case_id: row.id,
    document_number: w.documentNumber,
    agency_name: agencyName,
    decided_on: d.decidedOn,
    publish_due_on: due.due,
    content: JSON.stringify(content),
    search_text: [content.partyName, content.creditCode, content.facts, content.legalBasis, content.penalty, content.location]
      .filter(Boolean)
      .join(' '),
    created_at: now,
  });
  await enqueueJob(w.trx, {
    id: deps.newId(),
    kind: JOB_DISCLOSURE_PUBLISH,
    runAt: now,
    payload: { disclosureId: id },
    bureauId: row.bureau_id,
  });
  await recordAudit(w.trx, deps, w.actor, meta, {
    action: 'disclosure.create',
    entityType: 'disclosure',
    entityId: id,
    bureauId: row.bureau_id,
    data: { caseId: row.id, documentNumber: w.documentNumber, publishDueOn: due.due, rule: check.line.ruleId, basis: due.basis },
  });
}

/** Registered once per process by buildModules. */
export function installDisclosureHooks(): void {
  registerCaseStepHook('decide', createDisclosureOnDecision);
}
