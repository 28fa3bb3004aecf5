// 执法对象 of the generated city (REQUIREMENTS.md R9, R10): ~300,000 subjects at full scale spread over the squads by
// their load, each with a point inside its squad's service area (city-areas.ts) and an address in its district; valid
// 统一社会信用代码 (GB 32100), 身份证号 (GB 11643) and plates; licences with their validity (some expired, some about to
// expire); contacts, tags, the verified share of seed 000 (91.82 %); a few records entered twice (same name and
// address, another identity) for the merge review. Their history over the generated years goes into the timeline
// (violations, complaints, passed and failed inspections with the published result) with the inspection tasks done;
// the risk level is then graded by the domain's gradeSubject on DEFAULT_RISK_RULE_SET as of the last day.
import {
  addDays,
  addYears,
  combineVisit,
  creditCodeCheckChar,
  daysBetween,
  DEFAULT_RISK_RULE_SET,
  gradeSubject,
  idNumberCheckDigit,
  type FailedItem,
  type InspectionMatter,
  type ItemResult,
  type LegalDate,
  normalizeAddress,
  normalizeSubjectName,
  type RandomSource,
  scoreVisit,
  type SubjectEvent,
  type SubjectKind,
  type SubjectLicence,
  subjectLicenceState,
  type VisitPlan,
  type VisitScore,
} from '@chengguan/domain';
import { sql } from 'kysely';
import { GIVEN_F, GIVEN_M, MOBILE_PREFIXES, SURNAMES } from '../seed/demo-data.ts';
import { shanghaiInstant } from '../shared/time.ts';
import { licenceFilterState, nextInspectionOn } from '../modules/subjects/index.ts';
import { CITY_AREAS, type SquadArea } from './city-areas.ts';
import { CITY, type CityBureau, type CityOfficer, type CitySquad } from './city-orgs.ts';
import { drawBureauPlans, type DrawnAssignment, planQuarters, planWriter } from './city-plans.ts';
import type { CopyValue } from './copy-writer.ts';
import { firstDay } from './options.ts';
import { type GeneratorContext, type GeneratorPart, outputKey } from './registry.ts';

/** Share of each kind among the records (vehicles come with their transport company: 3–15 each, ~9 on average). */
export const SUBJECT_KIND_MIX: readonly [Exclude<SubjectKind, 'waste_transport_vehicle'>, number][] = [
  ['street_shop', 0.6265],
  ['restaurant_fume', 0.18],
  ['residential_compound', 0.05],
  ['construction_site', 0.04],
  ['stall_point', 0.03],
  ['property_company', 0.02],
  ['waste_transport_company', 0.005],
  ['historic_building', 0.0035],
];
const VEHICLES_PER_COMPANY = [3, 15] as const;
/** Seed 000: 执法对象信息准确率 91.82 %. */
export const VERIFIED_SHARE = 0.9182;
/** Records entered a second time under the same name and address (another identity): the merge review's work. */
const REENTERED_SHARE = 0.001;

/** Events a year per subject of the kind, before the subject's own propensity. */
const RATES: Readonly<Record<SubjectKind, { violation: number; complaint: number; inspection: number }>> = {
  street_shop: { violation: 0.08, complaint: 0.15, inspection: 0.5 },
  restaurant_fume: { violation: 0.15, complaint: 0.4, inspection: 1 },
  construction_site: { violation: 0.4, complaint: 0.6, inspection: 2 },
  residential_compound: { violation: 0.05, complaint: 0.2, inspection: 0.5 },
  property_company: { violation: 0.05, complaint: 0.05, inspection: 0.5 },
  waste_transport_company: { violation: 0.1, complaint: 0.05, inspection: 1 },
  waste_transport_vehicle: { violation: 0.2, complaint: 0.05, inspection: 0.5 },
  historic_building: { violation: 0.02, complaint: 0.05, inspection: 1 },
  stall_point: { violation: 0.3, complaint: 0.3, inspection: 0.5 },
};

/** The licence each kind holds, its term in years and the issuer. */
const LICENCES: Partial<Record<SubjectKind, { kind: string; prefix: string; years: number; issuer: string; required: boolean }>> = {
  restaurant_fume: { kind: 'food_business_licence', prefix: 'JY2', years: 5, issuer: '区市场监督管理局', required: true },
  construction_site: { kind: 'construction_permit', prefix: 'SG', years: 2, issuer: '区建设和管理委员会', required: true },
  waste_transport_company: {
    kind: 'construction_waste_transport_permit',
    prefix: 'ZT',
    years: 3,
    issuer: '区绿化和市容管理局',
    required: true,
  },
  waste_transport_vehicle: { kind: 'vehicle_transport_certificate', prefix: 'CZ', years: 1, issuer: '区绿化和市容管理局', required: true },
  street_shop: { kind: 'business_licence', prefix: 'YZ', years: 0, issuer: '区市场监督管理局', required: false },
};

