// 双随机 plans of the generated city (REQUIREMENTS.md R10; docs/random-inspections.md §3 and §5): every district
// bureau draws one plan a quarter over the generated years (seed 002: 每季度双随机), each on a rotating group of kinds
// over all its squads. A plan goes the way the console takes it — drafted by the bureau's legal office, submitted,
// approved by a bureau leader (the pools frozen as they stood that day: each subject with the level the domain grades
// from its timeline so far, each field officer with his 执法证; a secret seed drawn from the part's randomness and its
// SM3 commitment and the input digest published) and drawn on the period's first day through the domain's runDraw.
// The published record re-verifies with checkPublishedDraw. The drawn targets come back to city-subjects.ts, which
// writes their tasks and visits into the subjects' timelines (so a failed visit raises the next quarter's level).
import {
  addDays,
  addWorkingDays,
  DEFAULT_RISK_RULE_SET,
  drawCommitment,
  drawCredentialsActing,
  drawInputDigest,
  type DrawOutcome,
  drawSeedHexFromBytes,
  type DrawTarget,
  type LegalDate,
  type RandomSource,
  runDraw,
  type SubjectKind,
  type WorkCalendar,
} from '@chengguan/domain';
import { shanghaiInstant } from '../shared/time.ts';
import type { CopyWriter } from './copy-writer.ts';
import type { CityBureau, CityOfficer } from './city-orgs.ts';

/** The kinds a bureau's plan of each quarter draws from (Q1 … Q4), with the words its title gives them. */
export const QUARTER_PLANS: readonly { labelZh: string; kinds: readonly SubjectKind[] }[] = [
  { labelZh: '餐饮服务单位油烟', kinds: ['restaurant_fume'] },
  { labelZh: '设摊点位、优秀历史建筑和物业企业', kinds: ['stall_point', 'historic_building', 'property_company'] },
  { labelZh: '住宅小区和建设工地', kinds: ['residential_compound', 'construction_site'] },
  { labelZh: '建筑垃圾运输企业、车辆和建设工地', kinds: ['waste_transport_company', 'waste_transport_vehicle', 'construction_site'] },
];
/** Drawn quarterly (the level's inspections a year over four draws). */
const DRAWS_PER_YEAR = 4;
/**
 * The share of each level a bureau's plan draws, in basis points (a plan's own proportions, as the console lets a
 * bureau set them): the risky ones more often (国办发〔2015〕58号 leaves the proportion to local rules). The default
 * proportions (every level's yearly inspections over four draws) would send a team to most subjects every quarter, on
 * top of the visits the risk grading and special campaigns already bring.
 */
const PLAN_BASIS_POINTS: Readonly<Record<string, number>> = { red: 3_000, yellow: 1_500, green: 500 };
/** A team takes at most this many targets (a squad needs more teams when more are drawn). */
const MAX_TARGETS_PER_TEAM = 10;
/** 公开 within 20 working days of the draw (the platform's default). */
const PUBLISH_WITHIN_WORKING_DAYS = 20;

const PLAN_COLUMNS = [
  'id',
  'bureau_id',
  'title',
  'period_from',
  'period_to',
  'draws_per_year',
  'subject_kinds',
  'squad_ids',
  'risk_levels',
  'proportions',
  'max_targets_per_team',
  'publish_within_working_days',
  'status',
  'created_by',
  'submitted_by',
  'submitted_at',
  'approved_by',
  'approved_at',
  'seed_hex',
  'commitment',
  'input_digest',
  'drawn_by',
  'drawn_at',
  'publish_by',
  'draw_summary',
  'version',
  'created_at',
  'updated_at',
] as const;

/** What the pool of a plan needs to know of a subject. */
export type PlanCandidate = { id: string; kind: SubjectKind; squadId: string; createdOn: LegalDate; levelOn: (day: LegalDate) => string };

/** A drawn target, handed back for its task and visit. */
export type DrawnAssignment = {
  subjectId: string;
  planId: string;
  teamNo: number;
  team: readonly [CityOfficer, CityOfficer];
  periodFrom: LegalDate;
  periodTo: LegalDate;
  drawnAt: Date;
};

