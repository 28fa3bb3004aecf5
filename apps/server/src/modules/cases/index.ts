// 案件: ordinary and summary cases as state machines; one step = one transaction (case-step.ts).
import type { ServerModule } from '../../platform/server-module.ts';
import { CASE_JOB_HANDLERS } from './cases.jobs.ts';
import { caseRoutes } from './cases.routes.ts';

export { assertActionPermission, inJurisdiction } from './case-access.ts';
export { caseContext, getCaseRowOrFail, hydrateSnapshot, loadCaseOrFail, storedSnapshot, type LoadedCase } from './case-loader.ts';
// The bulk city generator writes what a step writes, from the same functions.
export { deadlineJobs, summarizeDeadlines, type DeadlineSummary } from './case-deadlines.ts';
export { DEFAULT_FLAGS, offenceOnOrFail } from './case-offence.ts';
export { derivedColumns, registerCaseStepHook, runCaseStep, runCaseStepIn, type CaseStepHook, type StepWrite } from './case-step.ts';
export { ruleViolation } from './cases.errors.ts';
export { maskPartyName, registerEventLabel } from './cases.mapper.ts';
export {
  caseDocuments,
  caseEvents,
  caseEvidence,
  caseOfficerIds,
  casePageRows,
  caseRecords,
  CREDENTIALS_OF_O,
  type CasePageRows,
  findCase,
  findCaseWithLawRevision,
  findParty,
  insertCaseEvent,
  insertTicketRange,
  officerNames,
  officersWithCredentials,
  type CaseRow,
} from './cases.repository.ts';
export { channelActor } from './channel-actor.ts';
// Role homes count and judge cases with the list's own queries (capped counts, bounded reads).
export { canWriteCases, handlesCase, hasActionPermission } from './case-access.ts';
export { hydrateSnapshots } from './case-loader.ts';
export { listCases as listCaseRows, snapshotsOf, type CaseFilter, type CaseListRow } from './cases.repository.ts';
export { allocateDocNumber, defaultPattern, formatDocNumber } from './doc-numbers.ts';
export { decidingBodyOf } from './use-cases/issue-summary-ticket.ts';
// A case registered from an inspection visit (检查转案): registration and its photos in the visit module's transaction.
export { addEvidenceIn } from './use-cases/add-evidence.ts';
export { registerCaseIn } from './use-cases/register-case.ts';

export const casesModule: ServerModule = { name: 'cases', routes: caseRoutes, jobs: CASE_JOB_HANDLERS };
