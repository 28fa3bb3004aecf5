// The law data every case load reads — the calendar overrides, the legal configuration's versions and an offence's
// versions — kept per process under the revision it was read at (migration 016: a statement trigger on each of
// those tables sets a new random revision, so a revision is never used for two contents, not after a rollback and
// not by another database).
// A caller that knows the current revision (read with the case row, in the same statement) is answered from what
// this process read at that revision; a change made by any process gives a new revision and so a fresh read. Only
// the latest revision seen is kept.
import { sql } from 'kysely';
import type { WorkCalendar } from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import type { OffenceVersionRow } from './law-library.repository.ts';
import type { StoredConfig } from './law-config.ts';

/** The expression of the current revision, to select with another row (one round trip for both). */
export const lawRevisionExpression = sql<string>`(SELECT revision::text FROM law_revision)`;

export async function currentLawRevision(db: Executor): Promise<string> {
  const r = await db
    .selectFrom('law_revision')
    .select(sql<string>`revision::text`.as('revision'))
    .executeTakeFirstOrThrow();
  return r.revision;
}

type Entry = {
  revision: string;
  calendar: WorkCalendar | null;
  configVersions: StoredConfig[] | null;
  offences: Map<string, OffenceVersionRow[]>;
};

let entry: Entry | null = null;

function at(revision: string): Entry {
  if (entry?.revision !== revision) entry = { revision, calendar: null, configVersions: null, offences: new Map() };
  return entry;
}

/** What was read at `revision`, or `read()` once (and kept if the revision is still the latest seen). */
export async function atRevision<K extends 'calendar' | 'configVersions'>(
  revision: string,
  key: K,
  read: () => Promise<NonNullable<Entry[K]>>,
): Promise<NonNullable<Entry[K]>> {
  const held = at(revision)[key];
  if (held) return held as NonNullable<Entry[K]>;
  const value = await read();
  const e = at(revision);
  e[key] = value;
  return value;
}

export async function offenceAtRevision(
  revision: string,
  code: string,
  read: () => Promise<OffenceVersionRow[]>,
): Promise<OffenceVersionRow[]> {
  const held = at(revision).offences.get(code);
  if (held) return held;
  const value = await read();
  at(revision).offences.set(code, value);
  return value;
}
