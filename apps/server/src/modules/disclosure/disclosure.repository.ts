import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { DisclosureState, DisclosuresTable } from './disclosure.tables.ts';
import { containsPattern } from '../../db/like.ts';

export type DisclosureRow = Selectable<DisclosuresTable>;
export type DisclosureListRow = DisclosureRow & { org_name: string; case_number: string | null };

export async function insertDisclosure(db: Executor, row: Insertable<DisclosuresTable>): Promise<void> {
  await db
    .insertInto('disclosures')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

export async function lockDisclosure(db: Executor, id: string): Promise<DisclosureRow | undefined> {
  return db.selectFrom('disclosures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findDisclosureWithOrg(db: Executor, id: string) {
  return db
    .selectFrom('disclosures as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .selectAll('d')
    .select('o.path as org_path')
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function markPublished(db: Executor, id: string, at: Date, on: string, publicUntil: string | null): Promise<boolean> {
  const r = await db
    .updateTable('disclosures')
    .set({ state: 'published', published_at: at, published_on: on, public_until: publicUntil })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function recordChange(
  db: Executor,
  id: string,
  set: {
    change_kind: NonNullable<DisclosuresTable['change_kind']>;
    change_on: string;
    change_body: string;
    change_reason: string;
    change_recorded_by: string;
    change_recorded_at: Date;
    withdrawal_due_on: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('disclosures')
    .set({ ...set, state: 'withdrawal_pending' })
    .where('id', '=', id)
    .where('state', '=', 'published')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markWithdrawn(db: Executor, id: string, at: Date, on: string): Promise<boolean> {
  const r = await db
    .updateTable('disclosures')
    .set({ state: 'withdrawn', withdrawn_at: at, withdrawn_on: on })
    .where('id', '=', id)
    .where('state', '=', 'withdrawal_pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type ConsoleFilters = {
  jurisdictionPath: string;
  state?: DisclosureState;
  /** Entries overdue as of `today` (not done and past due) or done after their due day. */
  overdueOn?: string;
  fromDate?: string;
  toDate?: string;
  keyword?: string;
};

export async function listConsoleDisclosures(db: Executor, f: ConsoleFilters, page: number, pageSize: number) {
  let q = db
    .selectFrom('disclosures as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .where('o.path', 'like', `${f.jurisdictionPath}%`);
  if (f.state) q = q.where('d.state', '=', f.state);
  if (f.fromDate) q = q.where('d.decided_on', '>=', f.fromDate);
  if (f.toDate) q = q.where('d.decided_on', '<=', f.toDate);
  if (f.keyword)
    q = q.where((eb) =>
      eb.or([eb('d.search_text', 'ilike', containsPattern(f.keyword!)), eb('d.document_number', 'ilike', containsPattern(f.keyword!))]),
    );
  if (f.overdueOn) {
    const today = f.overdueOn;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('d.state', '=', 'pending'), eb('d.publish_due_on', '<', today)]),
        eb('d.published_on', '>', eb.ref('d.publish_due_on')),
        eb.and([eb('d.state', '=', 'withdrawal_pending'), eb('d.withdrawal_due_on', '<', today)]),
        eb('d.withdrawn_on', '>', eb.ref('d.withdrawal_due_on')),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('d')
    .select(['o.name as org_name', 'c.case_number'])
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: items as DisclosureListRow[], total: Number(total.n) };
}

export type PublicFilters = { agency?: string; fromDate?: string; toDate?: string; keyword?: string };

const PUBLIC_STATES = ['published', 'withdrawal_pending', 'withdrawn'] as const;

/**
 * The public page on a day: `today`, and `undatedFrom` — the earliest publication day still public for an entry
 * published before every entry had an end (only natural persons had none; they get the natural-person period).
 */
export type PublicDay = { today: string; undatedFrom: string };

/** The entries on the public page today: published or withdrawn (a pending withdrawal stays published), inside I3. */
function publicOn(db: Executor, day: PublicDay) {
  return db
    .selectFrom('disclosures as d')
    .where('d.state', 'in', PUBLIC_STATES)
    .where((eb) =>
      eb.or([
        eb('d.public_until', '>=', day.today),
        eb.and([eb('d.public_until', 'is', null), eb('d.published_on', '>=', day.undatedFrom)]),
      ]),
    );
}

/** What the public sees: published entries and the withdrawal notices. */
export async function listPublicDisclosures(db: Executor, day: PublicDay, f: PublicFilters, page: number, pageSize: number) {
  let q = publicOn(db, day);
  if (f.agency) q = q.where('d.agency_name', '=', f.agency);
  if (f.fromDate) q = q.where('d.decided_on', '>=', f.fromDate);
  if (f.toDate) q = q.where('d.decided_on', '<=', f.toDate);
  if (f.keyword) {
    const k = containsPattern(f.keyword);
    // A withdrawn entry is searchable by its number only: its content is no longer public.
    q = q.where((eb) =>
      eb.or([eb('d.document_number', 'ilike', k), eb.and([eb('d.state', '<>', 'withdrawn'), eb('d.search_text', 'ilike', k)])]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('d')
    .orderBy('d.published_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export async function findPublicDisclosure(db: Executor, day: PublicDay, id: string): Promise<DisclosureRow | undefined> {
  return publicOn(db, day).selectAll('d').where('d.id', '=', id).executeTakeFirst();
}

export async function publicAgencies(db: Executor, day: PublicDay): Promise<string[]> {
  const rows = await publicOn(db, day).select('d.agency_name').distinct().orderBy('d.agency_name').execute();
  return rows.map((r) => r.agency_name);
}

export async function bureauName(db: Executor, bureauId: string | null, orgId: string): Promise<string> {
  const r = await db
    .selectFrom('orgs')
    .select('name')
    .where('id', '=', bureauId ?? orgId)
    .executeTakeFirst();
  return r?.name ?? '';
}
