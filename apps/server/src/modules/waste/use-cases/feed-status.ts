// The GPS feed as the console shows it: which adapter (the simulator says so), the day's batches and what cleaning
// dropped, and the days kept for replay (the partitions).
import type { GpsFeedStatus } from '@chengguan/contracts';
import { sql } from 'kysely';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiInstant } from '../../../shared/time.ts';
import { addDays } from '@chengguan/domain';
import { gpsAdapter, pointPartitions } from '../gps/gps-feed.ts';

export async function gpsFeedStatus(deps: Deps, actor: Actor, day: string): Promise<GpsFeedStatus> {
  assertPermission(actor, 'waste:read');
  const adapter = gpsAdapter(deps.config);
  const r = await deps.db
    .selectFrom('waste_gps_batches')
    .select([
      sql<number>`COUNT(*)`.as('batches'),
      sql<number>`COALESCE(SUM(received), 0)`.as('received'),
      sql<number>`COALESCE(SUM(kept), 0)`.as('kept'),
      sql<number>`COALESCE(SUM(out_of_order), 0)`.as('out_of_order'),
      sql<number>`COALESCE(SUM(duplicates), 0)`.as('duplicates'),
      sql<number>`COALESCE(SUM(impossible), 0)`.as('impossible'),
      sql<number>`COALESCE(SUM(invalid), 0)`.as('invalid'),
    ])
    .where(sql<boolean>`${day} = ANY(days)`)
    .where('received_at', '>=', shanghaiInstant(addDays(day, -1)))
    .executeTakeFirstOrThrow();
  return {
    adapter: adapter?.name ?? 'off',
    labelZh: adapter?.labelZh ?? '未启用',
    simulator: adapter?.simulator ?? false,
    day,
    batches: Number(r.batches),
    counts: {
      received: Number(r.received),
      kept: Number(r.kept),
      outOfOrder: Number(r.out_of_order),
      duplicates: Number(r.duplicates),
      impossibleSpeed: Number(r.impossible),
      invalid: Number(r.invalid),
    },
    partitions: await pointPartitions(deps.db),
  };
}