export const ROAD_WORDS = [
  '长乐',
  '建国',
  '延安',
  '复兴',
  '淮海',
  '瑞金',
  '陕西',
  '华山',
  '天山',
  '武宁',
  '曹杨',
  '真如',
  '江湾',
  '大连',
  '控江',
  '殷行',
  '莘庄',
  '七宝',
  '友谊',
  '牡丹江',
  '南翔',
  '安亭',
  '张江',
  '川沙',
  '惠南',
  '朱泾',
  '泗泾',
  '赵巷',
  '南桥',
  '城桥',
  '宜山',
  '虹桥',
  '古北',
  '凯旋',
  '金沙江',
  '光复',
  '四平',
  '国顺',
  '黄兴',
  '政立',
  '锦绣',
  '杨高',
  '罗山',
  '龙阳',
  '浦建',
  '沪闵',
  '春申',
  '顾戴',
  '漕河泾',
  '田林',
  '钦州',
  '桂林',
  '龙华',
  '丰庄',
  '曹安',
  '嘉松',
  '外青松',
  '沪松',
  '人民',
  '新华',
];
export const ROAD_SUFFIXES = ['路', '路', '路', '东路', '西路', '南路', '北路', '大道', '街'];
const BRANDS = [
  '鑫源',
  '恒达',
  '宏盛',
  '佳禾',
  '东方',
  '申城',
  '华亿',
  '锦程',
  '瑞丰',
  '安顺',
  '金桥',
  '浦江',
  '老街坊',
  '好邻居',
  '百味',
  '新风',
  '永和',
  '红星',
  '家乐',
  '久久',
];
const SHOP_TYPES = [
  '便利店',
  '水果店',
  '五金店',
  '烟杂店',
  '理发店',
  '洗衣店',
  '服装店',
  '药房',
  '眼镜店',
  '花店',
  '文具店',
  '手机维修店',
  '超市',
  '母婴店',
  '茶叶店',
];
const FOOD_TYPES = ['面馆', '小吃店', '火锅店', '烧烤店', '饭店', '小厨', '点心店', '馄饨店', '酒家', '咖啡馆', '餐厅', '生煎店'];
const COMPOUND_SUFFIXES = ['苑', '花园', '小区', '公寓', '新村', '家园', '雅苑', '名邸'];
const PROJECT_KINDS = ['住宅', '商业办公', '学校', '道路改建', '地铁站', '医院', '保障房', '厂房改建'];
const BUILDING_KINDS = ['旧居', '大楼', '公寓', '花园住宅', '里弄建筑', '公馆'];
const TAGS: Readonly<Record<SubjectKind, readonly string[]>> = {
  street_shop: ['临街', '门责区域', '店招店牌', '跨门营业'],
  restaurant_fume: ['油烟净化', '餐厨垃圾', '临街', '夜间经营'],
  construction_site: ['夜间施工', '扬尘', '渣土', '围挡'],
  residential_compound: ['违法搭建', '垃圾分类', '群租'],
  property_company: ['垃圾分类', '物业'],
  waste_transport_company: ['渣土运输', '资质'],
  waste_transport_vehicle: ['密闭运输', '渣土运输', '车辆冲洗'],
  historic_building: ['优秀历史建筑', '风貌区'],
  stall_point: ['设摊', '夜市', '疏导点'],
};
const VIOLATIONS: Readonly<Record<SubjectKind, readonly string[]>> = {
  street_shop: ['跨门营业', '擅自设置店招店牌', '门责区域内乱堆物', '占道经营'],
  restaurant_fume: ['油烟净化设施未正常使用', '餐厨垃圾未规范收运', '跨门营业'],
  construction_site: ['夜间违规施工', '未采取扬尘防治措施', '出入口车辆未冲洗'],
  residential_compound: ['违法搭建', '生活垃圾未分类投放'],
  property_company: ['未履行违法搭建巡查报告义务', '垃圾分类管理责任未落实'],
  waste_transport_company: ['未取得核准擅自运输建筑垃圾', '车辆未密闭运输'],
  waste_transport_vehicle: ['运输途中抛洒滴漏', '未按规定路线运输'],
  historic_building: ['擅自改变建筑外立面', '擅自拆除保护部位'],
  stall_point: ['超范围设摊', '超时经营', '乱扔垃圾'],
};
const COMPLAINTS = ['噪声扰民', '油烟扰民', '占道经营', '乱堆物', '夜间施工', '垃圾未清运', '违法搭建'];

