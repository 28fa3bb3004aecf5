import { credentialStatus, maskPhone } from '@chengguan/domain';
import type { Credential, EnforcementDomain, Officer, Role } from '@chengguan/contracts';
import type { CredentialRow, OfficerRow } from './staff.repository.ts';

/** A credential that ends within this many days shows as expiring (a console warning, not a legal rule). */
export const CREDENTIAL_EXPIRING_DAYS = 30;

export function toCredential(r: CredentialRow, today: string): Credential {
  const cred = { number: r.number, domains: r.domains, validFrom: r.valid_from, validTo: r.valid_to, revoked: r.revoked };
  return {
    id: r.id,
    officerId: r.officer_id,
    number: r.number,
    domains: r.domains as EnforcementDomain[],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    revoked: r.revoked,
    status: credentialStatus(cred, today, CREDENTIAL_EXPIRING_DAYS),
  };
}

export function toOfficer(
  r: OfficerRow,
  roles: Role[],
  credentials: CredentialRow[],
  opts: { today: string; now: Date; showPhone: boolean },
): Officer {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    employeeNo: r.employee_no,
    gender: r.gender === 'M' || r.gender === 'F' ? r.gender : null,
    phone: r.phone === null ? null : opts.showPhone ? r.phone : maskPhone(r.phone),
    title: r.title,
    username: r.username,
    legalQualification: r.legal_qualification,
    roles,
    active: r.active,
    locked: r.locked_until !== null && new Date(r.locked_until) > opts.now,
    lockedUntil: r.locked_until !== null && new Date(r.locked_until) > opts.now ? new Date(r.locked_until).toISOString() : null,
    totpEnabled: r.totp_enabled,
    credentialStatus: r.credential_status,
    credentials: credentials.map((c) => toCredential(c, opts.today)),
  };
}
