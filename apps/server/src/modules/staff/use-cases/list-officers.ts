import type { Officer, OfficerListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { listOfficers as listOfficerRows, type OfficerFilter } from '../staff.repository.ts';
import { CREDENTIAL_EXPIRING_DAYS, toOfficer } from '../staff.mapper.ts';

export function officerFilter(actor: Actor, query: OfficerListQuery, now: Date): OfficerFilter {
  const { page: _p, pageSize: _s, ...rest } = query;
  return { ...rest, jurisdictionPath: actor.jurisdictionPath, today: shanghaiDate(now), expiringDays: CREDENTIAL_EXPIRING_DAYS };
}

/** Officers inside the actor's jurisdiction, filtered and paged on the server; phones masked. */
export async function listOfficers(deps: Deps, actor: Actor, query: OfficerListQuery, maxPageSize = 200): Promise<PageOf<Officer>> {
  assertPermission(actor, 'staff:read');
  const now = deps.clock.now();
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const filter = officerFilter(actor, query, now);
  const { items, total } = await listOfficerRows(deps.db, filter, pageSize, (page - 1) * pageSize);
  return {
    items: items.map((o) => toOfficer(o.row, o.roles, o.credentials, { today: filter.today, now, showPhone: false })),
    total,
    page,
    pageSize,
  };
}
