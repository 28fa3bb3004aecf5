// The plan's states: draft → submitted → approved → drawn (docs/random-inspections.md §5).
// Submit: the author's side checks the plan is complete. Approve: someone else above every squad freezes the pools,
// generates the secret seed and publishes its commitment and the input digest. Reopen: a submitted or approved plan
// goes back to draft (its frozen pools and its seed are discarded; a new approval draws a new seed).
import type { PlanActionBody, PlanDetail } from '@chengguan/contracts';
import { randomBytes } from 'node:crypto';
import {
  drawCommitment,
  drawCredentialsActing,
  drawInputDigest,
  drawSeedHexFromBytes,
  DrawInputError,
  type CredentialLike,
} from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { mattersByCode } from '../../inspections/index.ts';
import { subjectPoolQuery } from '../../subjects/index.ts';
import { fieldOfficersOf, freezeTargets, insertFrozenInspectors, type FrozenInspector } from '../random-inspections.repository.ts';
import { approvalRefusal, mayEdit, planProportions } from '../plan-rules.ts';
import { loadPlanDetail, planRowOrFail } from './get-plan.ts';

const rule = (field: string, zh: string, en: string) => fieldError(field, zh, en, 'RULE_VIOLATION');

/** Where the 32 seed bytes come from: the operating system's randomness; tests pass a fixed source. */
export type SeedSource = (bytes: number) => Uint8Array;
export const CRYPTO_SEED_SOURCE: SeedSource = (n) => new Uint8Array(randomBytes(n));

function stateError(zh: string, en: string): AppError {
  return new AppError('STATE_CONFLICT', { message: zh, messageEn: en });
}

export async function submitPlan(deps: Deps, actor: Actor, meta: RequestMeta, id: string, input: PlanActionBody): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:write');
  await deps.db.transaction().execute(async (trx) => {
    const { row, squads, matterCodes } = await planRowOrFail(trx, actor, id, true);
    if (!mayEdit(actor, squads, row.bureau_path)) throw new AppError('FORBIDDEN');
    if (row.status !== 'draft') throw stateError('只有草稿状态的计划可以提交审批', 'Only a draft plan can be submitted');
    if (row.version !== input.expectedVersion) throw new AppError('STATE_CONFLICT');
    if (row.subject_kinds.length === 0) throw rule('subjectKinds', '请选择抽查的对象类别', 'choose the kinds of subject to draw from');
    if (matterCodes.length === 0) throw rule('matterCodes', '请从检查事项清单中选择检查事项', 'choose the matters to inspect');
    const matters = await mattersByCode(trx, matterCodes);
    row.subject_kinds.forEach((k, i) => {
      if (!matters.some((m) => m.subjectKinds.includes(k as never))) {
        throw rule(`subjectKinds[${i}]`, '所选检查事项都不适用于该类对象', 'none of the chosen matters applies to this kind');
      }
    });
    await trx
      .updateTable('inspection_plans')
      .set({
        status: 'submitted',
        submitted_by: actor.id,
        submitted_at: deps.clock.now(),
        version: row.version + 1,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.submit',
      entityType: 'inspection_plan',
      entityId: id,
      bureauId: row.bureau_id,
      data: {},
    });
  });
  return loadPlanDetail(deps, actor, id);
}

/**
 * Where an approval's time goes (the bench reads it): writing and reading back the frozen target pool (with the plan's
 * checks before it), the inspector pool, the input digest, the remaining writes, and the answer's plan detail.
 */
export type ApproveTimings = {
  freezeMs: number;
  inspectorsMs: number;
  digestMs: number;
  writeMs: number;
  detailMs: number;
  targets: number;
};

/**
 * Approval freezes the pools as they stand today: the live subjects of the plan's squads, kinds and levels (with
 * their level and their squad's code as area), the active field officers of the squads (with their credentials,
 * judged on the draw date), the conflicts. Then the seed is drawn from `seedSource`, kept, and its commitment and
 * the input digest are published. All in one transaction.
 */
