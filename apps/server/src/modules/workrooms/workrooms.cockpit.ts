// The cockpit's 城管进社区 theme (REQUIREMENTS.md R23, issue 17 §4; docs/cockpit.md, docs/workrooms.md): the community
// workrooms in service, their activities (and those of the 城管进社区 week), the residents taking part, and the
// complaints received there. Read live from the module's tables (5,950 workrooms and six activities a year each at
// full scale): per child unit of the view, and per month for the flows.
import { sql } from 'kysely';
import { lastMonthOf, liveChildCounts, registerCockpitTheme, type LivePart } from '../cockpit/index.ts';
import { shanghaiDate } from '../../shared/time.ts';

const workrooms = () => '/workrooms';

const live: LivePart = async (q) => {
  const from = shanghaiDate(q.from);
  const to = shanghaiDate(q.to);
  const [rooms, acts, tickets] = await Promise.all([
    sql<Record<string, unknown>>`
      SELECT split_part(o.path, '/', ${q.childPart}) AS child, count(*) AS rooms
        FROM workrooms w JOIN orgs o ON o.id = w.org_id
       WHERE w.active AND o.path LIKE ${`${q.scopePath}%`}
       GROUP BY 1`.execute(q.db),
    sql<{ month: string; child: string; n: string; week: string; participants: string }>`
      SELECT to_char(a.held_on, 'YYYY-MM') AS month, split_part(o.path, '/', ${q.childPart}) AS child, count(*) AS n,
             count(*) FILTER (WHERE a.community_week) AS week, coalesce(sum(a.participants), 0) AS participants
        FROM workroom_activities a JOIN workrooms w ON w.id = a.workroom_id JOIN orgs o ON o.id = w.org_id
       WHERE o.path LIKE ${`${q.scopePath}%`} AND a.held_on >= ${from}::date AND a.held_on < ${to}::date
       GROUP BY 1, 2`.execute(q.db),
    sql<{ month: string; child: string; n: string }>`
      SELECT to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             split_part(o.path, '/', ${q.childPart}) AS child, count(*) AS n
        FROM workroom_tickets t JOIN workrooms w ON w.id = t.workroom_id JOIN orgs o ON o.id = w.org_id
       WHERE o.path LIKE ${`${q.scopePath}%`} AND t.created_at >= ${q.from} AND t.created_at < ${q.to}
       GROUP BY 1, 2`.execute(q.db),
  ]);
  return [
    ...liveChildCounts(lastMonthOf(q.to), rooms.rows, { rooms: 'community.workrooms' }),
    ...acts.rows.flatMap((r) => [
      { month: r.month, child: r.child, metric: 'community.activities', value: Number(r.n) },
      { month: r.month, child: r.child, metric: 'community.week_activities', value: Number(r.week) },
      { month: r.month, child: r.child, metric: 'community.participants', value: Number(r.participants) },
    ]),
    ...tickets.rows.map((r) => ({ month: r.month, child: r.child, metric: 'community.tickets', value: Number(r.n) })),
  ];
};

export function registerCommunityTheme(): void {
  registerCockpitTheme({
    id: 'community',
    name: '城管进社区',
    nameEn: 'In the community',
    permission: 'duty:read',
    order: 90,
    headline: 'community.activities',
    live,
    kpis: [
      {
        key: 'community.workrooms',
        name: '社区工作室',
        nameEn: 'Community workrooms',
        unit: 'count',
        num: ['community.workrooms'],
        stock: true,
        definition: '在册（未停用）的城管社区工作室数，计入其所属中队。',
        definitionEn: 'Community workrooms in service, counted for the squad they belong to.',
        source: 'workrooms',
        list: workrooms,
      },
      {
        key: 'community.activities',
        name: '进社区活动',
        nameEn: 'Activities',
        unit: 'count',
        num: ['community.activities'],
        definition: '工作室登记的进社区活动（宣传、咨询、巡查、议事等）场次，按活动日期所在月份计。',
        definitionEn: 'Activities recorded by the workrooms (publicity, consultation, patrol, meetings …), in the month held.',
        source: 'workroom_activities',
        list: workrooms,
        trend: true,
      },
      {
        key: 'community.week_activities',
        name: '进社区周活动',
        nameEn: 'Community-week activities',
        unit: 'count',
        num: ['community.week_activities'],
        definition: '其中属于“城管进社区”活动周的场次。',
        definitionEn: 'Of them, those of the 城管进社区 week.',
        source: 'workroom_activities.community_week',
        list: workrooms,
      },
      {
        key: 'community.participants',
        name: '参与居民人次',
        nameEn: 'Residents taking part',
        unit: 'count',
        num: ['community.participants'],
        definition: '活动登记的参与人次之和，按活动日期所在月份计。',
        definitionEn: 'Sum of the participants recorded for the activities, in the month held.',
        source: 'workroom_activities.participants',
        list: workrooms,
        trend: true,
      },
      {
        key: 'community.tickets',
        name: '工作室受理诉件',
        nameEn: 'Complaints received',
        unit: 'count',
        num: ['community.tickets'],
        definition: '居民在工作室反映、以“社区工作室”渠道登记的诉件数，按登记时间所在月份计。',
        definitionEn: 'Complaints received at a workroom and taken in on the workroom channel, in the month taken in.',
        source: 'workroom_tickets',
        list: workrooms,
        trend: true,
      },
    ],
  });
}
