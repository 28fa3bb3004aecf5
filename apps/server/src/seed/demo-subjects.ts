// The demo registry: service areas for some of the demo squads (rectangles near the real streets — illustrations, not
// surveyed boundaries) and about forty invented subjects of several kinds with licences and a few events, graded by
// the default rules. All names, codes and plates are made up (credit codes pass the GB 32100 check but belong to no
// one; the region part is the district's).
import { addDays, creditCodeCheckChar, normalizeAddress, normalizeSubjectName, type SubjectKind } from '@chengguan/domain';
import type { Deps } from '../context.ts';
import { shanghaiDate } from '../shared/time.ts';
import { areasWritten } from '../shared/area-revision.ts';
import { newSubjectCode, rederiveSquads, recordSubjectEvents } from '../modules/subjects/index.ts';

type Box = [number, number, number, number];
/** Squad code → street name and [west, south, east, north] (WGS-84). */
export const DEMO_AREAS: Readonly<Record<string, { street: string; box: Box }>> = {
  'PD-LJZ': { street: '陆家嘴街道', box: [121.503, 31.228, 121.52, 31.245] },
  'PD-WFXC': { street: '潍坊新村街道', box: [121.52, 31.215, 121.54, 31.24] },
  'PD-TQ': { street: '塘桥街道', box: [121.505, 31.195, 121.52, 31.215] },
  'PD-HM': { street: '花木街道', box: [121.54, 31.195, 121.575, 31.225] },
  'PD-ZJ': { street: '张江镇', box: [121.575, 31.18, 121.625, 31.225] },
  'PD-CSX': { street: '川沙新镇', box: [121.68, 31.17, 121.73, 31.215] },
  'QP-ZJJ': { street: '朱家角镇', box: [121.02, 31.09, 121.08, 31.135] },
  'QP-XY': { street: '夏阳街道', box: [121.09, 31.14, 121.13, 31.175] },
  'QP-ZX': { street: '赵巷镇', box: [121.19, 31.155, 121.23, 31.185] },
  'QP-XJ': { street: '徐泾镇', box: [121.24, 31.165, 121.275, 31.195] },
};

const polygon = ([w, s, e, n]: Box) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

