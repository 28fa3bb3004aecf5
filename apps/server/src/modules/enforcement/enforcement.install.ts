// Step hooks: every step that changes payment, service or enforcement refreshes the case's enforcement row in the
// step's own transaction, so the 「强制执行」 list never lags a step.
import type { CaseAction } from '@chengguan/domain';
import { type CaseStepHook, registerCaseStepHook, registerEventLabel } from '../cases/index.ts';
import { EVENT_AWAITING_REMINDER, refreshCaseEnforcement } from './enforcement-refresh.ts';

/** The steps after which the case's enforcement row is refreshed (the generator writes a row for the cases that took one). */
export const ENFORCEMENT_REFRESH_ACTIONS: readonly CaseAction[] = [
  'serveDecision',
  'recordPayment',
  'approveDeferral',
  'startEnforcement',
  'concludeEnforcement',
  'recordReviewOrLitigation',
  'close',
  'suspend',
  'resume',
  'issueSummaryDecision',
  'collectOnSpot',
  'recordSummaryPayment',
];

const refresh: CaseStepHook = async (deps, meta, w) => {
  await refreshCaseEnforcement(w.trx, deps, meta, { ...w.loaded.row, state: w.next.state }, w.next, w.loaded.ctx, { mark: false });
};

export function installEnforcementHooks(): void {
  for (const action of ENFORCEMENT_REFRESH_ACTIONS) registerCaseStepHook(action, refresh);
  // The timeline label of the worker's 待催告 mark.
  registerEventLabel(EVENT_AWAITING_REMINDER, '待催告');
}
