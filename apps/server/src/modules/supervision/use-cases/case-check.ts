// B5 — the automated case-file check (docs/supervision.md §1): the legal engine's own guards over the case's stored
// facts (packages/domain checkCaseFile). Runs inside the 案件审核 step (before 法制审核) and the 结案 step, and on
// demand by a supervisor, a legal reviewer or a leader; each run is kept, so 评查 starts from the latest.
import type { CaseChecks, CaseFileCheck as CaseFileCheckDto, CheckTrigger } from '@chengguan/contracts';
import { checkCaseFile, type CaseContext, type CaseSnapshot } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail, loadCaseOrFail } from '../../cases/index.ts';
import { assertAnyPermission, iso } from '../supervision.shared.ts';
import { checkedFile, checksOfCase, insertCheck } from '../supervision.repository.ts';

export type CheckTarget = { caseId: string; orgId: string; bureauId: string | null; snapshot: CaseSnapshot; ctx: CaseContext };

/** Run the check on the facts given (a step's `next` snapshot, or the stored one) and keep the result. */
export async function runCaseFileCheckIn(
  db: Executor,
  deps: Pick<Deps, 'clock' | 'newId'>,
  target: CheckTarget,
  trigger: CheckTrigger,
  actorId: string | null,
): Promise<{ id: string; score: number; maxScore: number; findings: number }> {
  const { records, documents, service } = await checkedFile(db, target.caseId);
  const result = checkCaseFile(
    {
      snapshot: target.snapshot,
      records,
      documents,
      ...(typeof service?.witnessOrMedia === 'boolean' ? { serviceWitnessOrMedia: service.witnessOrMedia } : {}),
      ...(typeof service?.publishedOn === 'string' ? { servicePublishedOn: service.publishedOn } : {}),
    },
    target.ctx,
  );
  const id = deps.newId();
  await insertCheck(db, {
    id,
    bureau_id: target.bureauId,
    org_id: target.orgId,
    case_id: target.caseId,
    trigger,
    checked_on: target.ctx.today,
    score: result.score,
    max_score: result.maxScore,
    items: result.items,
    findings: result.findings,
    created_by: actorId,
    created_at: deps.clock.now(),
  });
  return { id, score: result.score, maxScore: result.maxScore, findings: result.findings.length };
}

type CheckRow = Awaited<ReturnType<typeof checksOfCase>>[number];

function toDto(r: CheckRow): CaseFileCheckDto {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    trigger: r.trigger as CheckTrigger,
    checkedOn: String(r.checked_on).slice(0, 10),
    score: r.score,
    maxScore: r.max_score,
    items: r.items as CaseFileCheckDto['items'],
    findings: r.findings as CaseFileCheckDto['findings'],
    createdAt: iso(r.created_at),
  };
}

/** Who sees the sheet: whoever reads the case (legal reviewers see it on the case they review). */
export async function getCaseChecks(deps: Deps, actor: Actor, caseId: string): Promise<CaseChecks> {
  assertAnyPermission(actor, ['case:read']);
  await getCaseRowOrFail(deps.db, actor, caseId);
  const rows = await checksOfCase(deps.db, caseId, 20);
  return { latest: rows[0] ? toDto(rows[0]) : null, history: rows.map(toDto) };
}

export async function latestCheck(db: Executor, caseId: string): Promise<CaseFileCheckDto | null> {
  const rows = await checksOfCase(db, caseId, 1);
  return rows[0] ? toDto(rows[0]) : null;
}

/** On demand: a supervisor, a legal reviewer or a leader who may review cases. */
export async function runCaseCheck(deps: Deps, actor: Actor, meta: RequestMeta, caseId: string): Promise<CaseFileCheckDto> {
  assertAnyPermission(actor, ['supervision:write', 'case:legal_review', 'case:approve']);
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await loadCaseOrFail(deps, trx, actor, caseId);
    const r = await runCaseFileCheckIn(
      trx,
      deps,
      { caseId, orgId: loaded.row.org_id, bureauId: loaded.row.bureau_id, snapshot: loaded.snapshot, ctx: loaded.ctx },
      'on_demand',
      actor.id,
    );
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.check',
      entityType: 'case',
      entityId: caseId,
      bureauId: loaded.row.bureau_id,
      data: { checkId: r.id, score: r.score, maxScore: r.maxScore, findings: r.findings },
    });
  });
  return (await latestCheck(deps.db, caseId))!;
}
