import type { CaseListItem, CaseListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { handlesCase } from '../case-access.ts';
import { toListItem } from '../cases.mapper.ts';
import {
  casesOfOfficer,
  deadlinesOfCases,
  leadOfficerNames,
  listCases as listCaseRows,
  type CaseCursor,
  type CaseFilter,
  type CaseListRow,
} from '../cases.repository.ts';

export function caseFilter(actor: Actor, query: CaseListQuery): CaseFilter {
  const { page: _p, pageSize: _s, cursor: _c, mine, ...rest } = query;
  return { ...rest, jurisdictionPath: actor.jurisdictionPath, ...(mine ? { officerId: actor.id } : {}) };
}

/** The list's rows; the party's name unmasked on the rows the actor handles (handlesCase), unless `masked`. */
export async function toListItems(deps: Deps, actor: Actor, rows: readonly CaseListRow[], masked = false): Promise<CaseListItem[]> {
  const ids = rows.map((r) => r.id);
  const byRole = !masked && handlesCase(actor);
  const [leads, deadlines, own] = await Promise.all([
    leadOfficerNames(deps.db, ids),
    deadlinesOfCases(deps.db, ids),
    // A watching role may still be one of a case's officers: those rows are his own.
    masked || byRole ? new Set<string>() : casesOfOfficer(deps.db, actor.id, ids),
  ]);
  return rows.map((r) => toListItem(r, leads.get(r.id) ?? null, deadlines, byRole || own.has(r.id)));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The cursor is the last row's (发现日期, id), base64url: opaque to clients, checked when it comes back. */
export function encodeCaseCursor(c: CaseCursor): string {
  return Buffer.from(`${c.discoveredOn ?? ''}|${c.id}`).toString('base64url');
}

export function decodeCaseCursor(text: string): CaseCursor {
  const [date = '', id = '', ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !UUID.test(id) || (date !== '' && !DATE.test(date))) {
    throw fieldError(
      'cursor',
      '分页游标无效（请使用上一页返回的 nextCursor）',
      'The cursor is not valid (pass the nextCursor of the previous page)',
    );
  }
  return { discoveredOn: date === '' ? null : date, id };
}

/**
 * The case list: the actor's jurisdiction, filtered and paged on the server (by page or by cursor); the party's name
 * masked for a reader who does not handle the case (handlesCase), and for everyone when `masked` (the export).
 */
export async function listCases(
  deps: Deps,
  actor: Actor,
  query: CaseListQuery,
  maxPageSize = 200,
  masked = false,
): Promise<PageOf<CaseListItem>> {
  assertPermission(actor, 'case:read');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const after = query.cursor ? decodeCaseCursor(query.cursor) : undefined;
  const result = await listCaseRows(deps.db, caseFilter(actor, query), pageSize, (page - 1) * pageSize, after ? { after } : {});
  return {
    items: await toListItems(deps, actor, result.items, masked),
    total: result.total,
    totalCapped: result.totalCapped,
    page,
    pageSize,
    nextCursor: result.nextCursor ? encodeCaseCursor(result.nextCursor) : null,
  };
}