export async function approvePlan(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: PlanActionBody,
  seedSource: SeedSource = CRYPTO_SEED_SOURCE,
  onTimings?: (t: ApproveTimings) => void,
): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:approve');
  const t0 = performance.now();
  let t1 = t0;
  let t2 = t0;
  let t3 = t0;
  let frozen = 0;
  await deps.db.transaction().execute(async (trx) => {
    const { row, squads, conflicts } = await planRowOrFail(trx, actor, id, true);
    const refusal = approvalRefusal(actor, row, squads);
    if (refusal) throw refusal;
    if (row.status !== 'submitted') throw stateError('只有已提交审批的计划可以审批', 'Only a submitted plan can be approved');
    if (row.version !== input.expectedVersion) throw new AppError('STATE_CONFLICT');
    const drawDate = row.period_from;
    const areaOf = new Map(squads.map((s) => [s.id, s.code]));

    // The pool is written where it stands and read back as written (the digest is computed from those rows).
    const targets =
      row.subject_kinds.length === 0 || row.squad_ids.length === 0
        ? []
        : await freezeTargets(
            trx,
            id,
            subjectPoolQuery(trx, {
              bureauId: row.bureau_id,
              orgIds: row.squad_ids,
              kinds: row.subject_kinds,
              ...(row.risk_levels.length > 0 ? { levels: row.risk_levels } : {}),
            }),
          );
    if (targets.length === 0)
      throw rule(
        'subjectKinds',
        '按所选中队、类别和风险等级没有可抽取的执法对象',
        'no subject matches the chosen squads, kinds and levels',
      );
    t1 = performance.now();
    frozen = targets.length;
    const { proportions } = planProportions(row);
    const withProportion = new Set(proportions.map((p) => p.level));
    const missing = [...new Set(targets.map((t) => t.level))].filter((l) => !withProportion.has(l));
    if (missing.length > 0) {
      throw rule('proportions', `风险等级${missing.join('、')}未设定抽查比例`, `no proportion for level ${missing.join(', ')}`);
    }
    const officers = await fieldOfficersOf(trx, row.squad_ids);
    const inspectors: FrozenInspector[] = officers.map((o) => ({
      officer_id: o.id,
      org_id: o.org_id,
      area: areaOf.get(o.org_id)!,
      acting: drawCredentialsActing(o.credentials as CredentialLike[], drawDate),
      credentials: o.credentials,
    }));

    const seedHex = drawSeedHexFromBytes(seedSource(32));
    t2 = performance.now();
    let inputDigest: string;
    try {
      inputDigest = drawInputDigest({
        drawDate,
        targets,
        inspectors: officers.map((o) => ({ id: o.id, area: areaOf.get(o.org_id)!, credentials: o.credentials })),
        conflicts: conflicts.map((c) => ({ inspectorId: c.officer_id, targetId: c.subject_id })),
        proportions,
        ...(row.max_targets_per_team !== null ? { maxTargetsPerTeam: row.max_targets_per_team } : {}),
      });
    } catch (e) {
      if (e instanceof DrawInputError) throw rule(e.field, e.messageZh, e.message);
      throw e;
    }
    t3 = performance.now();
    await insertFrozenInspectors(trx, id, inspectors);
    const now = deps.clock.now();
    await trx
      .updateTable('inspection_plans')
      .set({
        status: 'approved',
        approved_by: actor.id,
        approved_at: now,
        seed_hex: seedHex,
        commitment: drawCommitment(seedHex),
        input_digest: inputDigest,
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.approve',
      entityType: 'inspection_plan',
      entityId: id,
      bureauId: row.bureau_id,
      data: { commitment: drawCommitment(seedHex), inputDigest, targets: targets.length, inspectors: inspectors.length },
    });
  });
  const t4 = performance.now();
  const detail = await loadPlanDetail(deps, actor, id);
  onTimings?.({
    freezeMs: t1 - t0,
    inspectorsMs: t2 - t1,
    digestMs: t3 - t2,
    writeMs: t4 - t3,
    detailMs: performance.now() - t4,
    targets: frozen,
  });
  return detail;
}

/** Back to draft before the draw (a refused draw, a pool to correct): the frozen pools and the seed are discarded. */
export async function reopenPlan(deps: Deps, actor: Actor, meta: RequestMeta, id: string, input: PlanActionBody): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:approve');
  await deps.db.transaction().execute(async (trx) => {
    const { row, squads } = await planRowOrFail(trx, actor, id, true);
    const refusal = approvalRefusal(actor, row, squads);
    if (refusal) throw refusal;
    if (row.status !== 'submitted' && row.status !== 'approved') {
      throw stateError('只有已提交或已审批、尚未抽取的计划可以退回', 'Only a submitted or approved plan not yet drawn can be sent back');
    }
    if (row.version !== input.expectedVersion) throw new AppError('STATE_CONFLICT');
    await trx.deleteFrom('inspection_plan_targets').where('plan_id', '=', id).execute();
    await trx.deleteFrom('inspection_plan_inspectors').where('plan_id', '=', id).execute();
    await trx
      .updateTable('inspection_plans')
      .set({
        status: 'draft',
        approved_by: null,
        approved_at: null,
        seed_hex: null,
        commitment: null,
        input_digest: null,
        version: row.version + 1,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.reopen',
      entityType: 'inspection_plan',
      entityId: id,
      bureauId: row.bureau_id,
      data: { from: row.status, discardedCommitment: row.commitment },
    });
  });
  return loadPlanDetail(deps, actor, id);
}
