// Who may take each step: a permission of the platform (role → permission) AND, inside the transaction,
// the domain machine's own roles per action. Jurisdiction (the case's squad inside the actor's subtree) is
// checked on every read and write; outside it the case does not exist (404).
import type { CaseAction } from '@chengguan/domain';
import type { Actor, StepActor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Permission } from '../auth/index.ts';

const WRITE: Permission[] = ['case:write'];
const APPROVE: Permission[] = ['case:approve'];
const DECIDE: Permission[] = ['case:decide'];
const HEARING: Permission[] = ['case:legal_review', 'case:decide'];

/** Any one of the listed permissions allows the step. */
export const ACTION_PERMISSIONS: Record<CaseAction, readonly Permission[]> = {
  register: WRITE,
  convertToOrdinary: WRITE,
  submitFiling: WRITE,
  approveFiling: APPROVE,
  rejectFiling: APPROVE,
  addEvidence: WRITE,
  recordInspection: WRITE,
  recordQuestioning: WRITE,
  concludeInvestigation: WRITE,
  reviewCase: APPROVE,
  completeLegalReview: ['case:legal_review'],
  recordDeliberation: DECIDE,
  confirmLegalBasis: ['case:legal_review'],
  issuePriorNotice: WRITE,
  recordStatement: WRITE,
  reviewStatement: APPROVE,
  waiveStatement: WRITE,
  requestHearing: ['case:write', 'case:legal_review'],
  scheduleHearing: HEARING,
  recordHearing: HEARING,
  terminateHearing: HEARING,
  decide: DECIDE,
  serveDecision: WRITE,
  recordPayment: WRITE,
  approveDeferral: APPROVE,
  startEnforcement: APPROVE,
  concludeEnforcement: APPROVE,
  close: APPROVE,
  archive: APPROVE,
  suspend: APPROVE,
  resume: APPROVE,
  extendDeadline: DECIDE,
  transfer: APPROVE,
  issueSummaryDecision: WRITE,
  collectOnSpot: WRITE,
  recordSummaryPayment: WRITE,
  recordServiceConsent: WRITE,
  recordReviewOrLitigation: ['case:write', 'case:approve', 'case:legal_review'],
};

export function hasActionPermission(actor: Pick<StepActor, 'permissions'>, action: CaseAction): boolean {
  return ACTION_PERMISSIONS[action].some((p) => actor.permissions.has(p));
}

export function assertActionPermission(actor: Pick<StepActor, 'permissions'>, action: CaseAction): void {
  if (!hasActionPermission(actor, action)) throw new AppError('FORBIDDEN');
}

/** Any write permission on cases: such a reader sees the party's personal data unmasked. */
export function canWriteCases(actor: Actor): boolean {
  return (['case:write', 'case:approve', 'case:legal_review', 'case:decide'] as const).some((p) => actor.permissions.has(p));
}

export function inJurisdiction(actor: Pick<StepActor, 'jurisdictionPath'>, orgPath: string): boolean {
  return orgPath.startsWith(actor.jurisdictionPath);
}
