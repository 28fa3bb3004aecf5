import type { ConfirmPartyBody, CreatedPartyConfirmation, PartyConfirmation, PublicPartyConfirmation } from '@chengguan/contracts';
import { api } from './client.ts';

// 当事人扫码确认 (apps/server/src/modules/party-confirmations): the officer's side needs a session, the party's is public.
export const partyConfirmationsApi = {
  create: () => api.post<CreatedPartyConfirmation>('/api/v1/party-confirmations', {}),
  get: (id: string, signal?: AbortSignal) => api.get<PartyConfirmation>(`/api/v1/party-confirmations/${id}`, undefined, signal),
  publicGet: (token: string) => api.get<PublicPartyConfirmation>(`/api/public/party-confirmations/${encodeURIComponent(token)}`),
  confirm: (token: string, body: ConfirmPartyBody) =>
    api.post<PublicPartyConfirmation>(`/api/public/party-confirmations/${encodeURIComponent(token)}`, body, { noAuthRedirect: true }),
};
