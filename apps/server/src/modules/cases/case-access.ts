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

/** Any write permission on cases (a step of the machine to take). */
export function canWriteCases(actor: Pick<Actor, 'permissions'>): boolean {
  return (['case:write', 'case:approve', 'case:legal_review', 'case:decide'] as const).some((p) => actor.permissions.has(p));
}

/**
 * Who handles a case sees its party unmasked (name, ID number, phone, address): the case's own officers and, inside
 * the jurisdiction that every read checks first, the roles that take its steps — the squad's officers and leader
 * (case:write / case:approve), the legal reviewers (case:legal_review) and the leaders (case:decide). The roles
 * that only watch (指挥中心 commander, 督察 supervisor) see the party masked (个人信息保护法 Art. 6: no more
 * personal data than the task needs). The Excel export stays masked for everyone: a file leaves the system.
 */
export function handlesCase(actor: Pick<Actor, 'id' | 'permissions'>, caseOfficerIds: readonly string[] = []): boolean {
  return caseOfficerIds.includes(actor.id) || canWriteCases(actor);
}

export function inJurisdiction(actor: Pick<StepActor, 'jurisdictionPath'>, orgPath: string): boolean {
  return orgPath.startsWith(actor.jurisdictionPath);
}