const SUBJECT_COLUMNS = [
  'id',
  'code',
  'bureau_id',
  'org_id',
  'kind',
  'name',
  'name_key',
  'credit_code',
  'id_number',
  'plate',
  'owner_subject_id',
  'address',
  'address_key',
  'district',
  'street',
  'point_lon',
  'point_lat',
  'contacts',
  'tags',
  'flags',
  'verified',
  'verified_at',
  'risk_level',
  'risk_computed',
  'risk_rule_version',
  'risk_rule_id',
  'risk_explanation',
  'risk_graded_at',
  'last_inspected_on',
  'next_inspection_on',
  'licence_state',
  'status',
  'created_at',
  'updated_at',
] as const;
const LICENCE_COLUMNS = ['id', 'subject_id', 'kind', 'number', 'issuer', 'issued_on', 'valid_until', 'revoked', 'created_at'] as const;
const EVENT_COLUMNS = ['id', 'subject_id', 'kind', 'occurred_on', 'at', 'ref_type', 'ref_id', 'summary_zh', 'data', 'actor_id'] as const;
const VISIT_COLUMNS = [
  'id',
  'bureau_id',
  'org_id',
  'subject_id',
  'inspector_ids',
  'task_ids',
  'plan',
  'results',
  'outcome',
  'failed_items',
  'counts',
  'visited_at',
  'visited_on',
  'point_lon',
  'point_lat',
  'signatures',
  'acknowledgement',
  'photo_sm3s',
  'case_id',
  'created_by',
  'created_at',
] as const;
const ORDER_COLUMNS = [
  'id',
  'bureau_id',
  'org_id',
  'subject_id',
  'visit_id',
  'items',
  'deadline_on',
  'reinspect_on',
  'reinspection_task_id',
  'status',
  'closed_by_visit_id',
  'closed_on',
  'note_zh',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const TASK_COLUMNS = [
  'id',
  'bureau_id',
  'org_id',
  'subject_id',
  'origin',
  'plan_id',
  'team_no',
  'inspector_ids',
  'matter_codes',
  'due_on',
  'status',
  'visit_id',
  'created_by',
  'created_at',
  'updated_at',
] as const;

type Team = readonly [CityOfficer, CityOfficer];
type Task = {
  id: string;
  origin: 'random' | 'special' | 'reinspection' | 'risk_frequency';
  planId: string | null;
  teamNo: number | null;
  team: Team;
  matterCodes: string[];
  dueOn: LegalDate;
  createdAt: Date;
  createdBy: string;
};
/** 责令改正 after a failed visit: closed by the re-inspection's visit when it falls in the history. */
type Order = {
  id: string;
  items: FailedItem[];
  deadlineOn: LegalDate;
  reinspectOn: LegalDate;
  task: Task;
  status: 'open' | 'rectified' | 'not_rectified';
  closedBy: Visit | null;
  createdAt: Date;
};
type Visit = {
  id: string;
  date: LegalDate;
  at: Date;
  task: Task;
  results: ItemResult[];
  score: VisitScore;
  order: Order | null;
  closes: Order | null;
};
/** A subject drafted before it is written: the plans' draws add visits to it first. */
type Draft = {
  id: string;
  short: string;
  credit: string | null;
  bureau: CityBureau;
  squad: CitySquad;
  area: SquadArea;
  unit: Unit;
  kind: SubjectKind;
  createdOn: LegalDate;
  createdAt: Date;
  name: string;
  address: string;
  idNo: string | null;
  plateNo: string | null;
  point: [number, number];
  contactName: string;
  contacts: string;
  licenceRows: SubjectLicence[];
  licenceValues: CopyValue[][];
  flags: Record<string, boolean>;
  verified: boolean;
  verifiedAt: Date | null;
  tagList: string[];
  failRate: number;
  happenings: { type: 'violation' | 'serious_violation' | 'complaint'; date: LegalDate; at: Date; summary: string }[];
  visits: Visit[];
  openTasks: Task[];
  /** The timeline as the grading reads it (violations, complaints, visits' outcomes). */
  grading: SubjectEvent[];
};

export type CitySubjectsSummary = {
  subjects: number;
  licences: number;
  events: number;
  tasks: number;
  visits: number;
  rectificationOrders: number;
  plans: number;
  matters: number;
};
export const CITY_SUBJECT_COUNT = outputKey<number>('city-subject-count');

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 31^7: the organisation-code serials' range, permuted by an odd multiplier so neighbours do not look alike. */
const ORG_CODE_RANGE = 31 ** 7;
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PLATE_LETTERS = 'ABCDEFGHJKLMN';

function poisson(rand: RandomSource, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * (rand() + rand() + rand() - 1.5) * 2));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

type Unit = {
  kind: SubjectKind;
  ownerId: string | null;
  ownerCredit: string | null;
  companyShort: string | null;
};

