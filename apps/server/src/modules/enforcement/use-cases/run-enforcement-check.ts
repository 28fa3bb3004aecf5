import type { EnforcementCheckResult } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { runEnforcementCheck } from '../enforcement.jobs.ts';

/** The daily check on demand, for the actor's jurisdiction (squad leaders and above). */
export async function runEnforcementCheckNow(deps: Deps, actor: Actor, meta: RequestMeta): Promise<EnforcementCheckResult> {
  assertPermission(actor, 'case:approve');
  const r = await runEnforcementCheck(deps, meta, { jurisdictionPath: actor.jurisdictionPath, all: true });
  return { checked: r.checked, marked: r.marked };
}
