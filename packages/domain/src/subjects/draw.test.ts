import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialStatus, type CredentialLike } from '../staff/credential.ts';
import { sm3Hex } from '../crypto/sm3.ts';
import { DrawInputError, fnv1a32 } from './canonical-order.ts';
import { drawCommitment, drawSeedHexFromBytes, verifyDrawReveal } from './draw-random.ts';
import { THREE_COLOUR_SCALE } from './risk-rules.ts';
import {
  drawCount,
  drawInputDigest,
  proportionsForPlan,
  runDraw,
  type DrawConflict,
  type DrawInput,
  type DrawInspector,
  type DrawOutcome,
  type DrawResult,
} from './draw.ts';

const DRAW_DATE = '2026-12-04';
const SEED = 'ab'.repeat(32);
const VALID: CredentialLike = { domains: [], validFrom: '2024-01-01', validTo: '2029-12-31', revoked: false };
const EXPIRED: CredentialLike = { domains: [], validFrom: '2019-01-01', validTo: '2025-12-31', revoked: false };
const REVOKED: CredentialLike = { ...VALID, revoked: true };
const LEVELS = ['red', 'yellow', 'green'] as const;
const AREAS = ['A1', 'A2'] as const;

function okDraw(result: DrawResult): DrawOutcome {
  if (!result.ok) throw new Error(`draw refused: ${result.refusal.messageZh}`);
  return result;
}

function isActingOn(inspector: DrawInspector, date: string): boolean {
  return inspector.credentials.some((c) => ['valid', 'expiring'].includes(credentialStatus(c, date)));
}

// Every area has at least 4 eligible inspectors (two teams) and each target at most one conflicted inspector, so no
// input from this generator can be refused: the properties below run on every generated case.
const drawInputArb: fc.Arbitrary<DrawInput> = fc
  .record({
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    targets: fc.uniqueArray(
      fc.record({ n: fc.nat({ max: 100_000 }), level: fc.constantFrom(...LEVELS), area: fc.constantFrom(...AREAS) }),
      { selector: (t) => t.n, maxLength: 120 },
    ),
    extraInspectors: fc.array(fc.record({ area: fc.constantFrom(...AREAS), cred: fc.constantFrom(VALID, EXPIRED, REVOKED) }), {
      maxLength: 12,
    }),
    proportions: fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 })),
    conflictPicks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
  })
  .map(({ seed, targets, extraInspectors, proportions, conflictPicks }) => {
    const inspectors: DrawInspector[] = [];
    for (const area of AREAS) for (let i = 0; i < 4; i++) inspectors.push({ id: `${area}-P${i}`, area, credentials: [VALID] });
    extraInspectors.forEach((e, i) => inspectors.push({ id: `X${i}`, area: e.area, credentials: [e.cred] }));
    const drawTargets = targets.map((t) => ({ id: `T${t.n}`, level: t.level, area: t.area }));
    const conflicts: DrawConflict[] = [];
    const conflicted = new Set<string>();
    for (const [ti, pi] of conflictPicks) {
      if (drawTargets.length === 0) break;
      const target = drawTargets[ti % drawTargets.length]!;
      if (conflicted.has(target.id)) continue;
      conflicted.add(target.id);
      conflicts.push({ inspectorId: inspectors[pi % inspectors.length]!.id, targetId: target.id });
    }
    return {
      seedHex: drawSeedHexFromBytes(seed),
      drawDate: DRAW_DATE,
      targets: drawTargets,
      inspectors,
      conflicts,
      proportions: LEVELS.map((level, i) => ({ level, basisPoints: proportions[i]! })),
    };
  });

function reversed(input: DrawInput): DrawInput {
  return {
    ...input,
    targets: input.targets.slice().reverse(),
    inspectors: input.inspectors.slice().reverse(),
    conflicts: input.conflicts.slice().reverse(),
    proportions: input.proportions.slice().reverse(),
  };
}

