import type {
  Campaign,
  ConsentState,
  CreateCampaignBody,
  CreateDutyLogBody,
  DutyLogEntry,
  DutyLogTag,
  DutyPlan,
  DutySettings,
  MyTasks,
  OfficerPositions,
  PageOf,
  PatrolArea,
  PatrolAreas,
  RosterWeek,
  SavePatrolAreaBody,
  SaveRosterBody,
  SaveShiftTemplateBody,
  ShiftTemplate,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 勤务: shifts and rosters, patrol areas, tasks, the month's plan, positions, the duty log.
type Write = { idempotencyKey?: string };

export const dutyApi = {
  settings: (signal?: AbortSignal) => api.get<DutySettings>('/api/v1/duty/settings', {}, signal),
  saveSettings: (bureauId: string, positionRetentionDays: number, w: Write = {}) =>
    api.put<DutySettings>('/api/v1/duty/settings', { bureauId, positionRetentionDays }, w),
  roster: (orgId: string, weekStart: string, signal?: AbortSignal) =>
    api.get<RosterWeek>('/api/v1/duty/roster', { orgId, weekStart }, signal),
  saveRoster: (body: SaveRosterBody, w: Write = {}) => api.put<RosterWeek>('/api/v1/duty/roster', body, w),
  copyPreviousWeek: (orgId: string, weekStart: string, w: Write = {}) =>
    api.post<RosterWeek>('/api/v1/duty/roster/copy-previous-week', { orgId, weekStart }, w),
  saveShift: (body: SaveShiftTemplateBody, w: Write = {}) => api.post<ShiftTemplate>('/api/v1/duty/shift-templates', body, w),
  patrolAreas: (orgId: string, signal?: AbortSignal) => api.get<PatrolAreas>('/api/v1/duty/patrol-areas', { orgId }, signal),
  savePatrolArea: (body: SavePatrolAreaBody, w: Write = {}) => api.post<PatrolArea>('/api/v1/duty/patrol-areas', body, w),
  myTasks: (signal?: AbortSignal) => api.get<MyTasks>('/api/v1/duty/my-tasks', {}, signal),
  plan: (orgId: string, month: string, signal?: AbortSignal) => api.get<DutyPlan>('/api/v1/duty/plan', { orgId, month }, signal),
  createCampaign: (body: CreateCampaignBody, w: Write = {}) => api.post<Campaign>('/api/v1/duty/campaigns', body, w),
  consent: (signal?: AbortSignal) => api.get<ConsentState>('/api/v1/duty/position-consent', {}, signal),
  setConsent: (consented: boolean, w: Write = {}) => api.put<ConsentState>('/api/v1/duty/position-consent', { consented }, w),
  reportPosition: (lng: number, lat: number, accuracyM: number | undefined, w: Write = {}) =>
    api.post<{ id: string; at: string }>('/api/v1/duty/positions', { lng, lat, ...(accuracyM !== undefined ? { accuracyM } : {}) }, w),
  positions: (query: Query, signal?: AbortSignal) => api.get<OfficerPositions>('/api/v1/duty/positions', query, signal),
  logTags: (signal?: AbortSignal) => api.get<DutyLogTag[]>('/api/v1/duty/log-tags', {}, signal),
  log: (query: Query, signal?: AbortSignal) => api.get<PageOf<DutyLogEntry>>('/api/v1/duty/log', query, signal),
  logExportPath: '/api/v1/duty/log/export.xlsx',
  writeLog: (body: CreateDutyLogBody, w: Write = {}) => api.post<DutyLogEntry>('/api/v1/duty/log', body, w),
};
