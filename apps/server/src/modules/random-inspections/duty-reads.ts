// What 勤务 (modules/duty) reads of 双随机, through ./index.ts: the plans that pool a squad and overlap a period.
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';

export async function squadPlans(db: Executor, orgId: string, from: string, to: string) {
  return db
    .selectFrom('inspection_plans')
    .select(['id', 'title', 'status'])
    .where(sql<boolean>`${orgId}::uuid = ANY (squad_ids)`)
    .where('period_from', '<=', to)
    .where('period_to', '>=', from)
    .orderBy('period_from')
    .limit(50)
    .execute();
}
