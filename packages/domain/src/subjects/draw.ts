// 双随机 draw: random targets per risk level, random two-person teams, targets assigned to teams.
// 国办发〔2015〕58号 (LEGAL-RULES.md 7.15, P): 「随机抽取检查对象、随机选派执法检查人员」; proportions are set locally and
// higher for risky entities — here they are an input per level (docs/random-inspections.md).
// 行政处罚法 Art. 42 (LEGAL-RULES.md 1.2.4, V): 「执法人员不得少于两人」 — every team has two distinct inspectors,
// each holding an acting 执法证 on the draw date (rule A1, staff/credential.ts).
// The algorithm is specified step by step in docs/random-inspections.md; this file must match it.
import type { CredentialStatus } from '@chengguan/contracts';
import { assertLegalDate, type LegalDate } from '../calendar/legal-date.ts';
import { sm3Hex } from '../crypto/sm3.ts';
import { ACTING_CREDENTIAL_STATUSES, bestOfficerCredential, type CredentialLike } from '../staff/credential.ts';
import { canonicalOrder, canonicalPositions, DrawInputError, isDrawId } from './canonical-order.ts';
import type { RiskScale } from './risk-rules.ts';
import { createDrawRandom, drawCommitment, fisherYatesPrefix, isDrawSeedHex } from './draw-random.ts';

/** Proportions are integer basis points: 10,000 = every target of the level. */
export const DRAW_BASIS_POINTS_FULL = 10_000;

/** 行政处罚法 Art. 42: two inspectors per team. */
export const DRAW_TEAM_SIZE = 2;

export type DrawTarget = {
  /** The subject's id (1–64 printable ASCII characters). */
  id: string;
  /** The risk level code on the draw date (a RiskScale level code, e.g. 'red'). */
  level: string;
  /** The area code (the squad or grid responsible); targets are inspected by teams of the same area. */
  area: string;
};

export type DrawInspector = { id: string; area: string; credentials: readonly CredentialLike[] };

/** A recusal or conflict of interest: this inspector never inspects this target. */
export type DrawConflict = { inspectorId: string; targetId: string };

export type DrawProportion = { level: string; basisPoints: number };

export type DrawInput = {
  /** The secret seed, 64 hex digits; its SM3 commitment was published at plan approval. */
  seedHex: string;
  /** Credentials are judged on this date (YYYY-MM-DD). */
  drawDate: LegalDate;
  targets: readonly DrawTarget[];
  inspectors: readonly DrawInspector[];
  conflicts: readonly DrawConflict[];
  /** One entry per level that occurs among the targets. */
  proportions: readonly DrawProportion[];
  /** Optional workload cap per team; when given, an area needs ceil(selected / cap) teams. */
  maxTargetsPerTeam?: number;
};

export type DrawTeam = { teamNo: number; area: string; inspectorIds: readonly [string, string]; targetIds: string[] };

export type DrawnTarget = { id: string; level: string; area: string; teamNo: number };

export type DrawLevelCount = { level: string; poolSize: number; basisPoints: number; drawn: number };

export type ExcludedInspector = { id: string; area: string; credentialStatus: CredentialStatus };

export type DrawShortage = {
  area: string;
  selectedTargets: number;
  neededInspectors: number;
  eligibleInspectors: number;
  /** Inspectors of the area left out because no credential was acting on the draw date. */
  excludedForCredential: number;
};

export type DrawRefusal =
  | { code: 'INSUFFICIENT_INSPECTORS'; shortages: DrawShortage[]; messageZh: string }
  | {
      code: 'NO_TEAM_FOR_TARGET';
      targetId: string;
      area: string;
      teams: number;
      /** Teams with a member in conflict with the target. */
      conflictedTeams: number;
      /** Teams already at maxTargetsPerTeam. */
      fullTeams: number;
      messageZh: string;
    };

export type DrawOutcome = {
  ok: true;
  commitment: string;
  /** Drawn targets in draw order (levels in canonical order, each in Fisher–Yates order). */
  targets: DrawnTarget[];
  teams: DrawTeam[];
  levels: DrawLevelCount[];
  excludedInspectors: ExcludedInspector[];
  /** Eligible inspectors of an area with targets who were left without a partner (odd count). */
  reserveInspectorIds: string[];
  /** 32-bit words taken from the generator; a re-implementation must use exactly as many. */
  wordsUsed: number;
};

export type DrawResult = DrawOutcome | { ok: false; refusal: DrawRefusal };

