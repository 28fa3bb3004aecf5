// Re-checking a published draw (公开): from what the bureau publishes — the frozen pools with each inspector's acting
// flag, the commitment and input digest given at approval, the seed and the result given after the draw — anyone
// recomputes the input digest, checks the seed against the commitment and re-runs the draw. The console's public
// draw page runs this in the browser; docs/random-inspections.md §3 describes every step.
import { ACTING_CREDENTIAL_STATUSES, bestOfficerCredential, type CredentialLike } from '../staff/credential.ts';
import type { LegalDate } from '../calendar/legal-date.ts';
import { verifyDrawReveal } from './draw-random.ts';
import {
  drawInputDigest,
  runDraw,
  type DrawConflict,
  type DrawInspector,
  type DrawOutcome,
  type DrawProportion,
  type DrawTarget,
} from './draw.ts';

/** True when one of the inspector's credentials is acting (valid or expiring) on the date — what the draw judges. */
export function drawCredentialsActing(credentials: readonly CredentialLike[], drawDate: LegalDate): boolean {
  return ACTING_CREDENTIAL_STATUSES.includes(bestOfficerCredential(credentials, drawDate).status);
}

/**
 * The draw input of a published inspector: the credentials themselves are not published, only whether one was acting
 * on the draw date, so an acting inspector stands with one credential valid on that day and another with none. Both
 * give the draw and the input digest exactly what the real credentials gave.
 */
export function publishedDrawInspector(p: { id: string; area: string; acting: boolean }, drawDate: LegalDate): DrawInspector {
  return {
    id: p.id,
    area: p.area,
    credentials: p.acting ? [{ domains: [], validFrom: drawDate, validTo: drawDate, revoked: false }] : [],
  };
}

export type PublishedDraw = {
  drawDate: LegalDate;
  commitment: string;
  inputDigest: string;
  proportions: readonly DrawProportion[];
  maxTargetsPerTeam: number | null;
  targets: readonly DrawTarget[];
  inspectors: readonly { id: string; area: string; acting: boolean }[];
  conflicts: readonly DrawConflict[];
  seedHex: string | null;
  result: {
    targets: readonly { id: string; level: string; area: string; teamNo: number }[];
    teams: readonly { teamNo: number; area: string; inspectorIds: readonly string[]; targetIds: readonly string[] }[];
  } | null;
};

/** `pending`: nothing to check yet (no seed or result before the draw). */
export type DrawCheck = 'consistent' | 'inconsistent' | 'pending';

export type PublishedDrawChecks = {
  /** The published pools give the input digest published at approval. */
  inputDigest: DrawCheck;
  /** The revealed seed hashes to the commitment published at approval. */
  seed: DrawCheck;
  /** Why the seed check failed (the seed or commitment is not 64 hex digits, or they do not match). */
  seedReason: 'seed_format' | 'commitment_format' | 'mismatch' | null;
  /** Re-running the draw with the revealed seed gives the published teams and targets. */
  result: DrawCheck;
  /** What the re-run gave (null before the draw, or when it refused or the input was malformed). */
  recomputed: DrawOutcome | null;
  /** Why the re-run gave nothing: a refusal or a DrawInputError's message. */
  recomputeError: string | null;
};

const sameResult = (outcome: DrawOutcome, published: NonNullable<PublishedDraw['result']>): boolean => {
  if (outcome.targets.length !== published.targets.length || outcome.teams.length !== published.teams.length) return false;
  for (let i = 0; i < outcome.targets.length; i++) {
    const a = outcome.targets[i]!;
    const b = published.targets[i]!;
    if (a.id !== b.id || a.level !== b.level || a.area !== b.area || a.teamNo !== b.teamNo) return false;
  }
  for (let i = 0; i < outcome.teams.length; i++) {
    const a = outcome.teams[i]!;
    const b = published.teams[i]!;
    if (a.teamNo !== b.teamNo || a.area !== b.area) return false;
    if (a.inspectorIds.join(',') !== b.inspectorIds.join(',') || a.targetIds.join(',') !== b.targetIds.join(',')) return false;
  }
  return true;
};

/** Every check a reader of the public draw page makes, on the published data alone. */
export function checkPublishedDraw(p: PublishedDraw): PublishedDrawChecks {
  const inspectors = p.inspectors.map((i) => publishedDrawInspector(i, p.drawDate));
  const base = {
    drawDate: p.drawDate,
    targets: p.targets,
    inspectors,
    conflicts: p.conflicts,
    proportions: p.proportions,
    ...(p.maxTargetsPerTeam !== null ? { maxTargetsPerTeam: p.maxTargetsPerTeam } : {}),
  };
  let inputDigest: DrawCheck;
  try {
    inputDigest = drawInputDigest(base) === p.inputDigest.toLowerCase() ? 'consistent' : 'inconsistent';
  } catch {
    inputDigest = 'inconsistent';
  }
  if (p.seedHex === null) {
    return { inputDigest, seed: 'pending', seedReason: null, result: 'pending', recomputed: null, recomputeError: null };
  }
  const reveal = verifyDrawReveal(p.seedHex, p.commitment);
  let recomputed: DrawOutcome | null = null;
  let recomputeError: string | null = null;
  try {
    const r = runDraw({ ...base, seedHex: p.seedHex });
    if (r.ok) recomputed = r;
    else recomputeError = r.refusal.messageZh;
  } catch (e) {
    recomputeError = e instanceof Error ? e.message : String(e);
  }
  const result: DrawCheck =
    p.result === null ? 'pending' : recomputed !== null && sameResult(recomputed, p.result) ? 'consistent' : 'inconsistent';
  return { inputDigest, seed: reveal.ok ? 'consistent' : 'inconsistent', seedReason: reveal.reason, result, recomputed, recomputeError };
}
