import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertCityWideWrite } from '../law.access.ts';
import { assertNoIssues } from '../law.errors.ts';
import type { LibraryKind } from '../library/kind-spec.ts';
import { getLibraryEntryOrFail } from './get-library-entry.ts';

/** Removes a mistaken entry (a law that ends is given an end date instead); the audit row keeps what it was. */
export async function deleteLibraryEntry<D extends { id: string }, B, S, F>(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  spec: LibraryKind<D, B, S, F>,
  id: string,
): Promise<void> {
  assertCityWideWrite(actor, 'law:write');
  await deps.db.transaction().execute(async (trx) => {
    const before = await getLibraryEntryOrFail(trx, spec, id);
    assertNoIssues(await spec.remove(trx, id));
    await recordAudit(trx, deps, actor, meta, {
      action: `${spec.entityType}.delete`,
      entityType: spec.entityType,
      entityId: id,
      data: { before },
    });
  });
}
