import type { Actor, Deps, Executor } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import type { LibraryKind } from '../library/kind-spec.ts';

export async function getLibraryEntryOrFail<D extends { id: string }, B, S, F>(
  db: Executor,
  spec: LibraryKind<D, B, S, F>,
  id: string,
): Promise<D> {
  const found = await spec.find(db, id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

export async function getLibraryEntry<D extends { id: string }, B, S, F>(
  deps: Deps,
  actor: Actor,
  spec: LibraryKind<D, B, S, F>,
  id: string,
): Promise<D> {
  assertPermission(actor, 'law:read');
  return getLibraryEntryOrFail(deps.db, spec, id);
}
