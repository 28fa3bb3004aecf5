// A step that numbers a document produces it: inside the step's transaction, after the 文号 is allocated, the
// document is issued with the same issuance as the 文书 tab (PDF, SM3, SM2 signature, row, audit) — so the step's
// state, its number and the PDF's hash commit together. Which step makes which kind: the domain's stepDocumentKind;
// all are issued at once (docs/documents.md, "Documents at the step").
import { type CaseAction, DOCUMENT_MAKING_ACTIONS, stepDocumentKind } from '@chengguan/domain';
import type { Deps, RequestMeta } from '../../context.ts';
import { withSavepoint } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { type CaseStepHook, registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { issueCaseDocument } from './issue-document.ts';

type MakingAction = (typeof DOCUMENT_MAKING_ACTIONS)[number];

/**
 * The step's event is the document's source, so a replayed hook returns the first document. A document the case's
 * data cannot fill yet (a decision without the party's address, E5) does not undo the step: it rolls back to its
 * savepoint, and the 文书 tab lists it as not made, with the action to make it (which names the missing item).
 */
async function makeStepDocument(deps: Deps, meta: RequestMeta, w: StepWrite<CaseAction>, action: MakingAction): Promise<void> {
  if (!w.documentNumber) return;
  const kind = stepDocumentKind(action, w.next);
  if (!kind) return;
  await withSavepoint(w.trx, 'step_document', () =>
    issueCaseDocument(w.trx, deps, w.actor, meta, {
      caseId: w.loaded.row.id,
      kind,
      sourceId: w.eventId,
      issuedOn: w.input.date,
      loaded: w.after,
    }),
  ).catch((e: unknown) => {
    if (e instanceof AppError) return null;
    throw e;
  });
}

/** One hook function per action, so registering again (every app a test builds) adds nothing. */
const HOOKS = new Map<MakingAction, CaseStepHook>(
  DOCUMENT_MAKING_ACTIONS.map((action) => [action, (deps, meta, w) => makeStepDocument(deps, meta, w as StepWrite<CaseAction>, action)]),
);

/** Registered once per process by buildModules. */
export function installStepDocumentHooks(): void {
  for (const [action, hook] of HOOKS) registerCaseStepHook(action, hook);
}