describe('runDraw (双随机, 国办发〔2015〕58号)', () => {
  it('is deterministic: the same seed and pools give the same draw', () => {
    fc.assert(
      fc.property(drawInputArb, (input) => {
        expect(runDraw(input)).toEqual(runDraw(input));
      }),
    );
  });

  it('does not depend on the order the caller passes the pools in', () => {
    fc.assert(
      fc.property(drawInputArb, fc.integer(), (input, salt) => {
        const rotate = <T>(xs: readonly T[]): T[] => {
          const k = xs.length === 0 ? 0 : Math.abs(salt) % xs.length;
          return [...xs.slice(k), ...xs.slice(0, k)];
        };
        const rotated = { ...input, targets: rotate(input.targets), inspectors: rotate(input.inspectors) };
        expect(runDraw(rotated)).toEqual(runDraw(input));
        expect(runDraw(reversed(input))).toEqual(runDraw(input));
      }),
    );
  });

  it('draws ceil(pool × proportion) distinct targets of each level', () => {
    fc.assert(
      fc.property(drawInputArb, (input) => {
        const result = okDraw(runDraw(input));
        for (const p of input.proportions) {
          const pool = input.targets.filter((t) => t.level === p.level);
          const drawn = result.targets.filter((t) => t.level === p.level);
          expect(drawn.length).toBe(Math.ceil((pool.length * p.basisPoints) / 10_000));
          expect(new Set(drawn.map((t) => t.id)).size).toBe(drawn.length);
          expect(drawn.every((t) => pool.some((q) => q.id === t.id))).toBe(true);
        }
      }),
    );
  });

  it('never lets an inspector inspect a target he is in conflict with', () => {
    fc.assert(
      fc.property(drawInputArb, (input) => {
        const result = okDraw(runDraw(input));
        for (const team of result.teams) {
          for (const targetId of team.targetIds) {
            const recused = input.conflicts.filter((c) => c.targetId === targetId).map((c) => c.inspectorId);
            expect(team.inspectorIds.filter((id) => recused.includes(id))).toEqual([]);
          }
        }
      }),
    );
  });

  it('forms every team of two distinct inspectors of the area, each acting on the draw date (行政处罚法 Art. 42, A1)', () => {
    fc.assert(
      fc.property(drawInputArb, (input) => {
        const result = okDraw(runDraw(input));
        const byId = new Map(input.inspectors.map((p) => [p.id, p]));
        const seen = new Set<string>();
        for (const team of result.teams) {
          const [a, b] = team.inspectorIds;
          expect(a).not.toBe(b);
          for (const id of team.inspectorIds) {
            expect(seen.has(id)).toBe(false);
            seen.add(id);
            expect(byId.get(id)!.area).toBe(team.area);
            expect(isActingOn(byId.get(id)!, input.drawDate)).toBe(true);
          }
          for (const targetId of team.targetIds) expect(input.targets.find((t) => t.id === targetId)!.area).toBe(team.area);
        }
        for (const ex of result.excludedInspectors) expect(isActingOn(byId.get(ex.id)!, input.drawDate)).toBe(false);
        expect(result.targets.every((t) => result.teams[t.teamNo - 1]!.targetIds.includes(t.id))).toBe(true);
      }),
    );
  });

  it('spreads an area’s targets over its teams evenly when no conflicts apply', () => {
    fc.assert(
      fc.property(drawInputArb, (input) => {
        const result = okDraw(runDraw({ ...input, conflicts: [] }));
        for (const area of AREAS) {
          const loads = result.teams.filter((t) => t.area === area).map((t) => t.targetIds.length);
          const spread = loads.length === 0 ? 0 : Math.max(...loads) - Math.min(...loads);
          expect(spread).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('publishes the commitment of the seed it used; another revealed seed is detected', () => {
    fc.assert(
      fc.property(drawInputArb, fc.uint8Array({ minLength: 32, maxLength: 32 }), (input, other) => {
        const result = okDraw(runDraw(input));
        expect(result.commitment).toBe(drawCommitment(input.seedHex));
        expect(verifyDrawReveal(input.seedHex, result.commitment).ok).toBe(true);
        const otherHex = drawSeedHexFromBytes(other);
        fc.pre(otherHex !== input.seedHex);
        expect(verifyDrawReveal(otherHex, result.commitment)).toEqual({ ok: false, reason: 'mismatch' });
      }),
    );
  });

  it('gives a different draw for a different seed (pinned example)', () => {
    const targets = Array.from({ length: 50 }, (_, i) => ({ id: `T${i}`, level: 'red', area: 'A1' }));
    const inspectors = Array.from({ length: 6 }, (_, i) => ({ id: `P${i}`, area: 'A1', credentials: [VALID] }));
    const base = { drawDate: DRAW_DATE, targets, inspectors, conflicts: [], proportions: [{ level: 'red', basisPoints: 2000 }] };
    const a = okDraw(runDraw({ ...base, seedHex: SEED }));
    const b = okDraw(runDraw({ ...base, seedHex: 'cd'.repeat(32) }));
    expect(a.targets.map((t) => t.id)).not.toEqual(b.targets.map((t) => t.id));
  });
});

describe('runDraw refusals', () => {
  const targets = Array.from({ length: 30 }, (_, i) => ({ id: `T${i}`, level: 'red', area: 'A1' }));

  it('refuses when an area has too few inspectors with an acting credential, naming needed and eligible', () => {
    const inspectors = [
      { id: 'P1', area: 'A1', credentials: [VALID] },
      { id: 'P2', area: 'A1', credentials: [EXPIRED] },
      { id: 'P3', area: 'A1', credentials: [REVOKED] },
    ];
    const result = runDraw({
      seedHex: SEED,
      drawDate: DRAW_DATE,
      targets,
      inspectors,
      conflicts: [],
      proportions: [{ level: 'red', basisPoints: 10_000 }],
    });
    expect(result).toMatchObject({
      ok: false,
      refusal: {
        code: 'INSUFFICIENT_INSPECTORS',
        shortages: [{ area: 'A1', selectedTargets: 30, neededInspectors: 2, eligibleInspectors: 1, excludedForCredential: 2 }],
      },
    });
    expect(result.ok ? '' : result.refusal.messageZh).toContain('需要执法人员2名，持有效执法证的仅1名');
  });

  it('counts the teams a workload cap needs', () => {
    const inspectors = Array.from({ length: 5 }, (_, i) => ({ id: `P${i}`, area: 'A1', credentials: [VALID] }));
    const input = {
      seedHex: SEED,
      drawDate: DRAW_DATE,
      targets,
      inspectors,
      conflicts: [],
      proportions: [{ level: 'red', basisPoints: 10_000 }],
    };
    expect(runDraw({ ...input, maxTargetsPerTeam: 10 })).toMatchObject({
      ok: false,
      refusal: { shortages: [{ neededInspectors: 6, eligibleInspectors: 5 }] },
    });
    const fits = okDraw(runDraw({ ...input, maxTargetsPerTeam: 15 }));
    expect(fits.teams.map((t) => t.targetIds.length)).toEqual([15, 15]);
    expect(fits.reserveInspectorIds).toHaveLength(1);
  });

  it('refuses a target every team of its area is in conflict with, naming the target', () => {
    const inspectors = Array.from({ length: 4 }, (_, i) => ({ id: `P${i}`, area: 'A1', credentials: [VALID] }));
    const conflicts = [
      { inspectorId: 'P0', targetId: 'T7' },
      { inspectorId: 'P1', targetId: 'T7' },
      { inspectorId: 'P2', targetId: 'T7' },
      { inspectorId: 'P3', targetId: 'T7' },
    ];
    const result = runDraw({
      seedHex: SEED,
      drawDate: DRAW_DATE,
      targets,
      inspectors,
      conflicts,
      proportions: [{ level: 'red', basisPoints: 10_000 }],
    });
    expect(result).toMatchObject({ ok: false, refusal: { code: 'NO_TEAM_FOR_TARGET', targetId: 'T7', teams: 2, conflictedTeams: 2 } });
  });

  it('throws DrawInputError naming the field for malformed input', () => {
    const inspectors = [{ id: 'P1', area: 'A1', credentials: [VALID] }];
    const base = {
      seedHex: SEED,
      drawDate: DRAW_DATE,
      targets,
      inspectors,
      conflicts: [],
      proportions: [{ level: 'red', basisPoints: 100 }],
    };
    const fieldOf = (input: DrawInput): string => {
      try {
        runDraw(input);
      } catch (error) {
        if (error instanceof DrawInputError) return error.field;
        throw error;
      }
      return 'no error';
    };
    expect(fieldOf({ ...base, seedHex: 'abc' })).toBe('seedHex');
    expect(fieldOf({ ...base, targets: [...targets, targets[0]!] })).toMatch(/^targets\[\d+\]\.id$/);
    expect(fieldOf({ ...base, proportions: [{ level: 'red', basisPoints: 10_001 }] })).toBe('proportions[0].basisPoints');
    expect(fieldOf({ ...base, proportions: [{ level: 'green', basisPoints: 100 }] })).toBe('targets.level');
    expect(fieldOf({ ...base, targets: [{ id: 'T1', level: 'red', area: '陆家嘴' }] })).toBe('targets[0].area');
    expect(fieldOf({ ...base, inspectors: [{ id: 'P1', area: 'A 1', credentials: [VALID] }] })).toBe('inspectors.area');
    expect(fieldOf({ ...base, maxTargetsPerTeam: 0 })).toBe('maxTargetsPerTeam');
    const twice = [
      { level: 'red', basisPoints: 100 },
      { level: 'red', basisPoints: 200 },
    ];
    expect(fieldOf({ ...base, proportions: twice })).toMatch(/^proportions\[[01]\]\.level$/);
  });
});

describe('proportionsForPlan', () => {
  it('turns the scale’s inspections per year into basis points per draw, capped at every target', () => {
    expect(proportionsForPlan(THREE_COLOUR_SCALE, 4)).toEqual([
      { level: 'red', basisPoints: 10_000 },
      { level: 'yellow', basisPoints: 10_000 },
      { level: 'green', basisPoints: 2500 },
    ]);
    expect(proportionsForPlan(THREE_COLOUR_SCALE, 12)).toEqual([
      { level: 'red', basisPoints: 10_000 },
      { level: 'yellow', basisPoints: 3334 },
      { level: 'green', basisPoints: 834 },
    ]);
    expect(() => proportionsForPlan(THREE_COLOUR_SCALE, 0)).toThrow(DrawInputError);
  });
});

describe('drawCount', () => {
  it('rounds up: a proportion is a floor on the share inspected', () => {
    expect(drawCount(0, 500)).toBe(0);
    expect(drawCount(1, 1)).toBe(1);
    expect(drawCount(300, 500)).toBe(15);
    expect(drawCount(301, 500)).toBe(16);
    expect(drawCount(7, 10_000)).toBe(7);
  });
});

describe('a draw over 300,000 targets', () => {
  it('runs to completion', () => {
    const targets = Array.from({ length: 300_000 }, (_, i) => ({
      id: `0190${(0x1_0000_0000 + i * 7919).toString(16)}-7abc-8def-${((i * 2654435761) >>> 0).toString(16).padStart(12, '0')}`,
      level: i % 10 === 0 ? 'red' : i % 3 === 0 ? 'yellow' : 'green',
      area: `A${i % 20}`,
    }));
    const inspectors = Array.from({ length: 400 }, (_, i) => ({
      id: `P${i}`,
      area: `A${i % 20}`,
      credentials: [i % 17 === 0 ? EXPIRED : VALID],
    }));
    const result = okDraw(
      runDraw({
        seedHex: SEED,
        drawDate: DRAW_DATE,
        targets,
        inspectors,
        conflicts: [{ inspectorId: 'P1', targetId: targets[1]!.id }],
        proportions: [
          { level: 'red', basisPoints: 5000 },
          { level: 'yellow', basisPoints: 1000 },
          { level: 'green', basisPoints: 300 },
        ],
      }),
    );
    expect(result.targets).toHaveLength(15_000 + 9_000 + 5_400);
  });
});

describe('drawInputDigest (the pools published with the commitment)', () => {
  const input: DrawInput = {
    seedHex: SEED,
    drawDate: DRAW_DATE,
    targets: [
      { id: 'T1', level: 'red', area: 'A1' },
      { id: 'T2', level: 'green', area: 'A1' },
    ],
    inspectors: [
      { id: 'P1', area: 'A1', credentials: [VALID] },
      { id: 'P2', area: 'A1', credentials: [EXPIRED] },
    ],
    conflicts: [{ inspectorId: 'P1', targetId: 'T2' }],
    proportions: [
      { level: 'red', basisPoints: 10_000 },
      { level: 'green', basisPoints: 500 },
    ],
  };

  it('is the SM3 of the documented text form', () => {
    const text =
      'chengguan-draw-input-v1\ndate 2026-12-04\ncap -\n' +
      ['proportion green 500', 'proportion red 10000'].sort((a, b) => fnvLine(a, 'proportion ') - fnvLine(b, 'proportion ')).join('\n') +
      '\n' +
      ['target T1 red A1', 'target T2 green A1'].sort((a, b) => fnvLine(a, 'target ') - fnvLine(b, 'target ')).join('\n') +
      '\n' +
      ['inspector P1 A1 1', 'inspector P2 A1 0'].sort((a, b) => fnvLine(a, 'inspector ') - fnvLine(b, 'inspector ')).join('\n') +
      '\nconflict P1 T2\n';
    expect(drawInputDigest(input)).toBe(sm3Hex(text));
  });

  it('does not depend on input order and changes when a pool changes', () => {
    expect(drawInputDigest(reversed(input))).toBe(drawInputDigest(input));
    expect(drawInputDigest({ ...input, targets: input.targets.slice(1) })).not.toBe(drawInputDigest(input));
    expect(drawInputDigest({ ...input, drawDate: '2026-12-05' })).not.toBe(drawInputDigest(input));
  });
});

function fnvLine(line: string, prefix: string): number {
  return fnv1a32(line.slice(prefix.length).split(' ')[0]!);
}

describe('the worked example of docs/random-inspections.md', () => {
  it('gives the documented teams, targets and word count', () => {
    const input: DrawInput = {
      seedHex: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
      drawDate: DRAW_DATE,
      targets: [
        ['T1', 'red'],
        ['T2', 'red'],
        ['T3', 'green'],
        ['T4', 'green'],
        ['T5', 'green'],
        ['T6', 'green'],
      ].map(([id, level]) => ({ id: id!, level: level!, area: 'A1' })),
      inspectors: ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ id, area: 'A1', credentials: [id === 'P5' ? EXPIRED : VALID] })),
      conflicts: [{ inspectorId: 'P1', targetId: 'T3' }],
      proportions: [
        { level: 'red', basisPoints: 5000 },
        { level: 'green', basisPoints: 5000 },
      ],
    };
    const result = okDraw(runDraw(input));
    expect(result.targets.map((t) => `${t.id}:${t.teamNo}`)).toEqual(['T6:1', 'T3:1', 'T2:2']);
    expect(result.teams.map((t) => t.inspectorIds)).toEqual([
      ['P4', 'P3'],
      ['P2', 'P1'],
    ]);
    expect(result.excludedInspectors).toEqual([{ id: 'P5', area: 'A1', credentialStatus: 'expired' }]);
    expect(result.wordsUsed).toBe(7);
    expect(drawInputDigest(input)).toBe('cde93a0b6fdf28be513e710a51cc0d49e8fd3e7a8d0b82b9ddfa9e32f7212165');
  });
});
