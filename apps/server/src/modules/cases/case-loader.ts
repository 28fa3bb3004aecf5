// The snapshot as stored (officers without credentials) and as the rules see it (live credentials,
// E6 prior fines counted now, the offence's versions as the library holds them now), with the CaseContext of today.
import type { CaseContext, CaseSnapshot, TeamOfficer } from '@chengguan/domain';
import type { Actor, Deps, Executor, StepActor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { currentLawRevision, legalConfigOn, loadWorkCalendar } from '../law/index.ts';
import { inJurisdiction } from './case-access.ts';
import { offenceVersionsOf } from './case-offence.ts';
import { findCase, findCaseForStep, officersWithCredentials, priorFinesByCase, type CaseRow } from './cases.repository.ts';

export type LoadedCase = { row: CaseRow; snapshot: CaseSnapshot; ctx: CaseContext; version: number };

/**
 * Today's legal date, the working-day calendar (with overrides) and the LegalConfig in force today, as this process
 * read them at the current law revision (`lawRevision` when the caller read it with the case row, else read here).
 */
export async function caseContext(db: Executor, now: Date, lawRevision?: string): Promise<CaseContext> {
  const today = shanghaiDate(now);
  const revision = lawRevision ?? (await currentLawRevision(db));
  const [calendar, { config }] = await Promise.all([loadWorkCalendar(db, revision), legalConfigOn(db, today, revision)]);
  return { today, calendar, config };
}

/** The current law revision and the context read at it: a new case's answer is judged at the revision it was written at. */
export async function caseContextAtCurrentRevision(db: Executor, now: Date): Promise<{ ctx: CaseContext; lawRevision: string }> {
  const lawRevision = await currentLawRevision(db);
  return { ctx: await caseContext(db, now, lawRevision), lawRevision };
}

/** What is stored: the officers' credentials and the offence's versions are never frozen into the case. */
export function storedSnapshot(s: CaseSnapshot): string {
  const { versions: _versions, ...offence } = s.offence;
  return JSON.stringify({
    ...s,
    offence,
    officers: s.officers.map((o) => ({ id: o.id, name: o.name, credentials: [] })),
    act: { ...s.act, priorFineDecisionCount: 0 },
  });
}

/** The stored snapshot with its officers' live credentials, the E6 count of today and the offence's versions (Art. 37). */
export async function hydrateSnapshot(
  db: Executor,
  row: Pick<CaseRow, 'id' | 'snapshot' | 'act_id'>,
  /** The law revision read with the row: the offence's versions as this process read them at it. */
  lawRevision?: string,
): Promise<CaseSnapshot> {
  return (await hydrateSnapshots(db, [row], lawRevision))[0]!;
}

/**
 * hydrateSnapshot for many cases in a fixed number of queries (a workbench reads up to 200 open cases): the officers and
 * their credentials of all of them at once, the E6 prior fines grouped by act, each offence code's versions once.
 */
export async function hydrateSnapshots(
  db: Executor,
  rows: readonly Pick<CaseRow, 'id' | 'snapshot' | 'act_id'>[],
  lawRevision?: string,
): Promise<CaseSnapshot[]> {
  if (rows.length === 0) return [];
  const stored = rows.map((r) => r.snapshot as CaseSnapshot);
  const officerIds = [...new Set(stored.flatMap((s) => s.officers.map((o) => o.id)))];
  const codes = [...new Set(stored.map((s) => s.offence.code))];
  const [officers, fines, versionLists] = await Promise.all([
    officersWithCredentials(db, officerIds),
    priorFinesByCase(db, rows),
    Promise.all(codes.map((c) => offenceVersionsOf(db, c, lawRevision))),
  ]);
  const versions = new Map(codes.map((c, i) => [c, versionLists[i]!]));
  return rows.map((r, i) => hydrated(stored[i]!, officers, fines.get(r.id) ?? 0, versions.get(stored[i]!.offence.code) ?? []));
}

/** The stored snapshot with what was read live: its officers' credentials, the E6 count and the offence's versions. */
export function hydrated(
  stored: CaseSnapshot,
  officers: ReadonlyMap<string, Pick<TeamOfficer, 'name' | 'credentials'>>,
  priorFines: number,
  versions: CaseSnapshot['offence']['versions'],
): CaseSnapshot {
  const live: TeamOfficer[] = stored.officers.map((o) => {
    const found = officers.get(o.id);
    return { id: o.id, name: found?.name ?? o.name ?? o.id, credentials: found?.credentials ?? [] };
  });
  return {
    ...stored,
    offence: { ...stored.offence, versions },
    officers: live,
    act: { ...stored.act, priorFineDecisionCount: priorFines },
  };
}

/** The case in the actor's jurisdiction, or 404 (a case outside it does not exist for him). */
export async function getCaseRowOrFail(db: Executor, actor: Pick<StepActor, 'jurisdictionPath'>, id: string): Promise<CaseRow> {
  const row = await findCase(db, id);
  if (!row || !inJurisdiction(actor, row.org_path)) throw new AppError('NOT_FOUND');
  return row;
}

export async function loadCaseOrFail(
  deps: Pick<Deps, 'clock'>,
  db: Executor,
  actor: Pick<StepActor, 'jurisdictionPath'>,
  id: string,
): Promise<LoadedCase & { lawRevision: string }> {
  // The row, its officers' live credentials and the E6 count in one statement; law data from the revision's cache.
  const found = await findCaseForStep(db, id);
  if (!found || !inJurisdiction(actor, found.row.org_path)) throw new AppError('NOT_FOUND');
  const { row, lawRevision } = found;
  const stored = row.snapshot as CaseSnapshot;
  const [versions, ctx] = await Promise.all([
    offenceVersionsOf(db, stored.offence.code, lawRevision),
    caseContext(db, deps.clock.now(), lawRevision),
  ]);
  return { row, snapshot: hydrated(stored, found.officers, found.priorFines, versions), ctx, version: row.version, lawRevision };
}

/** Officers named in an input, with live credentials; each must exist and belong to the actor's jurisdiction. */
export async function teamOfficersOrFail(db: Executor, actor: Actor, ids: readonly string[], field: string): Promise<TeamOfficer[]> {
  const found = await officersWithCredentials(db, ids);
  return ids.map((id, i) => {
    const o = found.get(id);
    if (!o || !inJurisdiction(actor, o.orgPath) || !o.active) {
      throw new AppError('VALIDATION_FAILED', {
        field: `${field}.${i}`,
        message: `${field}.${i}：执法人员不存在或不在本辖区`,
        messageEn: `${field}.${i}: no such officer in your jurisdiction`,
        details: [{ field: `${field}.${i}`, message: '执法人员不存在或不在本辖区', messageEn: 'no such officer in your jurisdiction' }],
      });
    }
    return { id: o.id, name: o.name, credentials: o.credentials };
  });
}