/**
 * Proportions that give each level its inspections per year when the plan draws `drawsPerYear` times a year:
 * ceil(10,000 × inspectionsPerYear / drawsPerYear) basis points, at most 10,000 (a level that needs more inspections
 * than there are draws is drawn in full each time and needs more draws or special checks). The scale comes from the
 * risk rule set (risk-rules.ts); 58号 leaves proportion and frequency to local rules.
 */
export function proportionsForPlan(scale: RiskScale, drawsPerYear: number): DrawProportion[] {
  if (!Number.isInteger(drawsPerYear) || drawsPerYear < 1) {
    throw new DrawInputError('drawsPerYear', 'need a positive integer', '每年抽查次数须为正整数');
  }
  return scale.levels.map((l) => ({
    level: l.code,
    basisPoints: Math.min(DRAW_BASIS_POINTS_FULL, Math.ceil((DRAW_BASIS_POINTS_FULL * l.inspectionsPerYear) / drawsPerYear)),
  }));
}

type AreaState = { area: string; drawn: number; eligible: DrawInspector[]; excluded: number; teams: DrawTeam[]; cursor: number };

/** How many of `poolSize` targets a level with `basisPoints` draws: ceil(poolSize × basisPoints / 10,000). */
export function drawCount(poolSize: number, basisPoints: number): number {
  return Math.ceil((poolSize * basisPoints) / DRAW_BASIS_POINTS_FULL);
}

function isActing(inspector: DrawInspector, drawDate: LegalDate): CredentialStatus | true {
  const best = bestOfficerCredential(inspector.credentials, drawDate);
  return ACTING_CREDENTIAL_STATUSES.includes(best.status) ? true : best.status;
}

function checkInput(input: DrawInput): void {
  if (!isDrawSeedHex(input.seedHex)) throw new DrawInputError('seedHex', 'need 64 hex digits', '随机种子须为64位十六进制数');
  assertLegalDate(input.drawDate, 'drawDate');
  const cap = input.maxTargetsPerTeam;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 1)) {
    throw new DrawInputError('maxTargetsPerTeam', 'need a positive integer', '每组检查对象上限须为正整数');
  }
  input.proportions.forEach((p, i) => {
    if (!Number.isInteger(p.basisPoints) || p.basisPoints < 0 || p.basisPoints > DRAW_BASIS_POINTS_FULL) {
      throw new DrawInputError(`proportions[${i}].basisPoints`, 'need an integer 0..10000', '抽查比例须为0至10000之间的整数（万分比）');
    }
  });
}

/**
 * Runs the draw. Pure and deterministic: the same inputs, in any order, give the same result. Malformed input
 * throws DrawInputError naming the field; too few eligible inspectors, or a target every team of its area is
 * conflicted with (or full), is a refusal naming the shortage.
 */
