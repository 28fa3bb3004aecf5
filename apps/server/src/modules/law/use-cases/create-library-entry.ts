import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertCityWideWrite } from '../law.access.ts';
import { assertNoIssues } from '../law.errors.ts';
import { lockVersionKey } from '../law-library.repository.ts';
import type { LibraryKind } from '../library/kind-spec.ts';
import { getLibraryEntryOrFail } from './get-library-entry.ts';

/** Adds a library entry: validated (dates, ranges, references, no overlapping version) under the entry's lock. */
export async function createLibraryEntry<D extends { id: string }, B, S, F>(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  spec: LibraryKind<D, B, S, F>,
  body: B,
): Promise<D> {
  assertCityWideWrite(actor, 'law:write');
  return deps.db.transaction().execute(async (trx) => {
    for (const key of spec.lockKeys(body)) await lockVersionKey(trx, key);
    assertNoIssues(await spec.check(trx, body, null));
    const id = deps.newId();
    await spec.insert(trx, id, body, deps.clock.now());
    const created = await getLibraryEntryOrFail(trx, spec, id);
    await recordAudit(trx, deps, actor, meta, {
      action: `${spec.entityType}.create`,
      entityType: spec.entityType,
      entityId: id,
      data: { after: created },
    });
    return created;
  });
}
