import type {
  AddCampaignRoundBody,
  CampaignPoint,
  CampaignProgress,
  CampaignRound,
  CreateCampaignPointBody,
  CreateSpecialCampaignBody,
  DecidePointCloseBody,
  PageOf,
  RequestPointCloseBody,
  SpecialCampaign,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 专项行动: campaigns, their rounds, the ledger of problem points and its 销项 approval.
type Write = { idempotencyKey?: string };

export const campaignsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<PageOf<SpecialCampaign>>('/api/v1/campaigns', query, signal),
  exportPath: '/api/v1/campaigns/export.xlsx',
  get: (id: string, signal?: AbortSignal) => api.get<SpecialCampaign>(`/api/v1/campaigns/${id}`, {}, signal),
  progress: (id: string, signal?: AbortSignal) => api.get<CampaignProgress>(`/api/v1/campaigns/${id}/progress`, {}, signal),
  create: (body: CreateSpecialCampaignBody, w: Write = {}) => api.post<SpecialCampaign>('/api/v1/campaigns', body, w),
  addRound: (id: string, body: AddCampaignRoundBody, w: Write = {}) => api.post<CampaignRound>(`/api/v1/campaigns/${id}/rounds`, body, w),
  points: (id: string, query: Query, signal?: AbortSignal) =>
    api.get<PageOf<CampaignPoint>>(`/api/v1/campaigns/${id}/points`, query, signal),
  pointsExportPath: (id: string) => `/api/v1/campaigns/${id}/points/export.xlsx`,
  createPoint: (id: string, body: CreateCampaignPointBody, w: Write = {}) =>
    api.post<CampaignPoint>(`/api/v1/campaigns/${id}/points`, body, w),
  point: (id: string, signal?: AbortSignal) => api.get<CampaignPoint>(`/api/v1/campaign-points/${id}`, {}, signal),
  requestClose: (id: string, body: RequestPointCloseBody, w: Write = {}) =>
    api.post<CampaignPoint>(`/api/v1/campaign-points/${id}/request-close`, body, w),
  decideClose: (id: string, body: DecidePointCloseBody, w: Write = {}) =>
    api.post<CampaignPoint>(`/api/v1/campaign-points/${id}/decide-close`, body, w),
  photoUrl: (pointId: string, sm3: string) => `/api/v1/campaign-points/${pointId}/photos/${sm3}`,
};