export function runDraw(input: DrawInput): DrawResult {
  checkInput(input);
  const targets = input.targets;
  const order = canonicalPositions(targets, (t) => t.id, 'targets');
  const inspectors = canonicalOrder(input.inspectors, (p) => p.id, 'inspectors');
  const proportions = canonicalOrder(input.proportions, (p) => p.level, 'proportions', 'level');
  const random = createDrawRandom(input.seedHex);

  // Step 1: targets per level, each in canonical order (as positions in input.targets).
  const levelIndex = new Uint16Array(targets.length);
  const levelSizes = new Uint32Array(proportions.length);
  // A pool has a few hundred areas over 300,000 targets: each distinct area text is checked once (a map lookup is
  // much cheaper than re-reading a 36-character code) and numbered, so the later steps read a target's area from a
  // typed array instead of going back to its object.
  const areaNumbers = new Map<string, number>();
  const areaNames: string[] = [];
  const areaOf = new Uint32Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const level = targets[i]!.level;
    const area = targets[i]!.area;
    let a = areaNumbers.get(area);
    if (a === undefined) {
      if (!isDrawId(area)) {
        throw new DrawInputError(`targets[${i}].area`, 'need an area code', '区域须以编码表示（1至64位可见英文字符）');
      }
      a = areaNames.length;
      areaNames.push(area);
      areaNumbers.set(area, a);
    }
    areaOf[i] = a;
    let l = 0;
    while (l < proportions.length && proportions[l]!.level !== level) l++;
    if (l === proportions.length) {
      throw new DrawInputError(
        'targets.level',
        `no proportion for level ${level} (target ${targets[i]!.id})`,
        `风险等级${level}未设定抽查比例`,
      );
    }
    levelIndex[i] = l;
    levelSizes[l]!++;
  }
  const buckets = Array.from(levelSizes, (size) => new Uint32Array(size));
  const filled = new Uint32Array(proportions.length);
  for (let r = 0; r < order.length; r++) {
    const pos = order[r]!;
    const l = levelIndex[pos]!;
    buckets[l]![filled[l]!++] = pos;
  }

  // Step 2: the first k steps of Fisher–Yates per level, levels in canonical order (drawn targets as positions).
  const levels: DrawLevelCount[] = [];
  let drawnCount = 0;
  const counts = proportions.map((p, l) => drawCount(buckets[l]!.length, p.basisPoints));
  for (const k of counts) drawnCount += k;
  const drawn = new Uint32Array(drawnCount);
  let d0 = 0;
  proportions.forEach((p, l) => {
    const pool = buckets[l]!;
    const k = counts[l]!;
    fisherYatesPrefix(pool, k, random);
    for (let i = 0; i < k; i++) drawn[d0++] = pool[i]!;
    levels.push({ level: p.level, poolSize: pool.length, basisPoints: p.basisPoints, drawn: k });
  });

  // Step 3: per area with drawn targets, its eligible inspectors in canonical order.
  const areaStates = new Map<string, AreaState>();
  const stateOfArea: (AreaState | undefined)[] = new Array<AreaState | undefined>(areaNames.length);
  const drawnAreas: AreaState[] = [];
  for (let d = 0; d < drawn.length; d++) {
    const a = areaOf[drawn[d]!]!;
    let state = stateOfArea[a];
    if (state === undefined) {
      state = { area: areaNames[a]!, drawn: 0, eligible: [], excluded: 0, teams: [], cursor: 0 };
      stateOfArea[a] = state;
      areaStates.set(state.area, state);
    }
    state.drawn++;
    drawnAreas.push(state);
  }
  const excludedInspectors: ExcludedInspector[] = [];
  for (const inspector of inspectors) {
    if (!isDrawId(inspector.area)) {
      throw new DrawInputError(
        'inspectors.area',
        `inspector ${inspector.id}: need an area code`,
        '区域须以编码表示（1至64位可见英文字符）',
      );
    }
    const acting = isActing(inspector, input.drawDate);
    const state = areaStates.get(inspector.area);
    if (acting === true) {
      state?.eligible.push(inspector);
    } else {
      excludedInspectors.push({ id: inspector.id, area: inspector.area, credentialStatus: acting });
      if (state !== undefined) state.excluded++;
    }
  }

  // Step 4: enough inspectors in every area that has drawn targets, before any team is drawn.
  const areas = canonicalOrder([...areaStates.values()], (a) => a.area, 'targets', 'area');
  const shortages: DrawShortage[] = [];
  for (const state of areas) {
    const teamsNeeded = input.maxTargetsPerTeam === undefined ? 1 : Math.ceil(state.drawn / input.maxTargetsPerTeam);
    const needed = teamsNeeded * DRAW_TEAM_SIZE;
    if (state.eligible.length < needed) {
      shortages.push({
        area: state.area,
        selectedTargets: state.drawn,
        neededInspectors: needed,
        eligibleInspectors: state.eligible.length,
        excludedForCredential: state.excluded,
      });
    }
  }
  if (shortages.length > 0) {
    const messageZh = shortages
      .map(
        (s) =>
          `区域${s.area}抽中检查对象${s.selectedTargets}个，需要执法人员${s.neededInspectors}名，持有效执法证的仅${s.eligibleInspectors}名` +
          (s.excludedForCredential > 0 ? `（另有${s.excludedForCredential}名执法证无效，不能参加）` : ''),
      )
      .join('；');
    return { ok: false, refusal: { code: 'INSUFFICIENT_INSPECTORS', shortages, messageZh } };
  }

  // Step 5: per area, shuffle the eligible inspectors fully and pair them in order; an odd last one is reserve.
  const teams: DrawTeam[] = [];
  const reserveInspectorIds: string[] = [];
  for (const state of areas) {
    const pool = state.eligible.slice();
    fisherYatesPrefix(pool, pool.length, random);
    for (let i = 0; i + 1 < pool.length; i += 2) {
      const team: DrawTeam = { teamNo: teams.length + 1, area: state.area, inspectorIds: [pool[i]!.id, pool[i + 1]!.id], targetIds: [] };
      teams.push(team);
      state.teams.push(team);
    }
    if (pool.length % 2 === 1) reserveInspectorIds.push(pool[pool.length - 1]!.id);
  }

  // Step 6: assign drawn targets in draw order, round-robin over the area's teams, skipping conflicted or full teams.
  const conflictsByTarget = new Map<string, Set<string>>();
  for (const c of input.conflicts) {
    const set = conflictsByTarget.get(c.targetId) ?? new Set<string>();
    set.add(c.inspectorId);
    conflictsByTarget.set(c.targetId, set);
  }
  const out: DrawnTarget[] = [];
  const cap = input.maxTargetsPerTeam ?? Number.POSITIVE_INFINITY;
  for (let d = 0; d < drawn.length; d++) {
    const target = targets[drawn[d]!]!;
    const state = drawnAreas[d]!;
    const areaTeams = state.teams;
    const conflicted = conflictsByTarget.size === 0 ? undefined : conflictsByTarget.get(target.id);
    let chosen = -1;
    let conflictedTeams = 0;
    let fullTeams = 0;
    for (let s = 0; s < areaTeams.length; s++) {
      const idx = (state.cursor + s) % areaTeams.length;
      const team = areaTeams[idx]!;
      if (conflicted !== undefined && (conflicted.has(team.inspectorIds[0]) || conflicted.has(team.inspectorIds[1]))) {
        conflictedTeams++;
        continue;
      }
      if (team.targetIds.length >= cap) {
        fullTeams++;
        continue;
      }
      chosen = idx;
      break;
    }
    if (chosen < 0) {
      return {
        ok: false,
        refusal: {
          code: 'NO_TEAM_FOR_TARGET',
          targetId: target.id,
          area: target.area,
          teams: areaTeams.length,
          conflictedTeams,
          fullTeams,
          messageZh: `检查对象${target.id}所在区域${target.area}共${areaTeams.length}个检查组，其中${conflictedTeams}个组有成员须回避、${fullTeams}个组已满额，无法分配`,
        },
      };
    }
    const team = areaTeams[chosen]!;
    team.targetIds.push(target.id);
    state.cursor = (chosen + 1) % areaTeams.length;
    out.push({ id: target.id, level: target.level, area: target.area, teamNo: team.teamNo });
  }

  return {
    ok: true,
    commitment: drawCommitment(input.seedHex),
    targets: out,
    teams,
    levels,
    excludedInspectors,
    reserveInspectorIds,
    wordsUsed: random.wordsUsed(),
  };
}

