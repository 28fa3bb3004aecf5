// Demo organisation and staff for `npm run seed` and the test factories: the Shanghai city
// bureau, its 执法总队, and two districts (浦东, 青浦) with real street/town squads.
// Pure and deterministic: the seed only varies names, genders and phone numbers; the tree,
// keys, usernames and credentials are fixed so docs and e2e tests can rely on them.
import type { EnforcementDomain, OrgKind, Role } from '@chengguan/contracts';
import { mulberry32 } from '@chengguan/domain';

export type DemoOrg = {
  key: string;
  parentKey: string | null;
  kind: OrgKind;
  name: string;
  shortName: string;
  code: string;
  regionCode: string | null;
  sortOrder: number;
};

export type DemoCredential = {
  number: string;
  domains: EnforcementDomain[];
  validFrom: string;
  validTo: string;
  revoked: boolean;
};

export type DemoOfficer = {
  key: string;
  orgKey: string;
  name: string;
  employeeNo: string;
  gender: 'M' | 'F';
  phone: string;
  title: string;
  roles: Role[];
  username: string | null;
  /** 法律职业资格 (处罚法 Art. 58): the legal reviewers of the demo hold it. */
  legalQualification: boolean;
  credentials: DemoCredential[];
};

export type DemoData = { orgs: DemoOrg[]; officers: DemoOfficer[] };

export type DemoLogin = { username: string; roleZh: string; orgName: string };

/** Every demo account has this password; it satisfies DEFAULT_PASSWORD_POLICY. */
export const DEMO_PASSWORD = 'Chengguan#2026';

export const DEFAULT_DEMO_SEED = 20260101;

const CITY = '上海市城市管理行政执法局';
const PD = '浦东新区城市管理行政执法局';
const QP = '青浦区城市管理行政执法局';

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { username: 'admin', roleZh: '市局管理员', orgName: CITY },
  { username: 'pd_admin', roleZh: '浦东局管理员', orgName: PD },
  { username: 'pd_leader', roleZh: '浦东局长', orgName: PD },
  { username: 'pd_legal', roleZh: '浦东法制审核员', orgName: PD },
  { username: 'pd_command', roleZh: '浦东指挥中心值班长', orgName: PD },
  { username: 'pd_super', roleZh: '浦东督察员', orgName: PD },
  { username: 'pd_ljz_leader', roleZh: '陆家嘴中队长', orgName: '陆家嘴街道中队' },
  { username: 'pd_ljz_01', roleZh: '陆家嘴队员', orgName: '陆家嘴街道中队' },
  { username: 'pd_ljz_02', roleZh: '陆家嘴队员（执法证已过期）', orgName: '陆家嘴街道中队' },
  { username: 'qp_admin', roleZh: '青浦局管理员', orgName: QP },
  { username: 'qp_leader', roleZh: '青浦局长', orgName: QP },
  { username: 'qp_zjj_leader', roleZh: '朱家角中队长', orgName: '朱家角镇中队' },
  { username: 'qp_zjj_01', roleZh: '朱家角队员', orgName: '朱家角镇中队' },
  { username: 'qp_zjj_02', roleZh: '朱家角队员', orgName: '朱家角镇中队' },
];

type SquadSpec = { key: string; name: string; code: string; parentKey: string; fieldOfficers: number };

// 浦东 squads hang under two brigades to exercise bureau → brigade → squad paths; 青浦 squads
// sit directly under the district bureau. Head-count is kept near 60 officers in all.
const PD_SQUADS: readonly SquadSpec[] = [
  { key: 'pd-ljz', name: '陆家嘴街道中队', code: 'PD-LJZ', parentKey: 'pd-b1', fieldOfficers: 3 },
  { key: 'pd-hm', name: '花木街道中队', code: 'PD-HM', parentKey: 'pd-b1', fieldOfficers: 2 },
  { key: 'pd-wfxc', name: '潍坊新村街道中队', code: 'PD-WFXC', parentKey: 'pd-b1', fieldOfficers: 2 },
  { key: 'pd-tq', name: '塘桥街道中队', code: 'PD-TQ', parentKey: 'pd-b1', fieldOfficers: 2 },
  { key: 'pd-zj', name: '张江镇中队', code: 'PD-ZJ', parentKey: 'pd-b2', fieldOfficers: 3 },
  { key: 'pd-csx', name: '川沙新镇中队', code: 'PD-CSX', parentKey: 'pd-b2', fieldOfficers: 2 },
];