export type PlanWriter = ReturnType<typeof planWriter>;

/** Declares the plan tables (after the subjects' tables: they refer only to orgs, officers and matters). */
export function planWriter(writer: CopyWriter) {
  return {
    plans: writer.table('inspection_plans', PLAN_COLUMNS),
    matters: writer.table('inspection_plan_matters', ['plan_id', 'matter_code']),
    targets: writer.table('inspection_plan_targets', ['plan_id', 'subject_id', 'kind', 'level', 'org_id', 'area']),
    drawn: writer.table('inspection_plan_drawn', ['plan_id', 'draw_order', 'subject_id', 'kind', 'level', 'org_id', 'area', 'team_no']),
    inspectors: writer.table('inspection_plan_inspectors', ['plan_id', 'officer_id', 'org_id', 'area', 'acting', 'credentials']),
    teams: writer.table('inspection_plan_teams', ['plan_id', 'team_no', 'org_id', 'area', 'inspector_ids']),
  };
}

/** The quarters whose first day lies in the history (start … until); the last one may run past `until`. */
export function planQuarters(start: LegalDate, until: LegalDate): { from: LegalDate; to: LegalDate; year: number; quarter: number }[] {
  const out: { from: LegalDate; to: LegalDate; year: number; quarter: number }[] = [];
  let year = Number(start.slice(0, 4));
  let q = Math.floor((Number(start.slice(5, 7)) - 1) / 3);
  for (;;) {
    const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01` as LegalDate;
    if (from > until) break;
    const next = q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`;
    if (from >= start) out.push({ from, to: addDays(next as LegalDate, -1), year, quarter: q + 1 });
    q++;
    if (q === 4) {
      q = 0;
      year++;
    }
  }
  return out;
}

export type BureauPlansSummary = { plans: number; targets: number; drawn: number; refusedWithCap: number };

/**
 * Draws the bureau's quarterly plans, in date order, writing every plan row. `candidates` are the bureau's subjects;
 * `onDrawn` receives each plan's drawn targets before the next plan's pools are frozen (their visits count in the
 * levels of later quarters).
 */
