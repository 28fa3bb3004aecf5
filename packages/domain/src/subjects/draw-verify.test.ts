import { describe, expect, it } from 'vitest';
import type { CredentialLike } from '../staff/credential.ts';
import { drawCommitment } from './draw-random.ts';
import { drawInputDigest, runDraw, type DrawInput, type DrawOutcome } from './draw.ts';
import { checkPublishedDraw, drawCredentialsActing, publishedDrawInspector, type PublishedDraw } from './draw-verify.ts';

const SEED = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
const VALID: CredentialLike = { domains: [], validFrom: '2024-01-01', validTo: '2029-12-31', revoked: false };
const EXPIRED: CredentialLike = { domains: [], validFrom: '2019-01-01', validTo: '2025-12-31', revoked: false };

// The worked example of docs/random-inspections.md §3.
const INPUT: DrawInput = {
  seedHex: SEED,
  drawDate: '2026-12-04',
  targets: [
    { id: 'T1', level: 'red', area: 'A1' },
    { id: 'T2', level: 'red', area: 'A1' },
    ...['T3', 'T4', 'T5', 'T6'].map((id) => ({ id, level: 'green', area: 'A1' })),
  ],
  inspectors: [
    ...['P1', 'P2', 'P3', 'P4'].map((id) => ({ id, area: 'A1', credentials: [VALID] })),
    { id: 'P5', area: 'A1', credentials: [EXPIRED] },
  ],
  conflicts: [{ inspectorId: 'P1', targetId: 'T3' }],
  proportions: [
    { level: 'red', basisPoints: 5000 },
    { level: 'green', basisPoints: 5000 },
  ],
};

function published(outcome: DrawOutcome | null, seedHex: string | null): PublishedDraw {
  const { seedHex: _s, ...rest } = INPUT;
  return {
    drawDate: INPUT.drawDate,
    commitment: drawCommitment(SEED),
    inputDigest: drawInputDigest(rest),
    proportions: INPUT.proportions,
    maxTargetsPerTeam: null,
    targets: INPUT.targets,
    inspectors: INPUT.inspectors.map((i) => ({ id: i.id, area: i.area, acting: drawCredentialsActing(i.credentials, INPUT.drawDate) })),
    conflicts: INPUT.conflicts,
    seedHex,
    result: outcome && { targets: outcome.targets, teams: outcome.teams },
  };
}

describe('checkPublishedDraw', () => {
  const outcome = runDraw(INPUT) as DrawOutcome;

  it('an acting flag stands for the credentials: the digest of the published pools is the digest of the real ones', () => {
    expect(outcome.ok).toBe(true);
    const p = published(null, null);
    expect(p.inspectors.map((i) => i.acting)).toEqual([true, true, true, true, false]);
    expect(p.inputDigest).toBe('cde93a0b6fdf28be513e710a51cc0d49e8fd3e7a8d0b82b9ddfa9e32f7212165');
    expect(publishedDrawInspector({ id: 'P5', area: 'A1', acting: false }, '2026-12-04').credentials).toEqual([]);
  });

  it('before the draw only the input digest is checked', () => {
    const c = checkPublishedDraw(published(null, null));
    expect(c).toMatchObject({ inputDigest: 'consistent', seed: 'pending', result: 'pending', recomputed: null });
  });

  it('after the draw every check is consistent, and the re-run gives the published teams', () => {
    const c = checkPublishedDraw(published(outcome, SEED));
    expect(c).toMatchObject({ inputDigest: 'consistent', seed: 'consistent', seedReason: null, result: 'consistent' });
    expect(c.recomputed!.teams.map((t) => t.inspectorIds)).toEqual([
      ['P4', 'P3'],
      ['P2', 'P1'],
    ]);
  });

  it('a seed that does not match the commitment, a changed pool or a changed result is inconsistent', () => {
    const other = 'ff'.repeat(32);
    expect(checkPublishedDraw(published(outcome, other))).toMatchObject({ seed: 'inconsistent', seedReason: 'mismatch' });
    const pools = published(outcome, SEED);
    const changed = checkPublishedDraw({ ...pools, targets: pools.targets.filter((t) => t.id !== 'T4') });
    expect(changed.inputDigest).toBe('inconsistent');
    const swapped = { ...pools, result: { ...pools.result!, targets: pools.result!.targets.map((t) => ({ ...t, teamNo: 3 - t.teamNo })) } };
    expect(checkPublishedDraw(swapped)).toMatchObject({ seed: 'consistent', result: 'inconsistent' });
    expect(checkPublishedDraw({ ...pools, seedHex: 'not a seed' })).toMatchObject({
      seed: 'inconsistent',
      seedReason: 'seed_format',
      result: 'inconsistent',
    });
  });
});
