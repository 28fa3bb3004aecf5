import type { Executor } from '../../context.ts';
import { areasWritten } from '../../shared/area-revision.ts';

/** The columns an org is read with (the generator writes the same, with its timestamps). */
export const ORG_COLUMNS = [
  'id',
  'parent_id',
  'bureau_id',
  'kind',
  'name',
  'short_name',
  'code',
  'region_code',
  'path',
  'depth',
  'sort_order',
  'active',
] as const;

export type OrgRow = {
  id: string;
  parent_id: string | null;
  bureau_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  code: string;
  region_code: string | null;
  path: string;
  depth: number;
  sort_order: number;
  active: boolean;
};

export async function listOrgsUnder(db: Executor, pathPrefix: string): Promise<OrgRow[]> {
  return db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .where('path', 'like', `${pathPrefix}%`)
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function findOrg(db: Executor, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function countOrgs(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertOrg(db: Executor, row: OrgRow): Promise<void> {
  areasWritten();
  await db.insertInto('orgs').values(row).execute();
}

export async function updateOrg(
  db: Executor,
  id: string,
  set: Partial<Pick<OrgRow, 'name' | 'short_name' | 'region_code' | 'sort_order' | 'active'>>,
  now: Date,
): Promise<void> {
  areasWritten();
  await db
    .updateTable('orgs')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function countActiveChildren(db: Executor, pathPrefix: string, selfId: string): Promise<number> {
  const r = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', 'like', `${pathPrefix}%`)
    .where('id', '!=', selfId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActiveOfficersUnder(db: Executor, pathPrefix: string): Promise<number> {
  const r = await db
    .selectFrom('officers as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.path', 'like', `${pathPrefix}%`)
    .where('o.active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
