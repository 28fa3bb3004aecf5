import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { readStoredFileOrFail } from '../../files/index.ts';
import { findEnforcement } from '../enforcement.repository.ts';

/** The last prepared court package (ZIP), read back from the content-addressed store and checked against its SM3. */
export async function getCourtPackage(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
): Promise<{ zip: Buffer; sm3: string; filename: string }> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const e = await findEnforcement(deps.db, row.id);
  if (!e?.court_package_sm3) throw new AppError('NOT_FOUND');
  const zip = await readStoredFileOrFail(deps, e.court_package_sm3, { actor, meta, objectType: 'court_package', objectId: row.id });
  return { zip, sm3: e.court_package_sm3, filename: `强制执行申请材料-${row.case_number ?? row.id}-${e.court_package_on}.zip` };
}
