// The draw (双随机): on or after the period's first day, someone who may approve the plan reveals the seed and runs
// the domain's runDraw on the frozen pools; the teams, the drawn targets and their inspection tasks are written in one
// transaction. A refusal (too few inspectors in a squad, a target no team may take) writes nothing and names the
// field and the rule.
import type { PlanActionBody, PlanDetail } from '@chengguan/contracts';
import { addWorkingDays, DrawInputError, runDraw, type CredentialLike, type DrawOutcome, type DrawRefusal } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { insertInspectionTasksFrom, mattersByCode } from '../../inspections/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { drawnTaskRows, frozenInspectors, frozenTargets, insertDrawnTargets } from '../random-inspections.repository.ts';
import { approvalRefusal, planProportions } from '../plan-rules.ts';
import { loadPlanDetail, planRowOrFail } from './get-plan.ts';

const DRAW_RULE = '《中华人民共和国行政处罚法》第四十二条（执法人员不得少于两人）；国办发〔2015〕58号（随机选派执法检查人员）';

function refusalError(refusal: DrawRefusal, squadName: (area: string) => string): AppError {
  if (refusal.code === 'INSUFFICIENT_INSPECTORS') {
    const zh = refusal.shortages
      .map(
        (s) =>
          `${squadName(s.area)}抽中检查对象${s.selectedTargets}个，需要执法人员${s.neededInspectors}名，持有效执法证的仅${s.eligibleInspectors}名，缺${s.neededInspectors - s.eligibleInspectors}名` +
          (s.excludedForCredential > 0 ? `（另有${s.excludedForCredential}名执法证无效）` : ''),
      )
      .join('；');
    const en = refusal.shortages
      .map((s) => `${s.area}: ${s.selectedTargets} targets need ${s.neededInspectors} inspectors, ${s.eligibleInspectors} eligible`)
      .join('; ');
    return new AppError('RULE_VIOLATION', {
      field: 'orgIds',
      rule: `INSUFFICIENT_INSPECTORS ${DRAW_RULE}`,
      message: `执法人员不足，未抽取：${zh}`,
      messageEn: `Too few inspectors; nothing was drawn: ${en}`,
      details: refusal.shortages.map((s) => ({
        field: 'orgIds',
        message: `${squadName(s.area)}缺执法人员${s.neededInspectors - s.eligibleInspectors}名`,
        messageEn: `${s.area} lacks ${s.neededInspectors - s.eligibleInspectors} inspectors`,
      })),
    });
  }
  const field = refusal.conflictedTeams > 0 ? 'conflicts' : 'maxTargetsPerTeam';
  return new AppError('RULE_VIOLATION', {
    field,
    rule: `NO_TEAM_FOR_TARGET ${DRAW_RULE}`,
    message: `${squadName(refusal.area)}共${refusal.teams}个检查组，其中${refusal.conflictedTeams}个组有成员须回避、${refusal.fullTeams}个组已满额，检查对象${refusal.targetId}无法分配，未抽取`,
    messageEn: `No team of ${refusal.area} may take target ${refusal.targetId} (${refusal.conflictedTeams} conflicted, ${refusal.fullTeams} full of ${refusal.teams}); nothing was drawn`,
    details: [{ field, message: `检查对象${refusal.targetId}无可分配的检查组`, messageEn: `no team for target ${refusal.targetId}` }],
  });
}

/** Where a draw's time goes (the bench reads it): loading the frozen pools, runDraw, writing (of which the tasks), the answer. */
export type DrawTimings = {
  loadMs: number;
  drawMs: number;
  writeMs: number;
  tasksMs: number;
  /** Reading the plan detail the request answers with. */
  detailMs: number;
  targets: number;
  drawn: number;
};

