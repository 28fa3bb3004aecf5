// SQL of the exemption-list items, enforcement guidance and guiding cases of the legal library.
import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../context.ts';
import { containsPattern } from '../../db/like.ts';
import { inForce, paged, type Paged } from './law-library.repository.ts';
import type { LawExemptionItemsTable, LawGuidanceTable, LawGuidingCasesTable } from './law.tables.ts';

export type ExemptionRow = Selectable<LawExemptionItemsTable>;
export type GuidanceRow = Selectable<LawGuidanceTable>;
export type GuidingCaseRow = Selectable<LawGuidingCasesTable>;

// ---------------------------------------------------------------------------------------------------------
// exemption items

export type ExemptionFilter = { q?: string; listName?: string; offenceCode?: string; verification?: string; inForceOn?: string };

function exemptionsWhere(db: Executor, f: ExemptionFilter) {
  let q = db.selectFrom('law_exemption_items');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('behaviour', 'ilike', like),
        eb('provision', 'ilike', like),
        eb('conditions_text', 'ilike', like),
        eb('list_name', 'ilike', like),
        eb(sql`array_to_string(keywords, ' ')`, 'ilike', like),
      ]),
    );
  }
  if (f.listName) q = q.where('list_name', 'ilike', containsPattern(f.listName));
  if (f.offenceCode) q = q.where('offence_code', '=', f.offenceCode);
  if (f.verification) q = q.where('verification', '=', f.verification);
  if (f.inForceOn) q = q.where(inForce('effective_from', 'effective_to', f.inForceOn, true));
  return q;
}

export async function listExemptions(db: Executor, f: ExemptionFilter, limit: number, offset: number): Promise<Paged<ExemptionRow>> {
  const base = exemptionsWhere(db, f);
  return paged(
    base.selectAll().orderBy('list_name').orderBy('item_no').orderBy('effective_from').limit(limit).offset(offset),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

export async function findExemption(db: Executor, id: string): Promise<ExemptionRow | undefined> {
  return db.selectFrom('law_exemption_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function exemptionVersions(db: Executor, listName: string, itemNo: number) {
  return db
    .selectFrom('law_exemption_items')
    .select(['id', 'effective_from', 'effective_to'])
    .where('list_name', '=', listName)
    .where('item_no', '=', itemNo)
    .execute();
}

export async function exemptionsOfOffenceCodes(db: Executor, codes: readonly string[]): Promise<ExemptionRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('law_exemption_items')
    .selectAll()
    .where('offence_code', 'in', codes)
    .orderBy('list_name')
    .orderBy('item_no')
    .execute();
}

export async function insertExemption(db: Executor, row: Insertable<LawExemptionItemsTable>) {
  await db.insertInto('law_exemption_items').values(row).execute();
}

export async function updateExemption(db: Executor, id: string, set: Updateable<LawExemptionItemsTable>, now: Date) {
  await db
    .updateTable('law_exemption_items')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteExemption(db: Executor, id: string) {
  await db.deleteFrom('law_exemption_items').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------
// guidance

export type GuidanceFilter = { q?: string; offenceCode?: string; verification?: string; inForceOn?: string };

function guidanceWhere(db: Executor, f: GuidanceFilter) {
  let q = db.selectFrom('law_guidance');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('title', 'ilike', like),
        eb(sql`steps::text`, 'ilike', like),
        eb(sql`evidence::text`, 'ilike', like),
        eb(sql`checklist::text`, 'ilike', like),
      ]),
    );
  }
  if (f.offenceCode) q = q.where('offence_code', '=', f.offenceCode);
  if (f.verification) q = q.where('verification', '=', f.verification);
  if (f.inForceOn) q = q.where(inForce('effective_from', 'effective_to', f.inForceOn, true));
  return q;
}

export async function listGuidance(db: Executor, f: GuidanceFilter, limit: number, offset: number): Promise<Paged<GuidanceRow>> {
  const base = guidanceWhere(db, f);
  return paged(
    base
      .selectAll()
      .orderBy(sql`offence_code NULLS LAST`)
      .orderBy('title')
      .orderBy('effective_from')
      .limit(limit)
      .offset(offset),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

export async function findGuidance(db: Executor, id: string): Promise<GuidanceRow | undefined> {
  return db.selectFrom('law_guidance').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function guidanceVersions(db: Executor, offenceCode: string | null, title: string) {
  return db
    .selectFrom('law_guidance')
    .select(['id', 'effective_from', 'effective_to'])
    .where(sql<SqlBool>`offence_code IS NOT DISTINCT FROM ${offenceCode}::text`)
    .where('title', '=', title)
    .execute();
}

export async function guidanceOfOffenceCodes(db: Executor, codes: readonly string[], on: string): Promise<GuidanceRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('law_guidance')
    .selectAll()
    .where('offence_code', 'in', codes)
    .where(inForce('effective_from', 'effective_to', on, true))
    .orderBy('title')
    .execute();
}

export async function insertGuidance(db: Executor, row: Insertable<LawGuidanceTable>) {
  await db.insertInto('law_guidance').values(row).execute();
}

export async function updateGuidance(db: Executor, id: string, set: Updateable<LawGuidanceTable>, now: Date) {
  await db
    .updateTable('law_guidance')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteGuidance(db: Executor, id: string) {
  await db.deleteFrom('law_guidance').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------
// guiding cases

export type GuidingCaseFilter = { q?: string; offenceCode?: string; verification?: string; inForceOn?: string };

function casesWhere(db: Executor, f: GuidingCaseFilter) {
  let q = db.selectFrom('law_guiding_cases');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('facts', 'ilike', like), eb('key_points', 'ilike', like)]));
  }
  if (f.offenceCode) q = q.where('offence_code', '=', f.offenceCode);
  if (f.verification) q = q.where('verification', '=', f.verification);
  if (f.inForceOn) q = q.where(inForce('published_on', 'withdrawn_on', f.inForceOn, false));
  return q;
}

export async function listGuidingCases(db: Executor, f: GuidingCaseFilter, limit: number, offset: number): Promise<Paged<GuidingCaseRow>> {
  const base = casesWhere(db, f);
  return paged(
    base.selectAll().orderBy('published_on', 'desc').orderBy('title').limit(limit).offset(offset),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
  );
}

export async function findGuidingCase(db: Executor, id: string): Promise<GuidingCaseRow | undefined> {
  return db.selectFrom('law_guiding_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGuidingCase(db: Executor, row: Insertable<LawGuidingCasesTable>) {
  await db.insertInto('law_guiding_cases').values(row).execute();
}

export async function updateGuidingCase(db: Executor, id: string, set: Updateable<LawGuidingCasesTable>, now: Date) {
  await db
    .updateTable('law_guiding_cases')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteGuidingCase(db: Executor, id: string) {
  await db.deleteFrom('law_guiding_cases').where('id', '=', id).execute();
}
