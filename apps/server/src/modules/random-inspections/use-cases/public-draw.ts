// The public record of a draw (公开, no login): from approval the commitment, the input digest and the frozen pools;
// after the draw the seed and the result. Nothing personal: targets are subject ids (not their 一店一码, which opens
// the subject's page), inspectors are officer ids with their squad's code and acting flag (no names — the ids are
// enough to re-run the draw, and the teams are not announced to the subjects before they call), conflicts are pairs
// without their reasons. After the draw, each drawn target's result once its visit is submitted (date, outcome, the
// failed items' text; not the inspectors, the photos, the signatures or the notes) and whether it came by publishBy.
// A draft or submitted plan has published nothing and is not found.
import type { PublicDraw } from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mattersByCode, planVisitResults } from '../../inspections/index.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import {
  drawnTargets,
  findPlan,
  frozenInspectors,
  frozenTargets,
  orgsByIds,
  planConflicts,
  planMatterCodes,
  planTeams,
} from '../random-inspections.repository.ts';
import { planProportions } from '../plan-rules.ts';
import { iso } from './get-plan.ts';

export async function publicDraw(deps: Deps, planId: string): Promise<PublicDraw> {
  const row = await findPlan(deps.db, planId);
  if (!row || (row.status !== 'approved' && row.status !== 'drawn')) throw new AppError('NOT_FOUND');
  const drawn = row.status === 'drawn';
  const [squads, matterCodes, conflicts, targets, inspectors] = await Promise.all([
    orgsByIds(deps.db, row.squad_ids),
    planMatterCodes(deps.db, planId),
    planConflicts(deps.db, planId),
    frozenTargets(deps.db, planId),
    frozenInspectors(deps.db, planId),
  ]);
  const matters = await mattersByCode(deps.db, matterCodes);
  let result: PublicDraw['result'] = null;
  let results: PublicDraw['results'] = null;
  if (drawn) {
    // 一公开: each result from its visit's submission; late when published after the plan's publishBy.
    const found = await planVisitResults(deps.db, planId);
    const items = found.results.map((r) => {
      const publishedOn = shanghaiDate(r.submittedAt);
      return {
        id: r.subjectId,
        visitedOn: r.visitedOn,
        publishedOn,
        outcome: r.outcome,
        failedItems: r.failedItems,
        withinPeriod: row.publish_by !== null && publishedOn <= row.publish_by,
      };
    });
    results = {
      total: found.total,
      done: found.done,
      notDone: found.total - found.done,
      publishedLate: items.filter((i) => !i.withinPeriod).length,
      items,
    };
    const [teams, order] = await Promise.all([planTeams(deps.db, planId), drawnTargets(deps.db, planId)]);
    const byTeam = new Map<number, string[]>();
    for (const t of order) {
      const list = byTeam.get(t.team_no);
      if (list) list.push(t.subject_id);
      else byTeam.set(t.team_no, [t.subject_id]);
    }
    result = {
      targets: order.map((t) => ({ id: t.subject_id, level: t.level, area: t.area, teamNo: t.team_no })),
      teams: teams.map((t) => ({ teamNo: t.team_no, area: t.area, inspectorIds: t.inspector_ids, targetIds: byTeam.get(t.team_no) ?? [] })),
    };
  }
  return {
    planId: row.id,
    title: row.title,
    bureauName: row.bureau_name,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    drawDate: row.period_from,
    status: row.status as PublicDraw['status'],
    matters: matters.map((m) => ({ code: m.code, nameZh: m.nameZh, legalBasisZh: m.legalBasisZh })),
    areas: squads.map((s) => ({ code: s.code, name: s.name })),
    approvedAt: iso(row.approved_at)!,
    commitment: row.commitment!,
    inputDigest: row.input_digest!,
    proportions: planProportions(row).proportions,
    maxTargetsPerTeam: row.max_targets_per_team,
    publishBy: row.publish_by,
    targets: targets.map((t) => ({ id: t.id, level: t.level, area: t.area })),
    inspectors: inspectors.map((p) => ({ id: p.officer_id, area: p.area, acting: p.acting })),
    conflicts: conflicts.map((c) => ({ inspectorId: c.officer_id, targetId: c.subject_id })),
    drawnAt: iso(row.drawn_at),
    seedHex: drawn ? row.seed_hex : null,
    result,
    results,
  };
}
