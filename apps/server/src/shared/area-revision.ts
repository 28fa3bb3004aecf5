// When routing (a point → its squad, subjects.repository.ts `squadAt`) must read the revision of the squads' service
// areas again. The areas are kept per process and per database under the revision of `org_areas` and `orgs`
// (migration 046: any change to either gives a new random revision). Reading that revision is a round trip on every
// routing; instead a process reads it at most once every `AREA_REVISION_RECHECK_MS` per database, and at every
// routing for `AREA_WRITE_FORCE_MS` after this process itself wrote areas or orgs (the writers call `areasWritten`, in
// their transaction, before it commits). So:
//   - a change made through this process is seen by its next routing (exact: the revision is read again);
//   - a change made by another process (another server, the generator, SQL by hand) is seen at most
//     AREA_REVISION_RECHECK_MS after its commit — the bounded staleness;
//   - answers never mix revisions: the areas kept are those read at the revision last read.
import { performance } from 'node:perf_hooks';

/** The longest a change committed by another process stays unseen here. */
export const AREA_REVISION_RECHECK_MS = 1_000;
/** After a write here, every routing reads the revision for this long (covers the writer's commit). */
export const AREA_WRITE_FORCE_MS = 30_000;

let forcedUntil = 0;

/** A writer of `org_areas` or `orgs` in this process: routing reads the revision again until well after its commit. */
export function areasWritten(now: number = performance.now()): void {
  forcedUntil = Math.max(forcedUntil, now + AREA_WRITE_FORCE_MS);
}

/** Whether a revision read at `checkedAt` (performance.now() ms) must be read again at `now`. */
export function areaRevisionDue(checkedAt: number, now: number = performance.now(), recheckMs: number = AREA_REVISION_RECHECK_MS): boolean {
  // A check dated after `now` (an instant given by a caller) is no evidence for `now`: read again.
  return now < forcedUntil || now < checkedAt || now - checkedAt >= recheckMs;
}