export const citySubjectsPart: GeneratorPart = {
  name: 'city-subjects',
  after: ['city-orgs', 'city-areas'],
  run: async (ctx) => {
    const { options, random: rand, writer } = ctx;
    const city = ctx.outputs.get(CITY);
    const areas = ctx.outputs.get(CITY_AREAS);
    const total = options.subjects;
    const until = options.until;
    const start = firstDay(options);
    const matters = await ensureMatters(ctx);
    // Rows of earlier parts must be in before the first subject refers to them.
    await writer.drain();
    const subjects = writer.table('subjects', SUBJECT_COLUMNS);
    const licences = writer.table('subject_licences', LICENCE_COLUMNS);
    const events = writer.table('subject_events', EVENT_COLUMNS);
    const tasks = writer.table('inspection_tasks', TASK_COLUMNS);
    const visits = writer.table('inspection_visits', VISIT_COLUMNS);
    const orders = writer.table('rectification_orders', ORDER_COLUMNS);
    writer.expected.set('subjects', total);

    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const gradedAt = shanghaiInstant(until, '02:00:00.000');
    const mattersOf = new Map<SubjectKind, InspectionMatter[]>();
    for (const m of matters) for (const k of m.subjectKinds) mattersOf.set(k, [...(mattersOf.get(k) ?? []), m]);

    let orgSerial = 0;
    let plateSerial = 0;
    let personSerial = 0;
    let count = 0;
    let licenceCount = 0;
    let eventCount = 0;
    let taskCount = 0;
    let visitCount = 0;
    let orderCount = 0;
    const creditCode = (region: string, individual: boolean) => {
      // GB 32100: 9 (市场监管) + 1 enterprise / 2 个体工商户, region, 9-character organisation code, check character.
      let n = Number((BigInt(++orgSerial) * 2654435761n) % BigInt(ORG_CODE_RANGE));
      let org = '';
      for (let i = 0; i < 7; i++) {
        org = CREDIT_CHARSET[n % 31]! + org;
        n = Math.floor(n / 31);
      }
      const first17 = `9${individual ? '2' : '1'}${region}MA${org}`;
      return first17 + creditCodeCheckChar(first17);
    };
    const idNumber = (region: string) => {
      const birth = addDays('1960-01-01', between(0, 365 * 40));
      const seq = String(++personSerial % 1000).padStart(3, '0');
      const first17 = `${region}${birth.replaceAll('-', '')}${seq}`;
      return first17 + idNumberCheckDigit(first17);
    };
    const plate = () => {
      const n = plateSerial++;
      return `沪${PLATE_LETTERS[Math.floor(n / 100_000) % PLATE_LETTERS.length]}${String(n % 100_000).padStart(5, '0')}`;
    };
    const person = () => pick(SURNAMES) + (rand() < 0.6 ? pick(GIVEN_M) : pick(GIVEN_F)) + (rand() < 0.5 ? pick(GIVEN_M) : '');
    const phone = () => pick(MOBILE_PREFIXES) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
    const qrCode = () => {
      let s = '';
      for (let i = 0; i < 12; i++) s += CODE_ALPHABET[Math.floor(rand() * 32)]!;
      return s;
    };
    const pointIn = (area: SquadArea): [number, number] => {
      const cell = Math.floor(rand() * (area.cells.length / 2));
      const m = area.cellSize * 0.02;
      return [
        Math.round((area.cells[2 * cell]! + m + rand() * (area.cellSize - 2 * m)) * 1e7) / 1e7,
        Math.round((area.cells[2 * cell + 1]! + m + rand() * (area.cellSize - 2 * m)) * 1e7) / 1e7,
      ];
    };
    const roadsOf = new Map<string, string[]>();
    const roads = (squad: CitySquad) => {
      let list = roadsOf.get(squad.id);
      if (!list) {
        list = Array.from({ length: 6 }, () => pick(ROAD_WORDS) + pick(ROAD_SUFFIXES));
        roadsOf.set(squad.id, list);
      }
      return list;
    };

    // The visit form of a kind for a set of matters (combineVisit), computed once: every visit of the kind with the
    // same matters answers the same items.
    const forms = new Map<string, { plan: VisitPlan; itemsJson: string; names: { code: string; nameZh: string }[] }>();
    const formOf = (kind: SubjectKind, codes: readonly string[]) => {
      const key = `${kind}|${codes.join(',')}`;
      let form = forms.get(key);
      if (!form) {
        const chosen = matters.filter((m) => codes.includes(m.code));
        const combined = combineVisit({ subjectId: '-', subjectKind: kind, inspectorIds: ['a', 'b'], matters: chosen });
        if (!combined.ok) throw new Error(`generator: matters ${key} do not combine: ${combined.issues.map((i) => i.code).join(', ')}`);
        form = {
          plan: combined.plan,
          itemsJson: JSON.stringify(combined.plan.items),
          names: combined.plan.matterCodes.map((c) => ({ code: c, nameZh: chosen.find((m) => m.code === c)!.nameZh })),
        };
        forms.set(key, form);
      }
      return form;
    };
    const timeOn = (date: LegalDate, from = 9, to = 17) =>
      shanghaiInstant(date, `${String(between(from, to)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00.000`);

    const inspect = (d: Draft, date: LegalDate, at: Date, task: Task, closes: Order | null): void => {
      const form = formOf(d.kind, task.matterCodes);
      let failedCodes: string[] = [];
      if (closes) {
        // The re-inspection: 85 % rectified; otherwise the ordered items fail again.
        if (rand() >= 0.85) failedCodes = closes.items.map((i) => i.code);
      } else if (form.plan.items.length > 0 && rand() < d.failRate) {
        failedCodes = [form.plan.items[Math.floor(rand() * form.plan.items.length)]!.code];
      }
      const failed = new Set(failedCodes);
      const results: ItemResult[] = form.plan.items.map((i) =>
        failed.has(i.code)
          ? { code: i.code, result: 'fail', photoIds: [], noteZh: closes ? '复查仍未整改' : '现场检查发现问题，已责令限期整改' }
          : { code: i.code, result: 'pass', photoIds: [] },
      );
      const team = [task.team[0].id, task.team[1].id] as const;
      // The generated history holds no images: the photo requirement is the only open point of its records.
      const score = scoreVisit({
        plan: { ...form.plan, subjectId: d.id, inspectorIds: team },
        results,
        inspectorSignatures: team,
        subject: { kind: 'signed', signerName: d.contactName },
      });
      const visit: Visit = { id: ctx.idAt(at.getTime()), date, at, task, results, score, order: null, closes };
      d.visits.push(visit);
      d.grading.push({ type: score.counts.fail > 0 ? 'failed_inspection' : 'passed_inspection', date, ref: visit.id });
      if (closes) {
        closes.status = score.counts.fail > 0 ? 'not_rectified' : 'rectified';
        closes.closedBy = visit;
        return;
      }
      if (score.counts.fail === 0) return;
      // 责令改正: a deadline, and a re-inspection by the same team (done when it falls in the history).
      const deadlineOn = addDays(date, between(7, 30));
      const reinspectOn = addDays(deadlineOn, between(0, 5));
      const createdAt = new Date(at.getTime() + 3_600_000);
      const reinspection: Task = {
        id: ctx.idAt(createdAt.getTime()),
        origin: 'reinspection',
        planId: null,
        teamNo: null,
        team: task.team,
        matterCodes: [...new Set(score.failedItems.flatMap((f) => f.matterCodes))].sort(),
        dueOn: reinspectOn,
        createdAt,
        createdBy: d.squad.leaders[0]!.id,
      };
      const order: Order = {
        id: ctx.idAt(createdAt.getTime()),
        items: score.failedItems,
        deadlineOn,
        reinspectOn,
        task: reinspection,
        status: 'open',
        closedBy: null,
        createdAt,
      };
      visit.order = order;
      if (reinspectOn <= until) {
        const on = addDays(deadlineOn, between(0, daysBetween(deadlineOn, reinspectOn)));
        inspect(d, on, timeOn(on), reinspection, order);
      } else {
        d.openTasks.push(reinspection);
      }
    };

    let previous: { name: string; address: string; kind: SubjectKind } | null = null;
    /** Everything of a subject but its risk grading and rows: the plans' draws add to its timeline before it is written. */
    const draftSubject = (bureau: CityBureau, squad: CitySquad, area: SquadArea, unit: Unit): Draft => {
      const { kind } = unit;
      // Registered before the history began (70 %) or during it.
      const createdOn = rand() < 0.7 ? addDays(start, -between(1, 365 * 3)) : addDays(start, between(0, daysBetween(start, until)));
      const createdAt = shanghaiInstant(
        createdOn,
        `${String(between(8, 17)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00.000`,
      );
      const id = ctx.idAt(createdAt.getTime());
      const road = pick(roads(squad));
      const no = between(1, 1800);
      let address = `上海市${area.district}${road}${no}号`;
      let name: string;
      let credit: string | null = null;
      let idNo: string | null = null;
      let plateNo: string | null = null;
      const brand = pick(BRANDS);
      let short = brand;
      switch (kind) {
        case 'street_shop':
          name = `${brand}${pick(SHOP_TYPES)}（${road}店）`;
          break;
        case 'restaurant_fume':
          name = `${rand() < 0.3 ? pick(SURNAMES) + '记' : brand}${pick(FOOD_TYPES)}`;
          break;
        case 'construction_site':
          name = `${road}${no}号${pick(PROJECT_KINDS)}项目工地`;
          break;
        case 'residential_compound':
          name = `${brand}${pick(COMPOUND_SUFFIXES)}`;
          address = `上海市${area.district}${road}${between(1, 900)}弄`;
          break;
        case 'property_company':
          name = `上海${brand}物业管理有限公司`;
          break;
        case 'waste_transport_company':
          name = `上海${brand}${road.slice(0, 2)}运输有限公司`;
          short = `${brand}${road.slice(0, 2)}运输`;
          break;
        case 'waste_transport_vehicle':
          plateNo = plate();
          name = `${plateNo}（${unit.companyShort}）`;
          break;
        case 'historic_building':
          name = `${road}${no}号${pick(SURNAMES)}氏${pick(BUILDING_KINDS)}`;
          break;
        case 'stall_point':
          name = `${road}${no}号${pick(['设摊疏导点', '夜市点位', '早餐摊点'])}`;
          break;
      }
      // A record entered again under the same name and address, by another identity: left for the merge review.
      if (previous && previous.kind === kind && kind !== 'waste_transport_vehicle' && rand() < REENTERED_SHARE) {
        name = previous.name;
        address = previous.address;
      }
      switch (kind) {
        case 'street_shop':
        case 'restaurant_fume':
          if (rand() < 0.7) credit = creditCode(bureau.regionCode, rand() < 0.6);
          else idNo = idNumber(bureau.regionCode);
          break;
        case 'construction_site':
        case 'property_company':
        case 'waste_transport_company':
          credit = creditCode(bureau.regionCode, false);
          break;
        case 'waste_transport_vehicle':
          credit = unit.ownerCredit;
          break;
        default:
          break;
      }
      previous = { name, address, kind };
      const point = pointIn(area);

      // Licences: the current one (8 % lapsed, 4 % running out within a month), 1 % of required kinds hold none.
      const licenceRows: SubjectLicence[] = [];
      const licenceValues: CopyValue[][] = [];
      const spec = LICENCES[kind];
      if (spec && !(spec.required && rand() < 0.01) && (spec.required || rand() < 0.4)) {
        const r = rand();
        let validUntil: LegalDate | null;
        let issuedOn: LegalDate;
        if (spec.years === 0) {
          validUntil = null;
          issuedOn = createdOn < until ? createdOn : addDays(until, -1);
        } else {
          validUntil =
            r < 0.08
              ? addDays(until, -between(1, 400))
              : r < 0.12
                ? addDays(until, between(0, 29))
                : addDays(until, between(30, 365 * spec.years));
          issuedOn = addYears(validUntil, -spec.years);
          if (issuedOn > until) issuedOn = until;
        }
        licenceRows.push({
          kind: spec.kind,
          number: `${spec.prefix}${bureau.regionCode}${String(licenceCount + 1).padStart(8, '0')}`,
          issuedOn,
          validUntil,
        });
        licenceValues.push([
          ctx.idAt(createdAt.getTime()),
          id,
          spec.kind,
          licenceRows[0]!.number,
          `${area.district}${spec.issuer.slice(1)}`,
          issuedOn,
          validUntil,
          false,
          createdAt,
        ]);
        licenceCount++;
      }

      const flags: Record<string, boolean> =
        credit !== null && kind !== 'waste_transport_vehicle' && rand() < 0.01 ? { abnormalList: true } : {};
      const verified = rand() < VERIFIED_SHARE;
      const verifiedAt = verified ? new Date(createdAt.getTime() + between(1, 60) * 86_400_000) : null;
      const contactName = person();
      const contacts = JSON.stringify([
        { name: contactName, phone: phone(), role: kind === 'waste_transport_vehicle' ? '驾驶员' : '负责人' },
      ]);
      const tagList = TAGS[kind].filter(() => rand() < 0.3);

      // History: propensity 0.3 (most), 1, or 4 (the few that cause most of the work).
      const u = rand();
      const propensity = u < 0.6 ? 0.3 : u < 0.92 ? 1 : 4;
      const from = createdOn > start ? createdOn : start;
      const years = (daysBetween(from, until) + 1) / 365.25;
      const rates = RATES[kind];
      const dated: { type: 'violation' | 'serious_violation' | 'complaint' | 'inspection'; date: LegalDate }[] = [];
      const span = daysBetween(from, until);
      const someDay = () => addDays(from, between(0, span));
      for (let i = poisson(rand, rates.violation * propensity * years); i > 0; i--) {
        dated.push({ type: rand() < 0.08 ? 'serious_violation' : 'violation', date: someDay() });
      }
      for (let i = poisson(rand, rates.complaint * propensity * years); i > 0; i--) dated.push({ type: 'complaint', date: someDay() });
      for (let i = poisson(rand, rates.inspection * Math.sqrt(propensity) * years); i > 0; i--)
        dated.push({ type: 'inspection', date: someDay() });
      dated.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

      const d: Draft = {
        id,
        short,
        credit,
        bureau,
        squad,
        area,
        unit,
        kind,
        createdOn,
        createdAt,
        name,
        address,
        idNo,
        plateNo,
        point,
        contactName,
        contacts,
        licenceRows,
        licenceValues,
        flags,
        verified,
        verifiedAt,
        tagList,
        failRate: Math.min(0.6, 0.12 * propensity),
        happenings: [],
        visits: [],
        openTasks: [],
        grading: [],
      };
      const kindMatterCodes = (mattersOf.get(kind) ?? []).map((m) => m.code);
      for (const e of dated) {
        const at = timeOn(e.date);
        if (e.type === 'inspection') {
          if (kindMatterCodes.length === 0) continue;
          const first = pick(squad.field);
          let second = pick(squad.field);
          if (second === first) second = squad.field[(squad.field.indexOf(first) + 1) % squad.field.length]!;
          const task: Task = {
            id: ctx.idAt(at.getTime() - 7 * 86_400_000),
            origin: rand() < 0.7 ? 'risk_frequency' : 'special',
            planId: null,
            teamNo: null,
            team: [first, second],
            matterCodes: kindMatterCodes,
            dueOn: addDays(e.date, between(0, 10)),
            createdAt: new Date(at.getTime() - 7 * 86_400_000),
            createdBy: squad.leaders[0]!.id,
          };
          inspect(d, e.date, at, task, null);
        } else {
          const what = e.type === 'complaint' ? pick(COMPLAINTS) : pick(VIOLATIONS[kind]);
          const summary = e.type === 'complaint' ? `被投诉：${what}` : `${e.type === 'serious_violation' ? '严重违法' : '违法'}：${what}`;
          d.happenings.push({ type: e.type, date: e.date, at, summary });
          d.grading.push({ type: e.type, date: e.date, ref: ctx.idAt(at.getTime()) });
        }
      }
      return d;
    };

    const gradeOn = (d: Draft, day: LegalDate) =>
      gradeSubject(
        {
          subjectId: d.id,
          kind: d.kind,
          licence: subjectLicenceState({ kind: d.kind, licences: d.licenceRows }, day),
          events: d.grading,
          flags: d.flags,
        },
        DEFAULT_RISK_RULE_SET,
        day,
      );

    /** A drawn target's task, and its visit within the period when the history reaches it. */
    const assign = (d: Draft, a: DrawnAssignment): void => {
      const task: Task = {
        id: ctx.idAt(a.drawnAt.getTime()),
        origin: 'random',
        planId: a.planId,
        teamNo: a.teamNo,
        team: a.team,
        matterCodes: (mattersOf.get(d.kind) ?? []).map((m) => m.code),
        dueOn: a.periodTo,
        createdAt: a.drawnAt,
        createdBy: d.bureau.leaders[0]!.id,
      };
      const on = addDays(a.periodFrom, between(1, Math.min(75, daysBetween(a.periodFrom, a.periodTo))));
      if (on <= until) inspect(d, on, timeOn(on), task, null);
      else d.openTasks.push(task);
    };

    const taskRow = (d: Draft, t: Task, visit: Visit | null) => {
      tasks.add([
        t.id,
        d.bureau.id,
        d.squad.id,
        d.id,
        t.origin,
        t.planId,
        t.teamNo,
        [t.team[0].id, t.team[1].id],
        t.matterCodes,
        t.dueOn,
        visit ? 'done' : 'open',
        visit?.id ?? null,
        t.createdBy,
        t.createdAt,
        visit?.at ?? t.createdAt,
      ]);
      taskCount++;
    };

    /** Writes a drafted subject: its row (graded on the last day), licences, timeline, tasks, visits and orders. */
    const emitSubject = (d: Draft): void => {
      const { id, kind } = d;
      for (const l of d.licenceValues) licences.add(l);
      events.add([ctx.idAt(d.createdAt.getTime()), id, 'registered', d.createdOn, d.createdAt, null, null, '登记入库', '{}', null]);
      eventCount++;
      const timeline: { at: Date; row: () => CopyValue[] }[] = d.happenings.map((h) => ({
        at: h.at,
        row: () => [ctx.idAt(h.at.getTime()), id, h.type, h.date, h.at, null, null, h.summary, '{}', null],
      }));
      let lastInspected: LegalDate | null = null;
      for (const v of d.visits) {
        const failed = v.score.counts.fail > 0;
        const outcome = failed ? 'failed' : 'passed';
        const form = formOf(kind, v.task.matterCodes);
        const inspector = v.task.team[0].id;
        if (lastInspected === null || v.date > lastInspected) lastInspected = v.date;
        timeline.push({
          at: v.at,
          row: () => [
            ctx.idAt(v.at.getTime()),
            id,
            failed ? 'failed_inspection' : 'passed_inspection',
            v.date,
            v.at,
            'inspection_visit',
            v.id,
            failed
              ? `综合检查发现${v.score.failedItems.length}项问题：${v.score.failedItems.map((f) => f.textZh).join('；')}`
              : `综合检查合格（${form.names.map((m) => m.nameZh).join('、')}）`,
            JSON.stringify({
              visitId: v.id,
              outcome,
              publishedOn: v.date,
              published: true,
              matters: form.names,
              failedItems: v.score.failedItems.map((f) => ({ textZh: f.textZh })),
            }),
            inspector,
          ],
        });
        const order = v.order;
        if (order) {
          timeline.push({
            at: order.createdAt,
            row: () => [
              ctx.idAt(order.createdAt.getTime()),
              id,
              'rectification',
              v.date,
              order.createdAt,
              'rectification_order',
              order.id,
              `责令改正${order.items.length}项，整改期限${order.deadlineOn}，复查日期${order.reinspectOn}`,
              JSON.stringify({
                orderId: order.id,
                visitId: v.id,
                deadlineOn: order.deadlineOn,
                reinspectOn: order.reinspectOn,
                items: order.items.map((i) => ({ textZh: i.textZh })),
              }),
              inspector,
            ],
          });
        }
        const closes = v.closes;
        if (closes) {
          timeline.push({
            at: v.at,
            row: () => [
              ctx.idAt(v.at.getTime()),
              id,
              'rectification',
              v.date,
              v.at,
              'rectification_close',
              closes.id,
              failed ? '复查：未按责令改正要求整改' : '复查：已按责令改正要求整改',
              JSON.stringify({ orderId: closes.id, visitId: v.id, rectified: !failed }),
              inspector,
            ],
          });
        }
      }
      timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const e of timeline) events.add(e.row());
      eventCount += timeline.length;

      const grading = gradeOn(d, until);
      const licence = subjectLicenceState({ kind, licences: d.licenceRows }, until);
      const nextOn = nextInspectionOn(lastInspected ?? (d.createdOn > start ? d.createdOn : start), grading.inspectionsPerYear);
      const normalized = normalizeAddress(d.address);
      subjects.add([
        id,
        qrCode(),
        d.bureau.id,
        d.squad.id,
        kind,
        d.name,
        normalizeSubjectName(d.name),
        d.credit,
        d.idNo,
        d.plateNo,
        d.unit.ownerId,
        d.address,
        normalized.key,
        d.area.district,
        d.area.street,
        d.point[0],
        d.point[1],
        d.contacts,
        d.tagList,
        JSON.stringify(d.flags),
        d.verified,
        d.verifiedAt,
        grading.level,
        grading.computedLevel,
        1,
        grading.firedRuleId,
        grading.explanationZh,
        gradedAt,
        lastInspected,
        nextOn,
        licenceFilterState(licence),
        'active',
        d.createdAt,
        gradedAt,
      ]);
      count++;

      for (const v of d.visits) {
        taskRow(d, v.task, v);
        const team = [v.task.team[0].id, v.task.team[1].id];
        const form = formOf(kind, v.task.matterCodes);
        const plan = `${JSON.stringify({ subjectId: id, subjectKind: kind, inspectorIds: team, matterCodes: form.plan.matterCodes }).slice(0, -1)},"items":${form.itemsJson}}`;
        visits.add([
          v.id,
          d.bureau.id,
          d.squad.id,
          id,
          team,
          [v.task.id],
          plan,
          JSON.stringify(v.results),
          v.score.counts.fail > 0 ? 'failed' : 'passed',
          JSON.stringify(v.score.failedItems),
          JSON.stringify(v.score.counts),
          v.at,
          v.date,
          d.point[0],
          d.point[1],
          JSON.stringify({
            inspectors: team.map((officerId, i) => ({ officerId, signatureSm3: null, confirmedBy: i === 0 ? 'session' : 'employee_no' })),
          }),
          JSON.stringify({
            kind: 'signed',
            signerName: d.contactName,
            signatureSm3: null,
            witnessName: null,
            witnessSignatureSm3: null,
            note: null,
          }),
          [],
          null,
          team[0]!,
          v.at,
        ]);
        visitCount++;
      }
      for (const t of d.openTasks) taskRow(d, t, null);
      for (const v of d.visits) {
        const o = v.order;
        if (!o) continue;
        orders.add([
          o.id,
          d.bureau.id,
          d.squad.id,
          id,
          v.id,
          JSON.stringify(o.items.map((i) => ({ code: i.code, textZh: i.textZh, legalBasesZh: i.legalBasesZh }))),
          o.deadlineOn,
          o.reinspectOn,
          o.task.id,
          o.status,
          o.closedBy?.id ?? null,
          o.closedBy?.date ?? null,
          null,
          v.task.team[0].id,
          o.createdAt,
          o.closedBy?.at ?? o.createdAt,
        ]);
        orderCount++;
      }
    };

    // Records per squad by its load; a transport company brings its vehicles, so it counts them. A bureau's subjects
    // are drafted first, then its quarterly plans are drawn over them, then they are written.
    const weights = city.squads.reduce((a, s) => a + s.weight, 0);
    const quarters = planQuarters(start, until);
    const planOut = planWriter(writer);
    const planTotals = { plans: 0, targets: 0, drawn: 0, refusedWithCap: 0 };
    let carry = 0;
    let lastLog = performance.now();
    const started = performance.now();
    const analyzedAt = [2_000, 20_000, 100_000];
    for (const bureau of city.bureaus) {
      const units: Draft[][] = [];
      for (const squad of bureau.squads) {
        carry += (total * squad.weight) / weights;
        const n = Math.floor(carry);
        carry -= n;
        const area = areas.get(squad.id)!;
        let made = 0;
        while (made < n) {
          let r = rand();
          let kind: SubjectKind = 'street_shop';
          for (const [k, share] of SUBJECT_KIND_MIX) {
            if (r < share) {
              kind = k;
              break;
            }
            r -= share;
          }
          const owner = draftSubject(bureau, squad, area, { kind, ownerId: null, ownerCredit: null, companyShort: null });
          const unit = [owner];
          made++;
          if (kind === 'waste_transport_company') {
            const vehicles = Math.min(n - made, between(VEHICLES_PER_COMPANY[0], VEHICLES_PER_COMPANY[1]));
            for (let v = 0; v < vehicles; v++) {
              unit.push(
                draftSubject(bureau, squad, area, {
                  kind: 'waste_transport_vehicle',
                  ownerId: owner.id,
                  ownerCredit: owner.credit,
                  companyShort: owner.short,
                }),
              );
              made++;
            }
          }
          units.push(unit);
        }
      }
      const drafts = new Map(units.flat().map((d) => [d.id, d]));
      const planned = drawBureauPlans({
        bureau,
        candidates: [...drafts.values()].map((d) => ({
          id: d.id,
          kind: d.kind,
          squadId: d.squad.id,
          createdOn: d.createdOn,
          levelOn: (day) => gradeOn(d, day).level,
        })),
        matterCodesOf: (kind) => (mattersOf.get(kind) ?? []).map((m) => m.code),
        quarters,
        calendar: ctx.calendar,
        rand,
        idAt: ctx.idAt,
        out: planOut,
        onDrawn: (assignments) => {
          for (const a of assignments) assign(drafts.get(a.subjectId)!, a);
        },
      });
      planTotals.plans += planned.plans;
      planTotals.targets += planned.targets;
      planTotals.drawn += planned.drawn;
      planTotals.refusedWithCap += planned.refusedWithCap;
      ctx.log(
        `  ${bureau.shortName}: ${drafts.size.toLocaleString('en-US')} subjects, ${planned.plans} quarterly plans drawn (${planned.drawn.toLocaleString('en-US')} of ${planned.targets.toLocaleString('en-US')} targets)`,
      );
      for (const unit of units) {
        // A company and its vehicles go in the same batch (the vehicles refer to it). Between batches, yield to the
        // event loop now and then, so the COPY in flight moves while the next batch is built (and is timed alone).
        for (const d of unit) emitSubject(d);
        if (!writer.full && count % 32 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (writer.full) {
          await writer.flush();
          // Fresh statistics once the tables hold some rows: the foreign-key checks of later batches (vehicles → their
          // company, timeline and tasks → the subject) are planned on them. Planned on the empty tables they scan
          // `subjects` row by row, and the load slows down as it grows (ANALYZE invalidates the cached plans).
          if (analyzedAt.length > 0 && count >= analyzedAt[0]!) {
            analyzedAt.shift();
            await writer.drain();
            await sql`ANALYZE subjects, subject_licences, subject_events, inspection_tasks, inspection_visits, rectification_orders`.execute(
              ctx.db,
            );
          }
        }
        if (performance.now() - lastLog > 5_000) {
          lastLog = performance.now();
          const rate = count / ((lastLog - started) / 1000);
          ctx.log(
            `  subjects generated ${count.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')}/s), visits ${visitCount.toLocaleString('en-US')}, plans ${planTotals.plans}`,
          );
        }
      }
    }
    await writer.flush();
    ctx.outputs.set(CITY_SUBJECT_COUNT, count);
    const seconds = (performance.now() - started) / 1000;
    return {
      subjects: count,
      licences: licenceCount,
      events: eventCount,
      tasks: taskCount,
      visits: visitCount,
      rectificationOrders: orderCount,
      plans: planTotals.plans,
      planTargets: planTotals.targets,
      planDrawn: planTotals.drawn,
      plansDrawnWithoutCap: planTotals.refusedWithCap,
      matters: matters.length,
      subjectsPerSec: Math.round(count / Math.max(seconds, 1e-3)),
    };
  },
};

/** The 检查事项清单 in the database (the inspections module's starter list, loaded with the reference data). */
async function ensureMatters(ctx: GeneratorContext): Promise<InspectionMatter[]> {
  const rows = await ctx.db
    .selectFrom('inspection_matters')
    .select(['code', 'name_zh', 'legal_basis_zh', 'subject_kinds', 'items'])
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  return rows.map((m) => ({
    code: m.code,
    nameZh: m.name_zh,
    legalBasisZh: m.legal_basis_zh,
    subjectKinds: m.subject_kinds as SubjectKind[],
    items: m.items as InspectionMatter['items'],
  }));
}
