// 住宅室内装饰装修 (residential renovation, REQUIREMENTS.md R15; issue 17 §2): what a declared work needs. Sources:
// 《住宅室内装饰装修管理办法》(建设部令第110号) Art. 5 (禁止行为), Art. 6 (须经批准), Art. 7 (增加楼面荷载须经设计单位核验),
// Art. 13 (开工前向物业管理企业申报登记); 《上海市住宅物业管理规定》 Art. 56 (装修前告知物业、违法搭建与损坏承重结构的禁止)。
// Pure: the declared works are the input; the outcome is the strictest of the works' rules.

import type { RuleSource } from '../staff/role-grants.ts';

export const RENOVATION_WORKS = [
  'interior_finish',
  'plumbing_electrical',
  'floor_load',
  'new_structure',
  'facade_opening',
  'gas_change',
  'heating_change',
  'load_bearing_change',
  'wet_room_move',
  'balcony_wall_removal',
] as const;
export type RenovationWork = (typeof RENOVATION_WORKS)[number];

export const RENOVATION_OUTCOMES = ['registered', 'permit_needed', 'prohibited'] as const;
export type RenovationOutcome = (typeof RENOVATION_OUTCOMES)[number];

export type RenovationRule = {
  /** Rule id, used by the tests' names (RN1 …). */
  id: string;
  work: RenovationWork;
  outcome: RenovationOutcome;
  /** Who must approve, for permit_needed. */
  approverZh?: string;
  approverEn?: string;
  zh: string;
  en: string;
  source: RuleSource;
};

const MEASURES = '《住宅室内装饰装修管理办法》（建设部令第110号）';

export const RENOVATION_RULES: Readonly<Record<RenovationWork, RenovationRule>> = {
  interior_finish: {
    id: 'RN1',
    work: 'interior_finish',
    outcome: 'registered',
    zh: '一般室内装饰装修：开工前向物业服务企业申报登记即可',
    en: 'Ordinary interior finishing: declaring it to the property company before work starts is enough',
    source: { cite: `${MEASURES}第十三条`, mark: 'P' },
  },
  plumbing_electrical: {
    id: 'RN1',
    work: 'plumbing_electrical',
    outcome: 'registered',
    zh: '户内水电改造：申报登记即可，不得改动公共管线',
    en: 'Plumbing and wiring inside the flat: declaration only; shared lines may not be changed',
    source: { cite: `${MEASURES}第十三条`, mark: 'P' },
  },
  floor_load: {
    id: 'RN2',
    work: 'floor_load',
    outcome: 'permit_needed',
    approverZh: '原设计单位或者具有相应资质等级的设计单位',
    approverEn: 'the original designer or a qualified design institute',
    zh: '超过设计标准或者规范增加楼面荷载的，须经原设计单位或者具有相应资质等级的设计单位核验同意',
    en: 'Loading floors beyond the design standard needs the consent of the original or a qualified designer',
    source: { cite: `${MEASURES}第七条`, mark: 'P' },
  },
  new_structure: {
    id: 'RN3',
    work: 'new_structure',
    outcome: 'permit_needed',
    approverZh: '规划行政主管部门',
    approverEn: 'the planning authority',
    zh: '搭建建筑物、构筑物的，须经城市规划行政主管部门批准',
    en: 'Building any structure needs the approval of the planning authority',
    source: { cite: `${MEASURES}第六条第一项`, mark: 'P' },
  },
  facade_opening: {
    id: 'RN3',
    work: 'facade_opening',
    outcome: 'permit_needed',
    approverZh: '规划行政主管部门',
    approverEn: 'the planning authority',
    zh: '改变住宅外立面，在非承重外墙上开门、窗的，须经城市规划行政主管部门批准',
    en: 'Changing the facade or opening doors or windows in a non-bearing outer wall needs the planning authority’s approval',
    source: { cite: `${MEASURES}第六条第二项`, mark: 'P' },
  },
  heating_change: {
    id: 'RN4',
    work: 'heating_change',
    outcome: 'permit_needed',
    approverZh: '供暖管理单位',
    approverEn: 'the heating operator',
    zh: '拆改供暖管道和设施的，须经供暖管理单位批准',
    en: 'Altering heating pipes needs the heating operator’s approval',
    source: { cite: `${MEASURES}第六条第三项`, mark: 'P' },
  },
  gas_change: {
    id: 'RN4',
    work: 'gas_change',
    outcome: 'permit_needed',
    approverZh: '燃气管理单位',
    approverEn: 'the gas operator',
    zh: '拆改燃气管道和设施的，须经燃气管理单位批准',
    en: 'Altering gas pipes needs the gas operator’s approval',
    source: { cite: `${MEASURES}第六条第四项`, mark: 'P' },
  },
  load_bearing_change: {
    id: 'RN5',
    work: 'load_bearing_change',
    outcome: 'prohibited',
    zh: '变动建筑主体和承重结构属禁止行为，不予登记（损坏承重结构的，由城管执法部门查处）',
    en: 'Changing the main or load-bearing structure is prohibited and is not registered (enforced by 城管执法)',
    source: { cite: `${MEASURES}第五条第一项；《上海市住宅物业管理规定》第五十六条`, mark: 'P' },
  },
  wet_room_move: {
    id: 'RN5',
    work: 'wet_room_move',
    outcome: 'prohibited',
    zh: '将没有防水要求的房间或者阳台改为卫生间、厨房间属禁止行为',
    en: 'Turning a room or balcony without waterproofing into a bathroom or kitchen is prohibited',
    source: { cite: `${MEASURES}第五条第二项`, mark: 'P' },
  },
  balcony_wall_removal: {
    id: 'RN5',
    work: 'balcony_wall_removal',
    outcome: 'prohibited',
    zh: '扩大承重墙上原有的门窗尺寸，拆除连接阳台的砖、混凝土墙体属禁止行为',
    en: 'Widening openings in bearing walls or removing the brick or concrete wall to the balcony is prohibited',
    source: { cite: `${MEASURES}第五条第三项`, mark: 'P' },
  },
};

const RANK: Record<RenovationOutcome, number> = { registered: 0, permit_needed: 1, prohibited: 2 };

export type RenovationAssessment = { outcome: RenovationOutcome; rules: RenovationRule[] };

/** The declared works' rules (each work once, in the declared order) and the strictest outcome among them. */
export function assessRenovation(works: readonly RenovationWork[]): RenovationAssessment {
  const seen = new Set<RenovationWork>();
  const rules: RenovationRule[] = [];
  let outcome: RenovationOutcome = 'registered';
  for (const w of works) {
    if (seen.has(w)) continue;
    seen.add(w);
    const rule = RENOVATION_RULES[w];
    rules.push(rule);
    if (RANK[rule.outcome] > RANK[outcome]) outcome = rule.outcome;
  }
  return { outcome, rules };
}
