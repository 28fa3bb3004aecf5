import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ResumeCaseOptions = { caseId: string; body: CaseActionBody<'resume'> };

/** 恢复: the case returns to the state it was suspended in. */
export async function resumeCase(deps: Deps, actor: Actor, meta: RequestMeta, { caseId, body }: ResumeCaseOptions): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'resume',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
