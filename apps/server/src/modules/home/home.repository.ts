// The org units a home counts by: the squads of the jurisdiction, or its district bureaus when they are too many.
import type { Executor } from '../../context.ts';
import { prefixPattern } from '../../db/like.ts';

export type HomeUnitRow = { id: string; name: string };

export async function unitsUnder(db: Executor, jurisdictionPath: string, kinds: readonly string[], limit: number): Promise<HomeUnitRow[]> {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('path', 'like', prefixPattern(jurisdictionPath))
    .where('kind', 'in', [...kinds])
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('path')
    .limit(limit)
    .execute();
}
