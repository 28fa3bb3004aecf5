import type { CasePortalSubmission } from '@chengguan/contracts';
import { api } from './client.ts';

// What the party handed in through the portal, for the officers of his case (apps/server/src/modules/portal).
export const submissionsApi = {
  ofCase: (caseId: string, signal?: AbortSignal) =>
    api.get<CasePortalSubmission[]>(`/api/v1/cases/${caseId}/portal-submissions`, undefined, signal),
};