/** A valid credit code from a running number (登记管理部门 9 工商, 类别 1 企业, the district's region code). */
export function demoCreditCode(region: string, n: number): string {
  const first17 = `91${region}MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

type Spec = {
  kind: SubjectKind;
  name: string;
  road: string;
  credit?: boolean;
  plate?: string;
  licence?: { kind: string; issuedDaysAgo: number; validDays: number | null };
  events?: {
    kind: 'violation' | 'serious_violation' | 'complaint' | 'passed_inspection' | 'failed_inspection';
    daysAgo: number;
    summary: string;
  }[];
  verified?: boolean;
  noPoint?: boolean;
};

const FOOD = (issued: number, valid: number) => ({ kind: 'food_business_licence', issuedDaysAgo: issued, validDays: valid });
const SITE = (issued: number, valid: number) => ({ kind: 'construction_permit', issuedDaysAgo: issued, validDays: valid });

const PD: Spec[] = [
  { kind: 'restaurant_fume', name: '滨江小馆', road: '浦东南路', credit: true, licence: FOOD(400, 1400), verified: true },
  {
    kind: 'restaurant_fume',
    name: '东昌面馆',
    road: '东昌路',
    credit: true,
    licence: FOOD(1600, 1800),
    events: [
      { kind: 'complaint', daysAgo: 40, summary: '12345工单：油烟扰民' },
      { kind: 'complaint', daysAgo: 12, summary: '12345工单：油烟扰民（再次）' },
    ],
    verified: true,
  },
  {
    kind: 'restaurant_fume',
    name: '浦江烧烤',
    road: '商城路',
    credit: true,
    licence: FOOD(1900, 1800),
    events: [{ kind: 'violation', daysAgo: 70, summary: '行政处罚决定（示例）' }],
  },
  { kind: 'restaurant_fume', name: '陆家嘴茶餐厅', road: '银城中路', credit: true, licence: FOOD(300, 1800), verified: true },
  {
    kind: 'restaurant_fume',
    name: '花木家常菜',
    road: '芳甸路',
    credit: true,
    licence: FOOD(200, 1800),
    events: [{ kind: 'passed_inspection', daysAgo: 60, summary: '双随机检查：合格' }],
    verified: true,
  },
  { kind: 'restaurant_fume', name: '张江快餐', road: '碧波路', credit: true, licence: FOOD(1000, 1020), verified: true },
  { kind: 'street_shop', name: '明珠便利店', road: '陆家嘴环路', credit: true, verified: true },
  { kind: 'street_shop', name: '东方水果店', road: '崂山路', credit: true, verified: true },
  {
    kind: 'street_shop',
    name: '潍坊五金店',
    road: '潍坊路',
    credit: true,
    events: [{ kind: 'failed_inspection', daysAgo: 30, summary: '检查不合格：跨门营业' }],
    verified: true,
  },
  { kind: 'street_shop', name: '塘桥花店', road: '塘桥路', credit: true, verified: true },
  { kind: 'street_shop', name: '世纪书报亭', road: '世纪大道', verified: false },
  { kind: 'street_shop', name: '川沙老街糕团店', road: '川沙路', credit: true, verified: true },
  { kind: 'street_shop', name: '张江眼镜店', road: '祖冲之路', credit: true, verified: true },
  { kind: 'street_shop', name: '花木洗衣店', road: '梅花路', credit: true, verified: false },
  {
    kind: 'construction_site',
    name: '陆家嘴金融城某办公楼工地',
    road: '花园石桥路',
    credit: true,
    licence: SITE(200, 730),
    verified: true,
  },
  {
    kind: 'construction_site',
    name: '张江科学城实验楼工地',
    road: '科苑路',
    credit: true,
    licence: SITE(500, 400),
    events: [{ kind: 'violation', daysAgo: 90, summary: '行政处罚决定：夜间施工（示例）' }],
    verified: true,
  },
  { kind: 'construction_site', name: '花木住宅项目工地', road: '锦绣路', credit: true, licence: SITE(300, 320), verified: true },
  { kind: 'construction_site', name: '川沙道路改造工地', road: '华夏东路', credit: true, verified: false },
  {
    kind: 'waste_transport_company',
    name: '浦东某渣土运输有限公司',
    road: '川沙路',
    credit: true,
    licence: { kind: 'construction_waste_transport_permit', issuedDaysAgo: 600, validDays: 1100 },
    verified: true,
  },
  {
    kind: 'waste_transport_vehicle',
    name: '渣土车 沪D·A1234',
    road: '川沙路',
    plate: '沪DA1234',
    licence: { kind: 'vehicle_transport_certificate', issuedDaysAgo: 300, validDays: 365 },
    verified: true,
  },
  {
    kind: 'waste_transport_vehicle',
    name: '渣土车 沪D·B5678',
    road: '川沙路',
    plate: '沪DB5678',
    events: [{ kind: 'serious_violation', daysAgo: 100, summary: '移送司法机关（示例）' }],
    verified: true,
  },
  { kind: 'historic_building', name: '浦东某优秀历史建筑', road: '东昌路', verified: true },
  { kind: 'historic_building', name: '塘桥某老洋房', road: '浦建路', verified: true },
  { kind: 'stall_point', name: '世纪公园夜市点位', road: '锦绣路', verified: true },
  { kind: 'stall_point', name: '张江集市点位', road: '张衡路', verified: false },
  { kind: 'residential_compound', name: '潍坊某小区', road: '潍坊西路', verified: true },
  { kind: 'residential_compound', name: '花木某小区', road: '东绣路', verified: true },
  { kind: 'property_company', name: '浦东某物业服务有限公司', road: '张杨路', credit: true, verified: true },
  { kind: 'street_shop', name: '未定位的修鞋摊', road: '某路', verified: false, noPoint: true },
  { kind: 'street_shop', name: '临时报刊亭', road: '高科西路', verified: false },
];

const QP: Spec[] = [
  { kind: 'street_shop', name: '朱家角古镇茶馆', road: '北大街', credit: true, verified: true },
  {
    kind: 'street_shop',
    name: '放生桥纪念品店',
    road: '东井街',
    credit: true,
    events: [{ kind: 'complaint', daysAgo: 20, summary: '12345工单：占道经营' }],
    verified: true,
  },
  { kind: 'restaurant_fume', name: '朱家角农家菜', road: '漕平路', credit: true, licence: FOOD(800, 1800), verified: true },
  { kind: 'restaurant_fume', name: '夏阳湖边餐厅', road: '青松路', credit: true, licence: FOOD(1500, 1400), verified: true },
  { kind: 'construction_site', name: '赵巷商业项目工地', road: '嘉松中路', credit: true, licence: SITE(100, 700), verified: true },
  { kind: 'construction_site', name: '徐泾会展配套工地', road: '崧泽大道', credit: true, licence: SITE(200, 600), verified: true },
  { kind: 'historic_building', name: '朱家角某老宅', road: '西井街', verified: true },
  { kind: 'stall_point', name: '徐泾夜市点位', road: '诸光路', verified: true },
  { kind: 'residential_compound', name: '夏阳某小区', road: '城中北路', verified: true },
  { kind: 'waste_transport_company', name: '青浦某运输有限公司', road: '外青松公路', credit: true, verified: false },
];

/** Spreads a bureau's specs over its squads' boxes (a deterministic point inside each box). */
function pointIn(box: Box, i: number): [number, number] {
  const [w, s, e, n] = box;
  const fx = 0.2 + ((i * 37) % 60) / 100;
  const fy = 0.2 + ((i * 53) % 60) / 100;
  return [Math.round((w + (e - w) * fx) * 1e6) / 1e6, Math.round((s + (n - s) * fy) * 1e6) / 1e6];
}

export async function seedDemoSubjects(deps: Deps): Promise<number> {
  if (await deps.db.selectFrom('subjects').select('id').limit(1).executeTakeFirst()) return 0;
  const orgs = await deps.db.selectFrom('orgs').select(['id', 'code', 'bureau_id', 'region_code', 'kind']).execute();
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  let n = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const [code, area] of Object.entries(DEMO_AREAS)) {
      const org = byCode.get(code);
      if (!org) continue;
      const [w, s, e, nn] = area.box;
      areasWritten();
      await trx
        .insertInto('org_areas')
        .values({
          org_id: org.id,
          street_name: area.street,
          geometry: JSON.stringify(polygon(area.box)),
          min_lon: w,
          min_lat: s,
          max_lon: e,
          max_lat: nn,
          updated_at: now,
        })
        .execute();
    }
    for (const [bureauCode, specs, squads] of [
      ['PD', PD, ['PD-LJZ', 'PD-WFXC', 'PD-TQ', 'PD-HM', 'PD-ZJ', 'PD-CSX']],
      ['QP', QP, ['QP-ZJJ', 'QP-XY', 'QP-ZX', 'QP-XJ']],
    ] as const) {
      const bureau = byCode.get(bureauCode);
      if (!bureau) continue;
      const region = bureau.region_code ?? '310000';
      const district = bureauCode === 'PD' ? '浦东新区' : '青浦区';
      const events: Parameters<typeof recordSubjectEvents>[2][number][] = [];
      for (const [i, spec] of specs.entries()) {
        n++;
        const id = deps.newId();
        const squadCode = squads[i % squads.length]!;
        const point = spec.noPoint ? null : pointIn(DEMO_AREAS[squadCode]!.box, i);
        const address = `上海市${district}${spec.road}${100 + i * 7}号`;
        await trx
          .insertInto('subjects')
          .values({
            id,
            code: newSubjectCode(),
            bureau_id: bureau.id,
            org_id: null,
            kind: spec.kind,
            name: spec.name,
            name_key: normalizeSubjectName(spec.name),
            credit_code: spec.credit ? demoCreditCode(region, 1000 + n) : null,
            plate: spec.plate ?? null,
            address,
            address_key: normalizeAddress(address).key,
            district,
            point_lon: point?.[0] ?? null,
            point_lat: point?.[1] ?? null,
            contacts: JSON.stringify([{ contactName: '店长', phone: '021-5000' + String(1000 + n).slice(-4) }]),
            tags: spec.events?.length ? ['重点关注'] : [],
            flags: JSON.stringify({ abnormalList: false }),
            verified: spec.verified ?? false,
            verified_at: spec.verified ? now : null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        if (spec.licence) {
          const issued = addDays(today, -spec.licence.issuedDaysAgo);
          await trx
            .insertInto('subject_licences')
            .values({
              id: deps.newId(),
              subject_id: id,
              kind: spec.licence.kind,
              number: `示例-${String(n).padStart(4, '0')}`,
              issuer: `${district}有关主管部门`,
              issued_on: issued,
              valid_until: spec.licence.validDays === null ? null : addDays(issued, spec.licence.validDays),
            })
            .execute();
        }
        events.push({
          id: deps.newId(),
          subjectId: id,
          kind: 'registered',
          occurredOn: today,
          summaryZh: `登记：${spec.name}（演示数据）`,
        });
        for (const e of spec.events ?? []) {
          const published = e.kind === 'passed_inspection' || e.kind === 'failed_inspection';
          events.push({
            id: deps.newId(),
            subjectId: id,
            kind: e.kind,
            occurredOn: addDays(today, -e.daysAgo),
            refType: 'demo',
            refId: deps.newId(),
            summaryZh: e.summary,
            data: published
              ? {
                  published: true,
                  outcome: e.kind === 'passed_inspection' ? 'passed' : 'failed',
                  publishedOn: addDays(today, -e.daysAgo + 3),
                  matters: [{ code: 'DEMO-1', nameZh: '市容环境卫生责任区检查（示例）' }],
                  failedItems: e.kind === 'failed_inspection' ? [{ textZh: '超出门窗外墙经营' }] : [],
                }
              : {},
          });
        }
      }
      // Squads from the areas, then the timeline (which grades every subject with the default rules).
      await rederiveSquads(trx, bureau.id, [-180, -90, 180, 90], '00000000-0000-0000-0000-000000000000');
      await recordSubjectEvents(deps, trx, events);
    }
  });
  return n;
}
