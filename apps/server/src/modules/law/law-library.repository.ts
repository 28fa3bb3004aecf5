// SQL of the legal library's core: provisions, offences and their discretion tiers (exemption items, guidance
// and guiding cases are in law-guidance.repository.ts).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../context.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { LawDiscretionStandardsTable, LawOffencesTable, LawProvisionsTable } from './law.tables.ts';
import { offenceAtRevision } from './law-revision.ts';
import { containsPattern } from '../../db/like.ts';

export type ProvisionRow = Selectable<LawProvisionsTable>;
export type OffenceRow = Selectable<LawOffencesTable>;
export type TierRow = Selectable<LawDiscretionStandardsTable> & {
  offence_code: string;
  offence_name: string;
  offence_effective_from: string;
};

export type Paged<T> = { items: T[]; total: number };

/** Rows in force on `day`: started, and not yet ended (`to` inclusive) / repealed (`repealed` exclusive). */
export function inForce(fromCol: string, endCol: string, day: string, endInclusive: boolean): Expression<SqlBool> {
  const from = sql.ref(fromCol);
  const end = sql.ref(endCol);
  return endInclusive
    ? sql<SqlBool>`${from} <= ${day}::date AND (${end} IS NULL OR ${end} >= ${day}::date)`
    : sql<SqlBool>`${from} <= ${day}::date AND (${end} IS NULL OR ${end} > ${day}::date)`;
}

export async function paged<T>(
  query: { execute(): Promise<T[]> },
  count: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> },
) {
  const [items, c] = await Promise.all([query.execute(), count.executeTakeFirstOrThrow()]);
  return { items, total: Number(c.n) };
}

// ---------------------------------------------------------------------------------------------------------
// provisions

export type ProvisionFilter = { q?: string; level?: string; lawTitle?: string; verification?: string; inForceOn?: string };

function provisionsWhere(db: Executor, f: ProvisionFilter) {
  let q = db.selectFrom('law_provisions');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('law_title', 'ilike', like), eb('text', 'ilike', like), eb('source', 'ilike', like)]));
  }
  if (f.level) q = q.where('level', '=', f.level);
  if (f.lawTitle) q = q.where('law_title', 'ilike', containsPattern(f.lawTitle));
  if (f.verification) q = q.where('verification', '=', f.verification);
  if (f.inForceOn) q = q.where(inForce('effective_from', 'repealed_on', f.inForceOn, false));
  return q;
}

export async function listProvisions(db: Executor, f: ProvisionFilter, limit: number, offset: number): Promise<Paged<ProvisionRow>> {
  const base = provisionsWhere(db, f);
  return paged(
    base
      .selectAll()
      .orderBy('law_title')
      .orderBy('article')
      .orderBy(sql`paragraph NULLS FIRST`)
      .orderBy(sql`item NULLS FIRST`)
      .orderBy('effective_from')
      .limit(limit)
      .offset(offset),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

export async function findProvision(db: Executor, id: string): Promise<ProvisionRow | undefined> {
  return db.selectFrom('law_provisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProvisions(db: Executor, ids: readonly string[]): Promise<ProvisionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('law_provisions').selectAll().where('id', 'in', ids).execute();
}

/** Every version of one article / paragraph / item of one law. */
export async function provisionVersions(
  db: Executor,
  key: { lawTitle: string; article: number; paragraph: number | null; item: number | null },
) {
  return db
    .selectFrom('law_provisions')
    .select(['id', 'effective_from', 'repealed_on'])
    .where('law_title', '=', key.lawTitle)
    .where('article', '=', key.article)
    .where(sql<SqlBool>`paragraph IS NOT DISTINCT FROM ${key.paragraph}::int`)
    .where(sql<SqlBool>`item IS NOT DISTINCT FROM ${key.item}::int`)
    .execute();
}

export async function insertProvision(db: Executor, row: Insertable<LawProvisionsTable>) {
  await db.insertInto('law_provisions').values(row).execute();
}

export async function updateProvision(db: Executor, id: string, set: Updateable<LawProvisionsTable>, now: Date) {
  await db
    .updateTable('law_provisions')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteProvision(db: Executor, id: string) {
  await db.deleteFrom('law_provisions').where('id', '=', id).execute();
}

/** How many offences or exemption items cite a provision (a cited provision cannot be deleted). */
export async function countProvisionReferences(db: Executor, id: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM law_offences WHERE violated_provision_id = ${id} OR penalty_provision_id = ${id})
    + (SELECT count(*) FROM law_exemption_items WHERE provision_id = ${id}) AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------------------
// offences

export type OffenceFilter = {
  q?: string;
  code?: string;
  domain?: string;
  verification?: string;
  inForceOn?: string;
  offsiteEligible?: boolean;
  eventCategory?: string;
};

function offencesWhere(db: Executor, f: OffenceFilter) {
  let q = db.selectFrom('law_offences');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('name', 'ilike', like),
        eb('code', 'ilike', like),
        eb(sql`array_to_string(keywords, ' ')`, 'ilike', like),
        eb('violated_provision', 'ilike', like),
        eb('penalty_provision', 'ilike', like),
      ]),
    );
  }
  if (f.code) q = q.where('code', '=', f.code);
  if (f.domain) q = q.where('domain', '=', f.domain);
  if (f.verification) q = q.where('verification', '=', f.verification);
  if (f.offsiteEligible !== undefined) q = q.where('offsite_eligible', '=', f.offsiteEligible);
  if (f.eventCategory) q = q.where('event_category', '=', f.eventCategory);
  if (f.inForceOn) q = q.where(inForce('effective_from', 'effective_to', f.inForceOn, true));
  return q;
}

