// One plan as the plan page shows it: its settings, its pools (a live preview while a draft, frozen from approval),
// after the draw its teams with their targets and how far their tasks have got.
import type { PlanDetail } from '@chengguan/contracts';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { mattersByCode, planTaskProgress } from '../../inspections/index.ts';
import { subjectBriefs, subjectPool } from '../../subjects/index.ts';
import {
  findPlan,
  frozenInspectors,
  frozenTargetCounts,
  fieldOfficersOf,
  officerNames,
  orgsByIds,
  planConflicts,
  planMatterCodes,
  planTeams,
  drawnTargetsShown,
  type DrawnRow,
  type ConflictRow,
  type PlanRow,
  type SquadRow,
} from '../random-inspections.repository.ts';
import { drawCredentialsActing } from '@chengguan/domain';
import { mayApprove, mayEdit, planProportions, seesPlan } from '../plan-rules.ts';

/** How many of a team's targets the plan page lists (their tasks hold them all). */
export const TEAM_TARGETS_SHOWN = 200;

export type LoadedPlan = { row: PlanRow; squads: SquadRow[]; matterCodes: string[]; conflicts: ConflictRow[] };

/** The plan, if the actor sees it (else NOT_FOUND, as for a plan that does not exist). */
export async function planRowOrFail(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<LoadedPlan> {
  const row = await findPlan(db, id, forUpdate);
  if (!row) throw new AppError('NOT_FOUND');
  const squads = await orgsByIds(db, row.squad_ids);
  if (!seesPlan(actor, row, squads)) throw new AppError('NOT_FOUND');
  const order = new Map(row.squad_ids.map((s, i) => [s, i]));
  squads.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const [matterCodes, conflicts] = await Promise.all([planMatterCodes(db, id), planConflicts(db, id)]);
  return { row, squads, matterCodes, conflicts };
}

export const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

async function briefsChunked(db: Executor, ids: readonly string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 5000) out.push(...(await subjectBriefs(db, ids.slice(i, i + 5000))));
  return out;
}

