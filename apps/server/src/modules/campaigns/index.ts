// 专项行动 (issue 16 §3; docs/campaigns.md): campaigns with their period, areas, targets and rounds, and the 挂图作战
// ledger of problem points closed (销项) with a leader's approval. `campaignProgress` is for the cockpit.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerCampaignTheme } from './campaigns.cockpit.ts';
import { campaignRoutes } from './campaigns.routes.ts';

export type { CampaignTables } from './campaigns.tables.ts';
export { campaignProgress, type CampaignProgressScope } from './use-cases/progress.ts';

export const campaignsModule: ServerModule = {
  name: 'campaigns',
  routes: campaignRoutes,
  hooks: registerCampaignTheme,
};
