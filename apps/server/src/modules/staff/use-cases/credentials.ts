import type { Credential, CredentialBody, UpdateCredentialBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { mapUniqueViolation } from '../../../shared/pg-errors.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { type CredentialRow, findCredential, insertCredential, updateCredentialRow } from '../staff.repository.ts';
import { toCredential } from '../staff.mapper.ts';
import { getOfficerRowOrFail } from './get-officer.ts';
import { assertRenewalTraining } from '../../training/index.ts';

const CREDENTIAL_UNIQUE_FIELDS = {
  credentials_number_key: { field: 'number', zh: '执法证号已存在', en: 'the credential number already exists' },
};

function assertValidity(validFrom: string, validTo: string): void {
  if (validTo < validFrom) throw fieldError('validTo', '有效期止不能早于有效期起', 'valid-to is before valid-from');
}

/** Registers an officer's 执法证 (number, enforcement domains, validity). */
export async function addCredential(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  officerId: string,
  input: CredentialBody,
): Promise<Credential> {
  assertPermission(actor, 'staff:write');
  assertValidity(input.validFrom, input.validTo);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const officer = await getOfficerRowOrFail(trx, actor, officerId, now);
    // T1: a new card for an officer who already holds one is a renewal (换证): the year's training is required.
    const held = await trx.selectFrom('credentials').select('id').where('officer_id', '=', officer.id).limit(1).executeTakeFirst();
    if (held) await assertRenewalTraining(trx, officer.id, shanghaiDate(now));
    const row: CredentialRow = {
      id: deps.newId(),
      officer_id: officer.id,
      number: input.number,
      domains: input.domains,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      revoked: false,
    };
    await insertCredential(trx, row).catch((e) => mapUniqueViolation(e, CREDENTIAL_UNIQUE_FIELDS));
    const cred = toCredential(row, shanghaiDate(now));
    await recordAudit(trx, deps, actor, meta, {
      action: 'credential.create',
      entityType: 'credential',
      entityId: row.id,
      bureauId: officer.bureau_id,
      data: { after: cred },
    });
    return cred;
  });
}

export async function updateCredential(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: UpdateCredentialBody,
): Promise<Credential> {
  assertPermission(actor, 'staff:write');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await findCredential(trx, id);
    assertInJurisdiction(actor, found?.org_path);
    const before = found!;
    const next: CredentialRow = {
      id: before.id,
      officer_id: before.officer_id,
      number: input.number ?? before.number,
      domains: input.domains ?? before.domains,
      valid_from: input.validFrom ?? before.valid_from,
      valid_to: input.validTo ?? before.valid_to,
      revoked: input.revoked ?? before.revoked,
    };
    assertValidity(next.valid_from, next.valid_to);
    // T1: extending the validity (换证) requires the year's training.
    if (!next.revoked && next.valid_to > String(before.valid_to).slice(0, 10))
      await assertRenewalTraining(trx, before.officer_id, shanghaiDate(now));
    await updateCredentialRow(trx, id, next, now).catch((e) => mapUniqueViolation(e, CREDENTIAL_UNIQUE_FIELDS));
    const today = shanghaiDate(now);
    const after = toCredential(next, today);
    await recordAudit(trx, deps, actor, meta, {
      action: next.revoked && !before.revoked ? 'credential.revoke' : 'credential.update',
      entityType: 'credential',
      entityId: id,
      bureauId: before.bureau_id,
      data: { before: toCredential(before, today), after },
    });
    return after;
  });
}
