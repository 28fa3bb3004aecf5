// What the duty use-cases share: the squad a request names (in the caller's jurisdiction), the bureau's retention.
import { DEFAULT_POSITION_RETENTION_DAYS } from '@chengguan/domain';
import type { Actor, Executor } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { assertInJurisdiction } from '../../shared/access.ts';
import { findOrg, type OrgRow } from '../org/index.ts';

/** The squad named by `orgId` if it lies in the caller's jurisdiction (else 404) and is a squad (else 400). */
export async function squadOrFail(db: Executor, actor: Actor, orgId: string, field = 'orgId'): Promise<OrgRow & { bureau_id: string }> {
  const org = await findOrg(db, orgId);
  assertInJurisdiction(actor, org?.path);
  if (org!.kind !== 'squad' || !org!.bureau_id) {
    throw fieldError(field, '须为中队：勤务按中队编排', 'must be a squad: duty is organised per squad');
  }
  return org as OrgRow & { bureau_id: string };
}

export async function retentionDays(db: Executor, bureauId: string | null): Promise<number> {
  if (!bureauId) return DEFAULT_POSITION_RETENTION_DAYS;
  const row = await db.selectFrom('duty_settings').select('position_retention_days').where('bureau_id', '=', bureauId).executeTakeFirst();
  return row?.position_retention_days ?? DEFAULT_POSITION_RETENTION_DAYS;
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}