export async function loadPlanDetail(deps: Deps, actor: Actor, id: string): Promise<PlanDetail> {
  const db = deps.db;
  const { row, squads, matterCodes, conflicts } = await planRowOrFail(db, actor, id);
  const frozen = row.status === 'approved' || row.status === 'drawn';
  const matters = await mattersByCode(db, matterCodes);
  const drawDate = row.period_from;

  // Pools: counted from the frozen rows, or previewed from the registry and staff as they are now.
  let targetCounts: PlanDetail['targetCounts'];
  let inspectorCounts: PlanDetail['inspectorCounts'];
  if (frozen) {
    targetCounts = (await frozenTargetCounts(db, id)).map((c) => ({ orgId: c.org_id, level: c.level, count: c.n }));
    const counts = new Map<string, { total: number; acting: number }>();
    for (const p of await frozenInspectors(db, id)) {
      const c = counts.get(p.org_id) ?? { total: 0, acting: 0 };
      c.total++;
      if (p.acting) c.acting++;
      counts.set(p.org_id, c);
    }
    inspectorCounts = [...counts].map(([orgId, c]) => ({ orgId, ...c }));
  } else {
    const pool =
      row.subject_kinds.length === 0
        ? []
        : await subjectPool(db, {
            bureauId: row.bureau_id,
            orgIds: row.squad_ids,
            kinds: row.subject_kinds,
            ...(row.risk_levels.length > 0 ? { levels: row.risk_levels } : {}),
          });
    const counts = new Map<string, number>();
    for (const s of pool) counts.set(`${s.orgId} ${s.level}`, (counts.get(`${s.orgId} ${s.level}`) ?? 0) + 1);
    targetCounts = [...counts].map(([k, count]) => {
      const [orgId, level] = k.split(' ') as [string, string];
      return { orgId, level, count };
    });
    const byOrg = new Map<string, { total: number; acting: number }>();
    for (const o of await fieldOfficersOf(db, row.squad_ids)) {
      const c = byOrg.get(o.org_id) ?? { total: 0, acting: 0 };
      c.total++;
      if (drawCredentialsActing(o.credentials, drawDate)) c.acting++;
      byOrg.set(o.org_id, c);
    }
    inspectorCounts = [...byOrg].map(([orgId, c]) => ({ orgId, ...c }));
  }
  targetCounts.sort((a, b) => (a.orgId + a.level < b.orgId + b.level ? -1 : 1));

  // After the draw: teams, their targets, the tasks' progress.
  let teams: PlanDetail['teams'] = [];
  let progress = { total: 0, done: 0, open: 0 };
  if (row.status === 'drawn') {
    const [teamRows, drawn] = await Promise.all([planTeams(db, id), drawnTargetsShown(db, id, TEAM_TARGETS_SHOWN)]);
    const tasks = await planTaskProgress(
      db,
      id,
      drawn.shown.map((d) => d.subject_id),
    );
    progress = { total: tasks.total, done: tasks.done, open: tasks.open };
    const names = await officerNames(
      db,
      teamRows.flatMap((t) => t.inspector_ids),
    );
    // A team's first targets by name (its task list has them all): a city-wide plan has 100,000 and more.
    const shown = new Map<number, DrawnRow[]>();
    for (const d of drawn.shown) {
      const list = shown.get(d.team_no) ?? [];
      list.push(d);
      shown.set(d.team_no, list);
    }
    const counts = drawn.counts;
    const subjects = new Map(
      (
        await briefsChunked(
          db,
          [...shown.values()].flat().map((d) => d.subject_id),
        )
      ).map((s) => [s.id, s]),
    );
    teams = teamRows.map((t) => ({
      teamNo: t.team_no,
      orgId: t.org_id,
      area: t.area,
      inspectors: t.inspector_ids.map((i) => ({ id: i, name: names.get(i) ?? '' })),
      targetCount: counts.get(t.team_no) ?? 0,
      targets: (shown.get(t.team_no) ?? []).map((d) => ({
        subjectId: d.subject_id,
        name: subjects.get(d.subject_id)?.name ?? '',
        kind: d.kind,
        level: d.level,
        taskStatus: tasks.statusBySubject.get(d.subject_id) ?? null,
      })),
    }));
  }

  const names = await officerNames(
    db,
    [row.created_by, row.approved_by, row.drawn_by, ...conflicts.map((c) => c.officer_id)].filter((x): x is string => !!x),
  );
  const conflictSubjects = new Map((await subjectBriefs(db, [...new Set(conflicts.map((c) => c.subject_id))])).map((s) => [s.id, s.name]));
  const named = (i: string | null) => (i === null ? null : { id: i, name: names.get(i) ?? '' });
  const { proportions, isDefault } = planProportions(row);
  const today = shanghaiDate(deps.clock.now());
  const canApprove = mayApprove(actor, row, squads);
  const editable = mayEdit(actor, squads, row.bureau_path);
  return {
    id: row.id,
    bureauId: row.bureau_id,
    bureauName: row.bureau_name,
    title: row.title,
    status: row.status as PlanDetail['status'],
    periodFrom: row.period_from,
    periodTo: row.period_to,
    drawDate,
    drawsPerYear: row.draws_per_year,
    matters: matters.map((m) => ({ code: m.code, nameZh: m.nameZh, subjectKinds: [...m.subjectKinds] })),
    subjectKinds: row.subject_kinds as PlanDetail['subjectKinds'],
    squads: squads.map((s) => ({ id: s.id, name: s.name, code: s.code })),
    riskLevels: row.risk_levels,
    proportions,
    proportionsDefault: isDefault,
    maxTargetsPerTeam: row.max_targets_per_team,
    publishWithinWorkingDays: row.publish_within_working_days,
    publishBy: row.publish_by,
    conflicts: conflicts.map((c) => ({
      officerId: c.officer_id,
      officerName: names.get(c.officer_id) ?? '',
      subjectId: c.subject_id,
      subjectName: conflictSubjects.get(c.subject_id) ?? '',
      reason: c.reason,
    })),
    createdBy: named(row.created_by)!,
    submittedAt: iso(row.submitted_at),
    approvedBy: named(row.approved_by),
    approvedAt: iso(row.approved_at),
    drawnBy: named(row.drawn_by),
    drawnAt: iso(row.drawn_at),
    commitment: row.commitment,
    inputDigest: row.input_digest,
    poolFrozen: frozen,
    targetCounts,
    inspectorCounts,
    teams,
    progress,
    can: {
      edit: editable && row.status === 'draft',
      submit: editable && row.status === 'draft',
      approve: canApprove && row.status === 'submitted',
      draw: canApprove && row.status === 'approved' && today >= drawDate && row.period_to >= today,
    },
    version: row.version,
  };
}

export async function getPlan(deps: Deps, actor: Actor, id: string): Promise<PlanDetail> {
  assertPermission(actor, 'inspection_plan:read');
  return loadPlanDetail(deps, actor, id);
}
