import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertCityWideWrite } from '../law.access.ts';
import { assertNoIssues } from '../law.errors.ts';
import { lockVersionKey } from '../law-library.repository.ts';
import type { LibraryKind } from '../library/kind-spec.ts';
import { getLibraryEntryOrFail } from './get-library-entry.ts';

/** Changes a library entry; the patch is merged into the stored entry and the whole result is checked again. */
export async function updateLibraryEntry<D extends { id: string }, B, S, F>(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  spec: LibraryKind<D, B, S, F>,
  id: string,
  patch: Partial<B>,
): Promise<D> {
  assertCityWideWrite(actor, 'law:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await getLibraryEntryOrFail(trx, spec, id);
    const given = Object.fromEntries(Object.entries(patch as object).filter(([, v]) => v !== undefined));
    const merged = { ...spec.toBody(before), ...given } as B;
    const keys = new Set([...spec.lockKeys(spec.toBody(before)), ...spec.lockKeys(merged)]);
    for (const key of [...keys].sort()) await lockVersionKey(trx, key);
    assertNoIssues(await spec.check(trx, merged, id));
    await spec.update(trx, id, merged, deps.clock.now());
    const after = await getLibraryEntryOrFail(trx, spec, id);
    await recordAudit(trx, deps, actor, meta, {
      action: `${spec.entityType}.update`,
      entityType: spec.entityType,
      entityId: id,
      data: { before, after },
    });
    return after;
  });
}
