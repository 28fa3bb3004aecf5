import type {
  Bulletin,
  BulletinCreateBody,
  BulletinList,
  CockpitAreas,
  CockpitDefinitions,
  CockpitThemes,
  CockpitThemeView,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// Typed calls to /api/v1/cockpit (apps/server/src/modules/cockpit/cockpit.routes.ts).
export const cockpitApi = {
  themes: (signal?: AbortSignal) => api.get<CockpitThemes>('/api/v1/cockpit/themes', undefined, signal),
  view: (theme: string, query: Query, signal?: AbortSignal) =>
    api.get<CockpitThemeView>(`/api/v1/cockpit/themes/${encodeURIComponent(theme)}`, query, signal),
  definitions: (signal?: AbortSignal) => api.get<CockpitDefinitions>('/api/v1/cockpit/definitions', undefined, signal),
  setTarget: (kpi: string, target: number | null) =>
    api.put<CockpitDefinitions>(`/api/v1/cockpit/targets/${encodeURIComponent(kpi)}`, { target }),
  areas: (orgId: string, signal?: AbortSignal) => api.get<CockpitAreas>('/api/v1/cockpit/areas', { orgId }, signal),
  bulletins: (query: Query, signal?: AbortSignal) => api.get<BulletinList>('/api/v1/cockpit/bulletins', query, signal),
  bulletin: (id: string, signal?: AbortSignal) => api.get<Bulletin>(`/api/v1/cockpit/bulletins/${id}`, undefined, signal),
  createBulletin: (body: BulletinCreateBody) => api.post<Bulletin>('/api/v1/cockpit/bulletins', body),
  publishBulletin: (id: string) => api.post<Bulletin>(`/api/v1/cockpit/bulletins/${id}/publish`, {}),
  pdfPath: (id: string) => `/api/v1/cockpit/bulletins/${id}/bulletin.pdf`,
  xlsxPath: (id: string) => `/api/v1/cockpit/bulletins/${id}/bulletin.xlsx`,
};