/**
 * SM3 (hex) of the draw's public inputs in canonical text form, published with the seed commitment at plan approval
 * so that nobody can change the pools afterwards. UTF-8 lines, each ending in '\n':
 * `chengguan-draw-input-v1`, `date <drawDate>`, `cap <maxTargetsPerTeam or ->`, then `proportion <level> <basisPoints>`
 * per level, `target <id> <level> <area>` per target, `inspector <id> <area> <1 if acting on the date, else 0>` per
 * inspector — each list in canonical order — and `conflict <inspectorId> <targetId>` per distinct pair, sorted by the
 * line's bytes. Credentials themselves are not published, only whether they were acting on the draw date.
 */
export function drawInputDigest(input: Omit<DrawInput, 'seedHex'>): string {
  assertLegalDate(input.drawDate, 'drawDate');
  const lines: string[] = ['chengguan-draw-input-v1', `date ${input.drawDate}`, `cap ${input.maxTargetsPerTeam ?? '-'}`];
  for (const p of canonicalOrder(input.proportions, (x) => x.level, 'proportions', 'level'))
    lines.push(`proportion ${p.level} ${p.basisPoints}`);
  const order = canonicalPositions(input.targets, (t) => t.id, 'targets');
  for (let r = 0; r < order.length; r++) {
    const t = input.targets[order[r]!]!;
    lines.push(`target ${t.id} ${t.level} ${t.area}`);
  }
  for (const p of canonicalOrder(input.inspectors, (x) => x.id, 'inspectors')) {
    lines.push(`inspector ${p.id} ${p.area} ${isActing(p, input.drawDate) === true ? 1 : 0}`);
  }
  const conflicts = [...new Set(input.conflicts.map((c) => `conflict ${c.inspectorId} ${c.targetId}`))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  lines.push(...conflicts);
  return sm3Hex(lines.join('\n') + '\n');
}
