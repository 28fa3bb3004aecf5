import type { Actor, Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { fileStorageOf } from '../../files/index.ts';
import { findEnforcement } from '../enforcement.repository.ts';

/** The last prepared court package (ZIP), read back from the content-addressed store. */
export async function getCourtPackage(deps: Deps, actor: Actor, caseId: string): Promise<{ zip: Buffer; filename: string }> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const e = await findEnforcement(deps.db, row.id);
  const zip = e?.court_package_sm3 ? await fileStorageOf(deps).get(e.court_package_sm3) : null;
  if (!zip) throw new AppError('NOT_FOUND');
  return { zip, filename: `强制执行申请材料-${row.case_number ?? row.id}-${e!.court_package_on}.zip` };
}
