// A decided case against a registered subject enters the subject's timeline, in the decision's transaction, so the
// subject is regraded with it: a penalty is a violation, a transfer to the judicial organs (涉嫌犯罪) a serious
// violation. A decision not to punish (facts not established, or 首违不罚 for a minor first act) adds nothing the
// risk rules count.
import type { Deps, RequestMeta } from '../../context.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { recordSubjectEvents, type SubjectEventKind } from './subjects.shared.ts';

export async function violationOnDecision(deps: Deps, _meta: RequestMeta, w: StepWrite<'decide' | 'issueSummaryDecision'>): Promise<void> {
  const row = w.loaded.row;
  const subjectId = row.subject_id;
  const d = w.next.decision;
  if (!subjectId || !d) return;
  const kind: SubjectEventKind | null =
    d.outcome === 'penalty' ? 'violation' : d.outcome === 'transfer_judicial' ? 'serious_violation' : null;
  if (!kind) return;
  const number = w.documentNumber ?? row.case_number ?? '';
  await recordSubjectEvents(deps, w.trx, [
    {
      id: deps.newId(),
      subjectId,
      kind,
      occurredOn: d.decidedOn,
      refType: 'case',
      refId: row.id,
      summaryZh: `${kind === 'violation' ? '行政处罚决定' : '移送司法机关'}${number ? `（${number}）` : ''}`,
      data: { caseId: row.id, caseNumber: row.case_number, documentNumber: w.documentNumber, outcome: d.outcome },
      actorId: w.actor.id,
    },
  ]);
}

/** Registered once per process by buildModules. */
export function installSubjectHooks(): void {
  registerCaseStepHook('decide', violationOnDecision);
  registerCaseStepHook('issueSummaryDecision', violationOnDecision);
}
