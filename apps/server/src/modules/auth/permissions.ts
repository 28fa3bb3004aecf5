import type { Role } from '@chengguan/contracts';

/**
 * What each role may do. Jurisdiction (the org subtree) is checked separately on every record.
 * Later modules add their permissions here.
 */
export const PERMISSIONS = [
  'org:read',
  'org:write',
  'staff:read',
  'staff:write',
  'audit:read',
  'audit:verify',
  'law:read',
  'law:write',
  'calendar:write',
  'config:write',
  'case:read',
  'case:write',
  'case:approve',
  'case:legal_review',
  'case:decide',
  'document:admin',
  'file:integrity',
  'payment:refund',
  'payment:reconcile',
  'message:read',
  'disclosure:read',
  'disclosure:write',
  'subject:import',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  field_officer: ['org:read', 'staff:read', 'law:read', 'case:read', 'case:write'],
  squad_leader: ['org:read', 'staff:read', 'law:read', 'case:read', 'case:write', 'case:approve'],
  legal_reviewer: [
    'org:read',
    'staff:read',
    'law:read',
    'law:write',
    'case:read',
    'case:legal_review',
    'disclosure:read',
    'disclosure:write',
  ],
  commander: ['org:read', 'staff:read', 'law:read', 'case:read'],
  supervisor: ['org:read', 'staff:read', 'audit:read', 'audit:verify', 'law:read', 'case:read', 'disclosure:read'],
  // The agency head (行政机关负责人) decides, and may also take the leaders' steps of the machine (LEADERS).
  bureau_leader: [
    'org:read',
    'staff:read',
    'audit:read',
    'audit:verify',
    'law:read',
    'case:read',
    'case:approve',
    'case:decide',
    'payment:refund',
    'payment:reconcile',
    'disclosure:read',
    'disclosure:write',
    'subject:import',
  ],
  admin: [
    'org:read',
    'org:write',
    'staff:read',
    'staff:write',
    'audit:read',
    'audit:verify',
    'law:read',
    'law:write',
    'calendar:write',
    'config:write',
    'document:admin',
    'file:integrity',
    'message:read',
    'disclosure:read',
    'subject:import',
  ],
};

export const ROLE_LABELS: Record<Role, { name: string; nameEn: string }> = {
  field_officer: { name: '执法队员', nameEn: 'Field officer' },
  squad_leader: { name: '中队长', nameEn: 'Squad leader' },
  legal_reviewer: { name: '法制审核员', nameEn: 'Legal reviewer' },
  commander: { name: '指挥中心值班员', nameEn: 'Commander' },
  supervisor: { name: '督察', nameEn: 'Supervisor' },
  bureau_leader: { name: '局领导', nameEn: 'Bureau leader' },
  admin: { name: '系统管理员', nameEn: 'Administrator' },
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}
