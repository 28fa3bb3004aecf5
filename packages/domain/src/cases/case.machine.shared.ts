// Shared vocabulary of the transition table: the row type, the roles and procedures, the chronology guards.
import type { Role } from '@chengguan/contracts';
import type { CaseActionInput } from './case-inputs.ts';
import type { CaseAction, CaseState, MachineState, Procedure } from './case-states.ts';
import type { CaseSnapshot, RecordKind } from './case-snapshot.ts';
import type { CaseDeadlineKind } from './case.deadlines.ts';
import { notBeforeDiscovery, notBeforeLastTransition, notInFuture, type CaseGuard } from './case.guards.ts';

export type CaseTarget<A extends CaseAction> = CaseState | ((s: CaseSnapshot, input: CaseActionInput<A>) => CaseState);

export type CaseTransition<A extends CaseAction> = {
  action: A;
  labelZh: string;
  procedures: readonly Procedure[];
  from: readonly MachineState[];
  /** null: the action writes a record and leaves the state as it is. */
  to: CaseTarget<A> | null;
  guards: readonly CaseGuard<A>[];
  roles: readonly Role[];
  records: readonly RecordKind[];
  startsDeadlines: readonly CaseDeadlineKind[];
  /**
   * Recorded when something happens outside the bureau's workflow (the party signs a consent, files a review):
   * never a task of the officer, so `allowedActions` leaves it out; it is taken through its own endpoint.
   */
  onEvent?: true;
};

export type CaseMachine = { [A in CaseAction]: CaseTransition<A> };

export const OFFICERS: readonly Role[] = ['field_officer', 'squad_leader'];
export const LEADERS: readonly Role[] = ['squad_leader', 'bureau_leader'];
// 处罚法 Art. 57: 「调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出如下决定」
export const AGENCY_HEAD: readonly Role[] = ['bureau_leader'];
export const LEGAL: readonly Role[] = ['legal_reviewer'];
export const HEARING_STAFF: readonly Role[] = ['legal_reviewer', 'bureau_leader'];

export const BOTH: readonly Procedure[] = ['ordinary', 'summary'];
export const ORDINARY: readonly Procedure[] = ['ordinary'];
export const SUMMARY: readonly Procedure[] = ['summary'];

/** Every dated step: not in the future, not before the previous step (no backdating). */
export const STEP = [notInFuture, notBeforeLastTransition] as const;
/** Evidence and 笔录 may predate the current step (taken at discovery), not the discovery itself. */
export const FIELD = [notInFuture, notBeforeDiscovery] as const;
