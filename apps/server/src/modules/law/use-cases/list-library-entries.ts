import type { PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import type { LibraryKind } from '../library/kind-spec.ts';

type PageQuery = { page?: number; pageSize?: number };

/** One page of a library list, filtered on the server. Every role may read the library. */
export async function listLibraryEntries<D extends { id: string }, B, S, F>(
  deps: Deps,
  actor: Actor,
  spec: LibraryKind<D, B, S, F>,
  query: F & PageQuery,
  maxPageSize = 200,
): Promise<PageOf<D>> {
  assertPermission(actor, 'law:read');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { page: _p, pageSize: _s, ...filter } = query;
  const { items, total } = await spec.list(deps.db, filter as F, pageSize, (page - 1) * pageSize);
  return { items, total, page, pageSize };
}
