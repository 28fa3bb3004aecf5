import type { CaseActionBody, CaseDetail } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { runCaseStep } from '../case-step.ts';
import { getCase } from './get-case.ts';

export type ArchiveCaseOptions = { caseId: string; body: CaseActionBody<'archive'> };

/** 归档, refused while any stage record is missing (A6). */
export async function archiveCase(deps: Deps, actor: Actor, meta: RequestMeta, { caseId, body }: ArchiveCaseOptions): Promise<CaseDetail> {
  const { expectedVersion: _v, note: _n, ...input } = body;
  const written = await runCaseStep(deps, actor, meta, {
    caseId,
    action: 'archive',
    body,
    input: () => input,
  });
  return getCase(deps, actor, caseId, deps.db, written);
}
