import {
  TICKET_STEP_PATHS,
  type ConvertTicketBody,
  type CreateTicketBody,
  type TicketCategory,
  type PageOf,
  type TicketDetail,
  type TicketExchangeStatus,
  type TicketExtensionBody,
  type TicketRates,
  type TicketRatesTable,
  type TicketStepAction,
  type TicketStepBody,
  type TicketSummary,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 诉件处置: the list, the ticket page and its steps.

export type TicketFilters = {
  mine?: boolean;
  open?: boolean;
  overdue?: boolean;
  repeated?: boolean;
  state?: string;
  channel?: string;
  q?: string;
  /** From the cockpit's numbers: a unit and the period received. */
  orgId?: string;
  receivedFrom?: string;
  receivedTo?: string;
};

export { TICKET_STEP_PATHS, type TicketStepAction };

export const ticketsApi = {
  exchange: (signal?: AbortSignal) => api.get<TicketExchangeStatus>('/api/v1/ticket-exchange', {}, signal),
  list: (query: Query, signal?: AbortSignal) => api.get<PageOf<TicketSummary>>('/api/v1/tickets', query, signal),
  categories: (signal?: AbortSignal) => api.get<TicketCategory[]>('/api/v1/ticket-categories', {}, signal),
  /** 登记诉件: an officer's own discovery or a workroom's complaint; the command centre's 12345 / 城运 tickets. */
  create: (body: CreateTicketBody, w: { idempotencyKey?: string } = {}) => api.post<TicketDetail>('/api/v1/tickets', body, w),
  exportPath: '/api/v1/tickets/export.xlsx',
  get: (id: string, signal?: AbortSignal) => api.get<TicketDetail>(`/api/v1/tickets/${id}`, {}, signal),
  step: (id: string, action: TicketStepAction, body: TicketStepBody) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/${TICKET_STEP_PATHS[action]}`, body),
  requestExtension: (id: string, body: TicketExtensionBody) => api.post<TicketDetail>(`/api/v1/tickets/${id}/extensions`, body),
  decideExtension: (id: string, extensionId: string, approve: boolean) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/extensions/${extensionId}/decision`, { approve }),
  rates: (query: Query, signal?: AbortSignal) => api.get<TicketRates>('/api/v1/ticket-rates', query, signal),
  /** 诉转案: registers the case; answers the ticket with its case link. */
  convertToCase: (id: string, body: ConvertTicketBody, w: { idempotencyKey?: string } = {}) =>
    api.post<TicketDetail>(`/api/v1/tickets/${id}/case`, body, w),
  /** The ticket a case was converted from (the case page's 来源诉件). */
  sourceOfCase: (caseId: string, signal?: AbortSignal) =>
    api.get<PageOf<TicketSummary>>('/api/v1/tickets', { caseId, pageSize: 1 }, signal),
  ratesTable: (query: Query, signal?: AbortSignal) => api.get<TicketRatesTable>('/api/v1/ticket-rates/table', query, signal),
  ratesTableExportPath: '/api/v1/ticket-rates/table/export.xlsx',
};