export async function drawPlan(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: PlanActionBody,
  onTimings?: (t: DrawTimings) => void,
): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:approve');
  const t0 = performance.now();
  let t1 = t0;
  let t2 = t0;
  let counts = { targets: 0, drawn: 0 };
  let tasksMs = 0;
  await deps.db.transaction().execute(async (trx) => {
    const { row, squads, matterCodes, conflicts } = await planRowOrFail(trx, actor, id, true);
    const refusal = approvalRefusal(actor, row, squads);
    if (refusal) throw refusal;
    if (row.status !== 'approved')
      throw new AppError('STATE_CONFLICT', {
        message: '只有已审批、尚未抽取的计划可以抽取',
        messageEn: 'Only an approved plan not yet drawn can be drawn',
      });
    if (row.version !== input.expectedVersion) throw new AppError('STATE_CONFLICT');
    const today = shanghaiDate(deps.clock.now());
    if (today < row.period_from) {
      throw fieldError(
        'periodFrom',
        `抽查期间自${row.period_from}开始，当日起方可抽取`,
        `the draw may run from ${row.period_from}`,
        'RULE_VIOLATION',
      );
    }
    if (today > row.period_to) throw fieldError('periodTo', '抽查期间已结束，不能再抽取', 'the period is over', 'RULE_VIOLATION');

    const [targets, inspectors, matters, calendar] = await Promise.all([
      frozenTargets(trx, id),
      frozenInspectors(trx, id),
      mattersByCode(trx, matterCodes),
      loadWorkCalendar(trx),
    ]);
    t1 = performance.now();
    const squadOfArea = new Map(squads.map((s) => [s.code, s]));
    const squadName = (area: string) => squadOfArea.get(area)?.name ?? area;
    let outcome: DrawOutcome;
    try {
      const r = runDraw({
        seedHex: row.seed_hex!,
        drawDate: row.period_from,
        targets,
        inspectors: inspectors.map((p) => ({ id: p.officer_id, area: p.area, credentials: p.credentials as CredentialLike[] })),
        conflicts: conflicts.map((c) => ({ inspectorId: c.officer_id, targetId: c.subject_id })),
        proportions: planProportions(row).proportions,
        ...(row.max_targets_per_team !== null ? { maxTargetsPerTeam: row.max_targets_per_team } : {}),
      });
      if (!r.ok) throw refusalError(r.refusal, squadName);
      outcome = r;
    } catch (e) {
      if (e instanceof DrawInputError) throw fieldError(e.field, e.messageZh, e.message, 'RULE_VIOLATION');
      throw e;
    }
    t2 = performance.now();

    const mattersOfKind = new Map<string, string[]>();
    for (const kind of row.subject_kinds) {
      mattersOfKind.set(
        kind,
        matters.filter((m) => m.subjectKinds.includes(kind as never)).map((m) => m.code),
      );
    }
    if (outcome.teams.length > 0) {
      await trx
        .insertInto('inspection_plan_teams')
        .values(
          outcome.teams.map((t) => ({
            plan_id: id,
            team_no: t.teamNo,
            org_id: squadOfArea.get(t.area)!.id,
            area: t.area,
            inspector_ids: [...t.inspectorIds],
          })),
        )
        .execute();
    }
    // The drawn targets and their tasks are written from the frozen pool where it stands: only the drawn ids, their
    // teams and the tasks' ids travel (a task's squad, team and matters are joined in the statement).
    await insertDrawnTargets(trx, id, outcome.targets);
    const taskIds = outcome.targets.map(() => deps.newId());
    const tTasks = performance.now();
    await insertInspectionTasksFrom(trx, {
      rows: drawnTaskRows(id, mattersOfKind),
      ids: taskIds,
      bureauId: row.bureau_id,
      origin: 'random',
      planId: id,
      dueOn: row.period_to,
      createdBy: actor.id,
    });
    tasksMs = performance.now() - tTasks;
    const now = deps.clock.now();
    await trx
      .updateTable('inspection_plans')
      .set({
        status: 'drawn',
        drawn_by: actor.id,
        drawn_at: now,
        publish_by: addWorkingDays(calendar, today, row.publish_within_working_days),
        draw_summary: JSON.stringify({
          levels: outcome.levels,
          excludedInspectors: outcome.excludedInspectors,
          reserveInspectorIds: outcome.reserveInspectorIds,
          wordsUsed: outcome.wordsUsed,
        }),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection_plan.draw',
      entityType: 'inspection_plan',
      entityId: id,
      bureauId: row.bureau_id,
      data: { commitment: row.commitment, drawn: outcome.targets.length, teams: outcome.teams.length, wordsUsed: outcome.wordsUsed },
    });
    counts = { targets: targets.length, drawn: outcome.targets.length };
  });
  const t3 = performance.now();
  const detail = await loadPlanDetail(deps, actor, id);
  onTimings?.({ loadMs: t1 - t0, drawMs: t2 - t1, writeMs: t3 - t2, tasksMs, detailMs: performance.now() - t3, ...counts });
  return detail;
}
