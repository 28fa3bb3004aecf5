// B5 inside the case steps' transactions: 案件审核 (the file goes to 法制审核 next) and 结案 run the check on the facts
// the step has just written, judged on the step's day.
import type { Deps, RequestMeta } from '../../context.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { registerSupervisionTheme } from './supervision.cockpit.ts';
import { runCaseFileCheckIn } from './use-cases/case-check.ts';

function checkOn(trigger: 'before_legal_review' | 'closing') {
  return async (deps: Deps, _meta: RequestMeta, w: StepWrite<'reviewCase' | 'close'>): Promise<void> => {
    const row = w.loaded.row;
    await runCaseFileCheckIn(
      w.trx,
      deps,
      { caseId: row.id, orgId: row.org_id, bureauId: row.bureau_id, snapshot: w.next, ctx: { ...w.loaded.ctx, today: w.input.date } },
      trigger,
      w.actor.id,
    );
  };
}

const BEFORE_LEGAL_REVIEW = checkOn('before_legal_review');
const CLOSING = checkOn('closing');

export function installSupervisionHooks(): void {
  registerCaseStepHook('reviewCase', BEFORE_LEGAL_REVIEW);
  registerCaseStepHook('close', CLOSING);
  registerSupervisionTheme();
}
