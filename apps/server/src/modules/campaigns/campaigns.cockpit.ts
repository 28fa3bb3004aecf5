// The cockpit's 专项行动 theme (issue 16 §1, §3; docs/cockpit.md, docs/campaigns.md): problem points put on the ledger
// (挂图作战), 销项 with approval, and the points still open. Facts: migration 067, cockpit_campaign_point_facts.
import { registerCockpitTheme } from '../cockpit/index.ts';

const campaigns = () => '/campaigns';

export function registerCampaignTheme(): void {
  registerCockpitTheme({
    id: 'campaigns',
    name: '专项行动',
    nameEn: 'Special campaigns',
    permission: 'campaign:read',
    order: 80,
    headline: 'campaigns.points',
    kpis: [
      {
        key: 'campaigns.points',
        name: '新增问题点位',
        nameEn: 'Problem points found',
        unit: 'count',
        num: ['campaigns.points'],
        definition: '专项行动台账新增的问题点位数，按登记时间所在月份计入责任中队。',
        definitionEn: 'Problem points put on a campaign’s ledger, in the month entered, for the responsible squad.',
        source: 'campaign_points',
        list: campaigns,
        trend: true,
      },
      {
        key: 'campaigns.closed',
        name: '销项',
        nameEn: 'Points closed',
        unit: 'count',
        num: ['campaigns.closed'],
        definition: '经审批销项的点位数，按销项时间所在月份计。',
        definitionEn: 'Points closed (销项) with approval, in the month closed.',
        source: 'campaign_points.closed_at',
        list: campaigns,
        trend: true,
      },
      {
        key: 'campaigns.open_now',
        name: '未销项点位',
        nameEn: 'Points open',
        unit: 'count',
        num: ['campaigns.open_now'],
        stock: true,
        definition: '当前尚未销项的点位数（含待审批）。',
        definitionEn: 'Points not closed yet (awaiting approval included).',
        source: 'campaign_points.state',
        list: campaigns,
      },
    ],
  });
}
