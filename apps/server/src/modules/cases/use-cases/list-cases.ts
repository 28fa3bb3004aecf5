import type { CaseListItem, CaseListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { toListItem } from '../cases.mapper.ts';
import { deadlinesOfCases, leadOfficerNames, listCases as listCaseRows, type CaseFilter, type CaseRow } from '../cases.repository.ts';

export function caseFilter(actor: Actor, query: CaseListQuery): CaseFilter {
  const { page: _p, pageSize: _s, mine, ...rest } = query;
  return { ...rest, jurisdictionPath: actor.jurisdictionPath, ...(mine ? { officerId: actor.id } : {}) };
}

export async function toListItems(deps: Deps, rows: CaseRow[]): Promise<CaseListItem[]> {
  const ids = rows.map((r) => r.id);
  const [leads, deadlines] = await Promise.all([leadOfficerNames(deps.db, ids), deadlinesOfCases(deps.db, ids)]);
  return rows.map((r) => toListItem(r, leads.get(r.id) ?? null, deadlines));
}

/** The workbench list: the actor's jurisdiction, filtered and paged on the server; personal data masked. */
export async function listCases(deps: Deps, actor: Actor, query: CaseListQuery, maxPageSize = 200): Promise<PageOf<CaseListItem>> {
  assertPermission(actor, 'case:read');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { items, total } = await listCaseRows(deps.db, caseFilter(actor, query), pageSize, (page - 1) * pageSize);
  return { items: await toListItems(deps, items), total, page, pageSize };
}