export async function listOffences(db: Executor, f: OffenceFilter, limit: number, offset: number): Promise<Paged<OffenceRow>> {
  const base = offencesWhere(db, f);
  return paged(
    base.selectAll().orderBy('code').orderBy('effective_from').limit(limit).offset(offset),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

export async function findOffence(db: Executor, id: string): Promise<OffenceRow | undefined> {
  return db.selectFrom('law_offences').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An offence version with the verification marks of the provisions it links to (E12 reads them). */
export type OffenceVersionRow = OffenceRow & { violated_mark: string | null; penalty_mark: string | null };

export async function offenceVersionsByCode(db: Executor, code: string, lawRevision?: string): Promise<OffenceVersionRow[]> {
  const read = () =>
    db
      .selectFrom('law_offences as o')
      .leftJoin('law_provisions as vp', 'vp.id', 'o.violated_provision_id')
      .leftJoin('law_provisions as pp', 'pp.id', 'o.penalty_provision_id')
      .selectAll('o')
      .select(['vp.verification as violated_mark', 'pp.verification as penalty_mark'])
      .where('o.code', '=', code)
      .orderBy('o.effective_from')
      .execute();
  // With the law revision the caller read (law-revision.ts): the versions this process read at it.
  return lawRevision === undefined ? read() : offenceAtRevision(lawRevision, code, read);
}

export async function findOffenceVersion(db: Executor, code: string, effectiveFrom: string): Promise<OffenceRow | undefined> {
  return db.selectFrom('law_offences').selectAll().where('code', '=', code).where('effective_from', '=', effectiveFrom).executeTakeFirst();
}

export async function offenceCodeExists(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('law_offences').select('id').where('code', '=', code).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Serializes writers of one offence code (or any other version key) until the transaction ends, so two
 * concurrent saves cannot both pass the overlap check.
 */
export async function lockVersionKey(db: Executor, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(db);
}

export async function insertOffence(db: Executor, row: Insertable<LawOffencesTable>) {
  await db.insertInto('law_offences').values(row).execute();
}

export async function updateOffence(db: Executor, id: string, set: Updateable<LawOffencesTable>, now: Date) {
  await db
    .updateTable('law_offences')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteOffence(db: Executor, id: string) {
  await db.deleteFrom('law_offences').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------
// discretion tiers

export type TierFilter = {
  q?: string;
  offenceId?: string;
  offenceCode?: string;
  level?: string;
  verification?: string;
  inForceOn?: string;
};

function tiersWhere(db: Executor, f: TierFilter) {
  let q = db.selectFrom('law_discretion_standards as t').innerJoin('law_offences as o', 'o.id', 't.offence_id');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('t.label', 'ilike', like), eb('t.conditions_text', 'ilike', like), eb('o.name', 'ilike', like)]));
  }
  if (f.offenceId) q = q.where('t.offence_id', '=', f.offenceId);
  if (f.offenceCode) q = q.where('o.code', '=', f.offenceCode);
  if (f.level) q = q.where('t.level', '=', f.level);
  if (f.verification) q = q.where('t.verification', '=', f.verification);
  if (f.inForceOn) q = q.where(inForce('o.effective_from', 'o.effective_to', f.inForceOn, true));
  return q;
}

const TIER_COLUMNS = ['o.code as offence_code', 'o.name as offence_name', 'o.effective_from as offence_effective_from'] as const;

export async function listTiers(db: Executor, f: TierFilter, limit: number, offset: number): Promise<Paged<TierRow>> {
  const base = tiersWhere(db, f);
  return paged(
    base
      .selectAll('t')
      .select(TIER_COLUMNS)
      .orderBy('o.code')
      .orderBy('o.effective_from')
      .orderBy('t.sort_order')
      .orderBy('t.min_fen')
      .limit(limit)
      .offset(offset),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

export async function findTier(db: Executor, id: string): Promise<TierRow | undefined> {
  return db
    .selectFrom('law_discretion_standards as t')
    .innerJoin('law_offences as o', 'o.id', 't.offence_id')
    .selectAll('t')
    .select(TIER_COLUMNS)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function tiersOfOffences(db: Executor, offenceIds: readonly string[]): Promise<Selectable<LawDiscretionStandardsTable>[]> {
  if (offenceIds.length === 0) return [];
  return db
    .selectFrom('law_discretion_standards')
    .selectAll()
    .where('offence_id', 'in', offenceIds)
    .orderBy('sort_order')
    .orderBy('min_fen')
    .execute();
}

export async function insertTier(db: Executor, row: Insertable<LawDiscretionStandardsTable>) {
  await db.insertInto('law_discretion_standards').values(row).execute();
}

export async function updateTier(db: Executor, id: string, set: Updateable<LawDiscretionStandardsTable>, now: Date) {
  await db
    .updateTable('law_discretion_standards')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteTier(db: Executor, id: string) {
  await db.deleteFrom('law_discretion_standards').where('id', '=', id).execute();
}
