import type {
  AuditAnchorStatus,
  AuditCheckpointEntry,
  AuditCheckpointReason,
  AuditEntry,
  AuditVerifyResult,
  CreateOfficerBody,
  CreateOrgBody,
  Credential,
  CredentialBody,
  LoginBody,
  LoginResponse,
  Me,
  Officer,
  OfficerFile,
  Org,
  OrgNode,
  PageOf,
  RoleInfo,
  ThrottleCounter,
  UpdateCredentialBody,
  UpdateOfficerBody,
  UpdateOrgBody,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// Typed calls to the API, one line each. Later modules add their own file next to this one.

export type TotpSetup = { secret: string; otpauthUrl: string };
type Write = { idempotencyKey?: string };

export const authApi = {
  login: (body: LoginBody, w: Write = {}) => api.post<LoginResponse>('/api/auth/login', body, { ...w, noAuthRedirect: true }),
  logout: () => api.post<void>('/api/auth/logout', {}, { noAuthRedirect: true }),
  me: () => api.get<Me>('/api/v1/me'),
  changePassword: (body: { currentPassword: string; newPassword: string }, w: Write = {}) => api.post<void>('/api/v1/me/password', body, w),
  totpSetup: (w: Write = {}) => api.post<TotpSetup>('/api/v1/me/totp/setup', {}, w),
  totpEnable: (code: string, w: Write = {}) => api.post<void>('/api/v1/me/totp/enable', { code }, w),
  totpDisable: (code: string, w: Write = {}) => api.post<void>('/api/v1/me/totp/disable', { code }, w),
};

export const orgApi = {
  tree: () => api.get<OrgNode[]>('/api/v1/orgs/tree'),
  create: (body: CreateOrgBody, w: Write = {}) => api.post<Org>('/api/v1/orgs', body, w),
  update: (id: string, body: UpdateOrgBody, w: Write = {}) => api.patch<Org>(`/api/v1/orgs/${id}`, body, w),
};

export type OfficerFilters = {
  q?: string;
  orgId?: string;
  role?: string;
  credentialStatus?: string;
  active?: boolean;
};

export const officerApi = {
  list: (query: OfficerFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<Officer>>('/api/v1/officers', query as Query, signal),
  get: (id: string) => api.get<Officer>(`/api/v1/officers/${id}`),
  file: (id: string, signal?: AbortSignal) => api.get<OfficerFile>(`/api/v1/officers/${id}/file`, {}, signal),
  create: (body: CreateOfficerBody, w: Write = {}) => api.post<Officer>('/api/v1/officers', body, w),
  update: (id: string, body: UpdateOfficerBody, w: Write = {}) => api.patch<Officer>(`/api/v1/officers/${id}`, body, w),
  unlock: (id: string, w: Write = {}) => api.post<Officer>(`/api/v1/officers/${id}/unlock`, {}, w),
  addCredential: (officerId: string, body: CredentialBody, w: Write = {}) =>
    api.post<Credential>(`/api/v1/officers/${officerId}/credentials`, body, w),
  updateCredential: (id: string, body: UpdateCredentialBody, w: Write = {}) => api.patch<Credential>(`/api/v1/credentials/${id}`, body, w),
  roles: () => api.get<RoleInfo[]>('/api/v1/roles'),
  exportPath: '/api/v1/officers/export.xlsx',
};

export type AuditFilters = {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
};

export const auditApi = {
  list: (query: AuditFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<AuditEntry>>('/api/v1/audit', query as Query, signal),
  verify: (w: Write = {}) => api.post<AuditVerifyResult>('/api/v1/audit/verify', {}, w),
  exportPath: '/api/v1/audit/export.xlsx',
};

export type CheckpointFilters = { reason?: AuditCheckpointReason; from?: string; to?: string };

/** The signed checkpoints of the audit chain (the city bureau's auditors). */
export const auditAnchorApi = {
  status: (signal?: AbortSignal) => api.get<AuditAnchorStatus>('/api/v1/audit/anchor', {}, signal),
  list: (query: CheckpointFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<AuditCheckpointEntry>>('/api/v1/audit/checkpoints', query as Query, signal),
  writeNow: (w: Write = {}) => api.post<{ checkpoint: AuditCheckpointEntry | null }>('/api/v1/audit/checkpoints', {}, w),
  exportPath: '/api/v1/audit/checkpoints/export.xlsx',
  filePath: '/api/v1/audit/checkpoints/export.jsonl',
};

export type ThrottleFilters = { rule?: string; subject?: string; refusedOnly?: boolean; from?: string; to?: string };

export const throttleApi = {
  list: (query: ThrottleFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<ThrottleCounter>>('/api/v1/throttle-counters', query as Query, signal),
  exportPath: '/api/v1/throttle-counters/export.xlsx',
};