const QP_SQUADS: readonly SquadSpec[] = [
  { key: 'qp-xy', name: '夏阳街道中队', code: 'QP-XY', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-yp', name: '盈浦街道中队', code: 'QP-YP', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-xhq', name: '香花桥街道中队', code: 'QP-XHQ', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-zjj', name: '朱家角镇中队', code: 'QP-ZJJ', parentKey: 'qp', fieldOfficers: 3 },
  { key: 'qp-lt', name: '练塘镇中队', code: 'QP-LT', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-jz', name: '金泽镇中队', code: 'QP-JZ', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-zx', name: '赵巷镇中队', code: 'QP-ZX', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-xj', name: '徐泾镇中队', code: 'QP-XJ', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-hx', name: '华新镇中队', code: 'QP-HX', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-cg', name: '重固镇中队', code: 'QP-CG', parentKey: 'qp', fieldOfficers: 2 },
  { key: 'qp-bh', name: '白鹤镇中队', code: 'QP-BH', parentKey: 'qp', fieldOfficers: 2 },
];

const TOP_ORGS: readonly DemoOrg[] = [
  {
    key: 'sh',
    parentKey: null,
    kind: 'city_bureau',
    name: CITY,
    shortName: '市城管执法局',
    code: 'SH',
    regionCode: '310000',
    sortOrder: 0,
  },
  {
    key: 'sh-zd',
    parentKey: 'sh',
    kind: 'special_unit',
    name: `${CITY}执法总队`,
    shortName: '执法总队',
    code: 'SH-ZD',
    regionCode: '310000',
    sortOrder: 10,
  },
  { key: 'pd', parentKey: 'sh', kind: 'district_bureau', name: PD, shortName: '浦东城管', code: 'PD', regionCode: '310115', sortOrder: 20 },
  { key: 'qp', parentKey: 'sh', kind: 'district_bureau', name: QP, shortName: '青浦城管', code: 'QP', regionCode: '310118', sortOrder: 30 },
  {
    key: 'pd-b1',
    parentKey: 'pd',
    kind: 'brigade',
    name: `${PD}第一大队`,
    shortName: '浦东一大队',
    code: 'PD-B1',
    regionCode: null,
    sortOrder: 10,
  },
  {
    key: 'pd-b2',
    parentKey: 'pd',
    kind: 'brigade',
    name: `${PD}第二大队`,
    shortName: '浦东二大队',
    code: 'PD-B2',
    regionCode: null,
    sortOrder: 20,
  },
];

const STANDARD_VALIDITY = { validFrom: '2024-01-01', validTo: '2028-12-31' } as const;

// Deliberate credential problems for the demo (A1 blocks these officers): keyed by officer key.
const EXPIRED: Readonly<Record<string, { validFrom: string; validTo: string }>> = {
  'pd-ljz-02': { validFrom: '2021-01-01', validTo: '2025-12-31' },
  'pd-tq-02': { validFrom: '2020-07-01', validTo: '2025-06-30' },
  'qp-lt-02': { validFrom: '2021-04-01', validTo: '2026-03-31' },
};
const REVOKED = new Set(['pd-csx-02']);
const WITHOUT_CREDENTIAL = new Set(['qp-bh-02']);

export const FIELD_DOMAINS: EnforcementDomain[] = [
  'city_appearance',
  'landscaping',
  'municipal_roads',
  'environment',
  'housing',
  'urban_planning',
  'street_trading',
];
export const ALL_DOMAINS: EnforcementDomain[] = [...FIELD_DOMAINS, 'water', 'construction', 'transport', 'other'];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '沈',
  '陆',
  '顾',
  '钱',
  '施',
  '姚',
  '蒋',
  '蔡',
  '金',
  '汪',
  '范',
  '叶',
  '程',
  '袁',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '严',
  '龚',
  '陶',
  '俞',
];
export const GIVEN_M = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '俊',
  '浩',
  '志',
  '建',
  '文',
  '国',
  '东',
  '海',
  '峰',
  '晨',
  '宇',
  '凯',
  '骏',
  '忠',
  '佳',
  '立',
  '新',
  '正',
  '德',
  '翔',
];
export const GIVEN_F = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '婷',
  '雪',
  '玲',
  '倩',
  '颖',
  '燕',
  '萍',
  '琳',
  '洁',
  '慧',
  '晶',
  '雯',
  '佳',
  '怡',
  '欣',
  '悦',
  '蕾',
  '瑶',
  '琴',
  '红',
  '梅',
  '莉',
  '青',
  '薇',
  '晓',
  '文',
  '丹',
  '云',
];
export const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '158',
  '159',
  '177',
  '180',
  '186',
  '187',
  '189',
  '199',
];

