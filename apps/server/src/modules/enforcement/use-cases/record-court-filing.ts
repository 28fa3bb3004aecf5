import type { CourtFilingBody, EnforcementOverview } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../../cases/index.ts';
import { getEnforcement } from './get-enforcement.ts';

/** The application was filed with the court: startEnforcement {kind: 'court_application'} (G3 guard: inside the window). */
export async function recordCourtFiling(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  body: CourtFilingBody,
): Promise<EnforcementOverview> {
  await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'startEnforcement',
    body: { ...body, kind: 'court_application' },
    input: () => ({ date: body.date, kind: 'court_application' }),
  });
  return getEnforcement(deps, actor, caseId);
}