export function drawBureauPlans(args: {
  bureau: CityBureau;
  candidates: readonly PlanCandidate[];
  matterCodesOf: (kind: SubjectKind) => string[];
  quarters: readonly { from: LegalDate; to: LegalDate; year: number; quarter: number }[];
  calendar: WorkCalendar;
  rand: RandomSource;
  idAt: (ms: number) => string;
  out: PlanWriter;
  onDrawn: (assignments: DrawnAssignment[]) => void;
}): BureauPlansSummary {
  const { bureau, out, rand } = args;
  const summary: BureauPlansSummary = { plans: 0, targets: 0, drawn: 0, refusedWithCap: 0 };
  const squadCode = new Map(bureau.squads.map((s) => [s.id, s.code]));
  const squadOfArea = new Map(bureau.squads.map((s) => [s.code, s]));
  const officers = bureau.squads.flatMap((s) => [...s.leaders, ...s.field].map((o) => ({ o, area: s.code })));
  const officerById = new Map(officers.map(({ o }) => [o.id, o]));
  const proportions = DEFAULT_RISK_RULE_SET.scale.levels.map((l) => ({ level: l.code, basisPoints: PLAN_BASIS_POINTS[l.code] ?? 500 }));
  const author = bureau.legal[0] ?? bureau.leaders[1]!;
  const approver = bureau.leaders[0]!;
  for (const period of args.quarters) {
    const spec = QUARTER_PLANS[period.quarter - 1]!;
    const kinds = spec.kinds.filter((k) => args.matterCodesOf(k).length > 0);
    const approvedOn = addDays(period.from, -10);
    const pool = args.candidates.filter((c) => kinds.includes(c.kind) && c.createdOn <= approvedOn);
    if (kinds.length === 0 || pool.length === 0) continue;
    const targets: (DrawTarget & { kind: SubjectKind; orgId: string })[] = pool.map((c) => ({
      id: c.id,
      level: c.levelOn(approvedOn),
      area: squadCode.get(c.squadId)!,
      kind: c.kind,
      orgId: c.squadId,
    }));
    const inspectors = officers.map(({ o, area }) => ({ id: o.id, area, credentials: [o.credential] }));
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) bytes[i] = Math.floor(rand() * 256);
    const seedHex = drawSeedHexFromBytes(bytes);
    const drawInput = { seedHex, drawDate: period.from, targets, inspectors, conflicts: [], proportions };
    // A squad short of officers for ten targets a team is drawn again without the cap (one team per squad).
    let cap: number | null = MAX_TARGETS_PER_TEAM;
    let result = runDraw({ ...drawInput, maxTargetsPerTeam: cap });
    if (!result.ok) {
      summary.refusedWithCap++;
      cap = null;
      result = runDraw(drawInput);
    }
    if (!result.ok) continue;
    const outcome: DrawOutcome = result;
    const inputDigest = drawInputDigest({
      drawDate: period.from,
      targets,
      inspectors,
      conflicts: [],
      proportions,
      ...(cap !== null ? { maxTargetsPerTeam: cap } : {}),
    });

    const createdAt = shanghaiInstant(addDays(period.from, -20), '10:00:00.000');
    const submittedAt = shanghaiInstant(addDays(period.from, -15), '15:00:00.000');
    const approvedAt = shanghaiInstant(approvedOn, '16:30:00.000');
    const drawnAt = shanghaiInstant(period.from, '09:30:00.000');
    const id = args.idAt(createdAt.getTime());
    const title = `${bureau.districtName ?? bureau.shortName}${period.year}年第${period.quarter}季度${spec.labelZh}双随机抽查计划`;
    out.plans.add([
      id,
      bureau.id,
      title,
      period.from,
      period.to,
      DRAWS_PER_YEAR,
      [...kinds],
      bureau.squads.map((s) => s.id),
      [],
      JSON.stringify(proportions),
      cap,
      PUBLISH_WITHIN_WORKING_DAYS,
      'drawn',
      author.id,
      author.id,
      submittedAt,
      approver.id,
      approvedAt,
      seedHex,
      drawCommitment(seedHex),
      inputDigest,
      approver.id,
      drawnAt,
      addWorkingDays(args.calendar, period.from, PUBLISH_WITHIN_WORKING_DAYS),
      JSON.stringify({
        levels: outcome.levels,
        excludedInspectors: outcome.excludedInspectors,
        reserveInspectorIds: outcome.reserveInspectorIds,
        wordsUsed: outcome.wordsUsed,
      }),
      4,
      createdAt,
      drawnAt,
    ]);
    for (const code of [...new Set(kinds.flatMap((k) => args.matterCodesOf(k)))].sort()) out.matters.add([id, code]);
    for (const t of targets) out.targets.add([id, t.id, t.kind, t.level, t.orgId, t.area]);
    for (const { o, area } of officers) {
      out.inspectors.add([
        id,
        o.id,
        squadOfArea.get(area)!.id,
        area,
        drawCredentialsActing([o.credential], period.from),
        JSON.stringify([o.credential]),
      ]);
    }
    for (const team of outcome.teams) {
      out.teams.add([id, team.teamNo, squadOfArea.get(team.area)!.id, team.area, [...team.inspectorIds]]);
    }
    const byId = new Map(targets.map((t) => [t.id, t]));
    const teamOf = new Map(outcome.teams.map((t) => [t.teamNo, t]));
    const assignments: DrawnAssignment[] = [];
    outcome.targets.forEach((d, i) => {
      const t = byId.get(d.id)!;
      out.drawn.add([id, i + 1, d.id, t.kind, d.level, t.orgId, d.area, d.teamNo]);
      const ids = teamOf.get(d.teamNo)!.inspectorIds;
      assignments.push({
        subjectId: d.id,
        planId: id,
        teamNo: d.teamNo,
        team: [officerById.get(ids[0])!, officerById.get(ids[1])!],
        periodFrom: period.from,
        periodTo: period.to,
        drawnAt,
      });
    });
    summary.plans++;
    summary.targets += targets.length;
    summary.drawn += outcome.targets.length;
    args.onDrawn(assignments);
  }
  return summary;
}
