// The cockpit's 非现场执法 theme (issue 16 §1; docs/cockpit.md, docs/offsite.md): review items found by the devices,
// confirmed into cases or dismissed, and the queue waiting for 二审合一. Facts: migration 067, cockpit_offsite_facts.
import { registerCockpitTheme } from '../cockpit/index.ts';

const reviews = () => '/offsite-reviews';
const FOUND = '按首次抓拍时间所在月份计入设备所属单位';

export function registerOffsiteTheme(): void {
  registerCockpitTheme({
    id: 'offsite',
    name: '非现场执法',
    nameEn: 'Off-site enforcement',
    permission: 'offsite:read',
    order: 50,
    headline: 'offsite.found',
    kpis: [
      {
        key: 'offsite.found',
        name: '推送线索',
        nameEn: 'Items found',
        unit: 'count',
        num: ['offsite.found'],
        definition: `设备推送、经归并后的待审核事项数，${FOUND}。`,
        definitionEn: 'Review items (device events grouped by scene and window), in the month of the first event, for the device’s unit.',
        source: 'offsite_reviews',
        list: reviews,
        trend: true,
      },
      {
        key: 'offsite.confirmed',
        name: '审核立案',
        nameEn: 'Confirmed into cases',
        unit: 'count',
        num: ['offsite.confirmed'],
        definition: `二审合一确认并登记非现场案件的事项数，${FOUND}。`,
        definitionEn: 'Items confirmed on review and registered as off-site cases, in the month of the first event.',
        source: 'offsite_reviews.state',
        list: reviews,
        trend: true,
      },
      {
        key: 'offsite.confirm_rate',
        name: '审核确认率',
        nameEn: 'Confirmation rate',
        unit: 'percent',
        num: ['offsite.confirmed'],
        den: ['offsite.decided'],
        definition: '已审核事项中确认立案的比例（不含尚在排队的事项）。',
        definitionEn: 'Of the items reviewed, the share confirmed (items still queued are left out).',
        source: 'offsite_reviews.state',
      },
      {
        key: 'offsite.pending_now',
        name: '待审核',
        nameEn: 'Waiting for review',
        unit: 'count',
        num: ['offsite.pending_now'],
        stock: true,
        definition: '当前尚未审核的事项数。',
        definitionEn: 'Items waiting for review now.',
        source: 'offsite_reviews.state',
        list: reviews,
      },
    ],
  });
}
