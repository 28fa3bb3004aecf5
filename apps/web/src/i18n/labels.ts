import { ROLES, ENFORCEMENT_DOMAINS, ORG_KINDS, CREDENTIAL_STATUSES } from '@chengguan/contracts';
import type { Role, EnforcementDomain, OrgKind, CredentialStatus } from '@chengguan/contracts';
import type { Translate } from './i18n.tsx';

// Labels for the platform's enums, in the current language.
export const roleLabel = (t: Translate, r: Role) => t(`role.${r}`);
export const domainLabel = (t: Translate, d: EnforcementDomain) => t(`domain.${d}`);
export const kindLabel = (t: Translate, k: OrgKind) => t(`kind.${k}`);
export const credStatusLabel = (t: Translate, s: CredentialStatus) => t(`credStatus.${s}`);

export const roleOptions = (t: Translate) => ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }));
export const domainOptions = (t: Translate) => ENFORCEMENT_DOMAINS.map((d) => ({ value: d, label: domainLabel(t, d) }));
export const kindOptions = (t: Translate) => ORG_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }));
export const credStatusOptions = (t: Translate) => CREDENTIAL_STATUSES.map((s) => ({ value: s, label: credStatusLabel(t, s) }));