export const TITLES: Record<Role, string> = {
  field_officer: '执法队员',
  squad_leader: '中队长',
  legal_reviewer: '法制审核员',
  commander: '指挥中心值班长',
  supervisor: '督察员',
  bureau_leader: '局长',
  admin: '系统管理员',
  partner: '协作部门联络员',
};

type Staffing = { key: string; orgKey: string; role: Role; username: string; domains: EnforcementDomain[] };

function staffingPlan(): Staffing[] {
  const plan: Staffing[] = [];
  const add = (key: string, orgKey: string, role: Role, username: string, domains = ALL_DOMAINS): void => {
    plan.push({ key, orgKey, role, username, domains });
  };
  add('sh-admin', 'sh', 'admin', 'admin');
  add('sh-leader', 'sh', 'bureau_leader', 'sh_leader');
  add('sh-legal', 'sh', 'legal_reviewer', 'sh_legal');
  add('sh-super', 'sh', 'supervisor', 'sh_super');
  for (const [district, squads] of [
    ['pd', PD_SQUADS],
    ['qp', QP_SQUADS],
  ] as const) {
    add(`${district}-leader`, district, 'bureau_leader', `${district}_leader`);
    add(`${district}-legal`, district, 'legal_reviewer', `${district}_legal`);
    add(`${district}-command`, district, 'commander', `${district}_command`);
    add(`${district}-super`, district, 'supervisor', `${district}_super`);
    add(`${district}-admin`, district, 'admin', `${district}_admin`);
    for (const squad of squads) {
      const prefix = squad.key.replace('-', '_');
      add(`${squad.key}-leader`, squad.key, 'squad_leader', `${prefix}_leader`, FIELD_DOMAINS);
      for (let i = 1; i <= squad.fieldOfficers; i++) {
        const nn = String(i).padStart(2, '0');
        add(`${squad.key}-${nn}`, squad.key, 'field_officer', `${prefix}_${nn}`, FIELD_DOMAINS);
      }
    }
  }
  return plan;
}

function buildOrgs(): DemoOrg[] {
  const squads = (list: readonly SquadSpec[]): DemoOrg[] =>
    list.map((s, i) => ({
      key: s.key,
      parentKey: s.parentKey,
      kind: 'squad',
      name: s.name,
      shortName: s.name.replace(/(街道|新镇|镇)中队$/, '中队'),
      code: s.code,
      regionCode: null,
      sortOrder: (i + 1) * 10,
    }));
  return [...TOP_ORGS.map((o) => ({ ...o })), ...squads(PD_SQUADS), ...squads(QP_SQUADS)];
}

export function buildDemoData(options: { seed?: number } = {}): DemoData {
  const rand = mulberry32(options.seed ?? DEFAULT_DEMO_SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const orgs = buildOrgs();
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const districtOf = (orgKey: string): DemoOrg => {
    let org = byKey.get(orgKey)!;
    while (org.kind !== 'district_bureau' && org.kind !== 'city_bureau') org = byKey.get(org.parentKey!)!;
    return org;
  };

  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const serials = new Map<string, number>();
  const officers: DemoOfficer[] = [];

  for (const slot of staffingPlan()) {
    const gender: 'M' | 'F' = rand() < 0.7 ? 'M' : 'F';
    let name: string;
    do {
      const given = gender === 'M' ? GIVEN_M : GIVEN_F;
      name = pick(SURNAMES) + pick(given) + (rand() < 0.6 ? pick(given) : '');
    } while (usedNames.has(name));
    usedNames.add(name);

    let phone: string;
    do {
      phone = pick(MOBILE_PREFIXES) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
    } while (usedPhones.has(phone));
    usedPhones.add(phone);

    const district = districtOf(slot.orgKey);
    const serial = (serials.get(district.key) ?? 0) + 1;
    serials.set(district.key, serial);
    // 执法证 numbers: district region code + 5-digit serial, e.g. 31011500123.
    const credential: DemoCredential = {
      number: `${district.regionCode}${String(serial + 100).padStart(5, '0')}`,
      domains: [...slot.domains],
      ...(EXPIRED[slot.key] ?? STANDARD_VALIDITY),
      revoked: REVOKED.has(slot.key),
    };

    officers.push({
      key: slot.key,
      orgKey: slot.orgKey,
      name,
      employeeNo: `${district.code}-${String(serial).padStart(4, '0')}`,
      gender,
      phone,
      title: TITLES[slot.role],
      roles: [slot.role],
      username: slot.username,
      legalQualification: slot.role === 'legal_reviewer',
      credentials: WITHOUT_CREDENTIAL.has(slot.key) ? [] : [credential],
    });
  }
  return { orgs, officers };
}
