// What a case still needs before an action can be taken: one plain sentence per rule that can block an action (zh, en)
// with its citation in the Chinese form (《中华人民共和国行政处罚法》第四十四条). The rule ID stays for machines and is
// shown only as a detail. Citations are structured (law, article, paragraph) plus the finished Chinese string.
import type { CaseAction } from './case-states.ts';
import type { BlockReason } from './case.errors.ts';

export type StatuteCitation = {
  /** Full title of the law without book-title marks, e.g. 中华人民共和国行政处罚法. */
  law: string;
  article: number;
  paragraph?: number;
  item?: number;
  /** The citation as a Chinese reader expects it: 《中华人民共和国行政处罚法》第四十四条. */
  zh: string;
};

export type RuleSentence = { zh: string; en: string; citation: StatuteCitation | null };

const CHUFA = '中华人民共和国行政处罚法';
const QIANGZHI = '中华人民共和国行政强制法';
const FUYI = '中华人民共和国行政复议法';
const MINSU = '中华人民共和国民事诉讼法';
const HU_TIAOLI = '上海市城市管理行政执法条例';

function cite(law: string, article: number, articleZh: string, paragraph?: { n: number; zh: string }): StatuteCitation {
  const base = { law, article, zh: `《${law}》第${articleZh}条${paragraph ? `第${paragraph.zh}款` : ''}` };
  return paragraph ? { ...base, paragraph: paragraph.n } : base;
}

function s(zh: string, en: string, citation: StatuteCitation | null): RuleSentence {
  return { zh, en, citation };
}

/**
 * Every rule ID that can block a case action (LEGAL-RULES.md §10, the machine rules STATE / ROLE / INPUT / CHRONOLOGY
 * and the platform's PERMISSION), with the sentence the console shows under 「还需完成」.
 */
export const RULE_SENTENCES = {
  A1: s(
    '须由两名以上持有效执法证件的执法人员实施',
    'Two or more officers holding valid enforcement credentials must take part',
    cite(CHUFA, 42, '四十二'),
  ),
  A2: s('笔录须记载已向当事人出示执法证件', 'The record must state that the credentials were shown', cite(CHUFA, 55, '五十五')),
  A3: s(
    '笔录须由执法人员和当事人签名；当事人拒绝签名或不在场的，须由见证人签名或注明情况',
    'The record must be signed by the officers and the party, or by a witness or with a note when the party refused or was absent',
    cite(HU_TIAOLI, 19, '十九'),
  ),
  A4: s('证据须属于法定的证据种类', 'Evidence must be of a statutory type', cite(CHUFA, 46, '四十六')),
  A5: s(
    '电子技术监控设备取得的证据，设备须经法制和技术审核、设置地点已公布，且证据经审核真实、清晰、完整、准确',
    'Evidence from a monitoring device needs the device reviewed and published and the item checked',
    cite(CHUFA, 41, '四十一'),
  ),
  A6: s(
    '已进行的各办案环节须有相应的证据或记录',
    'Each stage the case went through needs its evidence or record',
    cite(CHUFA, 47, '四十七'),
  ),
  A8: s(
    '与案件有利害关系或回避申请已获批准的执法人员不得承办本案',
    'An officer with a conflict or a granted recusal may not handle the case',
    cite(CHUFA, 43, '四十三'),
  ),
  B1: s(
    '适用简易程序须违法事实确凿、有法定依据，且只处警告或小额罚款（公民二百元以下、法人或者其他组织三千元以下）',
    'The summary procedure needs certain facts, a legal basis and only a warning or a small fine (≤ 200 yuan for a person, ≤ 3,000 yuan for an organisation)',
    cite(CHUFA, 51, '五十一'),
  ),
  B2: s(
    '当场处罚决定书须载明法定事项，由执法人员签名或者盖章，并报所属行政机关备案',
    'The on-the-spot decision must hold the statutory items, be signed and be filed with the agency',
    cite(CHUFA, 52, '五十二'),
  ),
  B3: s(
    '当场处罚决定书须告知当事人申请行政复议的途径和期限',
    'The on-the-spot decision must state the route and period of administrative review',
    cite(FUYI, 23, '二十三'),
  ),
  B4: s(
    '当场收缴罚款须符合法定情形、出具专用票据，并按期交至行政机关和缴存银行',
    'On-the-spot collection needs a statutory ground, an official receipt and timely hand-in and deposit',
    cite(CHUFA, 68, '六十八'),
  ),
  C1: s('须先立案，方可作出处罚决定', 'The case must be filed before a decision', cite(CHUFA, 54, '五十四')),
  C2: s(
    '须在发现违法行为后规定的期限内立案',
    'The case must be filed within the configured period after discovery',
    cite(CHUFA, 54, '五十四', { n: 2, zh: '二' }),
  ),
  C3: s(
    '先行登记保存须经行政机关负责人批准，并在七日内作出处理决定',
    'Preservation needs the head’s approval and a disposal decision within seven days',
    cite(CHUFA, 56, '五十六'),
  ),
  C4: s(
    '违法行为须在法定追责期限内被发现（一般为二年）',
    'The act must be discovered within the limitation period (generally two years)',
    cite(CHUFA, 36, '三十六'),
  ),
  C5: s('移送须载明接收机关、理由和依据', 'A transfer names the receiving body, the reason and the legal basis', cite(CHUFA, 27, '二十七')),
  CHRONOLOGY: s(
    '各环节的日期须符合办案顺序，且不得晚于今天',
    'Dates must follow the order of the procedure and not lie in the future',
    cite(CHUFA, 47, '四十七'),
  ),
  D1: s(
    '须先送达事先告知书，载明拟作出的处罚内容、事实、理由、依据以及陈述申辩（和听证）权利',
    'A prior notice with the proposed penalty, facts, reasons, legal basis and the rights to state a defence (and a hearing) must be served first',
    cite(CHUFA, 44, '四十四'),
  ),
  D2: s(
    '须等待当事人陈述申辩期限届满，或当事人明确放弃陈述申辩',
    'The party’s statement period must have run, or the party must have waived it',
    cite(CHUFA, 62, '六十二'),
  ),
  D3: s(
    '当事人提出陈述申辩的，须先复核；不得因陈述申辩而加重处罚',
    'A statement must be reviewed first; the penalty may not be raised because of it',
    cite(CHUFA, 45, '四十五'),
  ),
  D4: s(
    '拟作出较大数额罚款等处罚的，须告知当事人有要求听证的权利',
    'For a large fine or other serious penalty the party must be told of the right to a hearing',
    cite(CHUFA, 63, '六十三'),
  ),
  D5: s(
    '当事人须在被告知后五个工作日内提出听证申请',
    'A hearing must be requested within five working days of the notice',
    cite(CHUFA, 64, '六十四'),
  ),
  D6: s(
    '须在举行听证的七个工作日前通知当事人，并依法组织听证',
    'The party must be notified seven working days before the hearing, and the hearing held as the law says',
    cite(CHUFA, 64, '六十四'),
  ),
  D7: s('举行听证的，须根据听证笔录作出决定', 'After a hearing the decision must rest on the hearing record', cite(CHUFA, 65, '六十五')),
  DEADLINE: s('期间须为非负整数', 'A period must be a non-negative whole number', cite(CHUFA, 85, '八十五')),
  DISCRETION: s('罚款数额须在裁量基准对应的档次内', 'The fine must lie within the discretion standard’s tier', cite(CHUFA, 34, '三十四')),
  ART34: s('罚款数额须在裁量基准的范围内', 'The fine must lie within the discretion standard', cite(CHUFA, 34, '三十四')),
  ART37: s(
    '须适用违法行为发生时的规定（新规定处罚较轻的适用新规定）',
    'The rules in force at the time of the act apply, or the later ones where lighter',
    cite(CHUFA, 37, '三十七'),
  ),
  LEGALITY: s(
    '处罚种类和罚款数额须在法律规定的范围内',
    'The penalty types and the fine must lie within what the norm provides',
    cite(CHUFA, 38, '三十八'),
  ),
  E1: s('须经法制审核并通过', 'The legal review must be held and passed', cite(CHUFA, 58, '五十八')),
  E2: s(
    '情节复杂或者重大违法行为的案件，须经行政机关负责人集体讨论',
    'A complex or major case must be deliberated by the agency heads',
    cite(CHUFA, 57, '五十七', { n: 2, zh: '二' }),
  ),
  E3: s(
    '处理决定须属于法定种类，给予处罚的须载明处罚种类',
    'The outcome must be one the law provides; a penalty decision names its penalties',
    cite(CHUFA, 57, '五十七'),
  ),
  E4: s(
    '须在立案之日起九十日内作出决定；延长须有法律依据并经批准',
    'The decision is due within ninety days of filing; an extension needs a legal basis',
    cite(CHUFA, 60, '六十'),
  ),
  E5: s('处罚决定书须载明法定事项', 'The decision must hold the statutory items', cite(CHUFA, 59, '五十九')),
  E6: s('对同一个违法行为不得给予两次以上罚款', 'No second fine for the same act', cite(CHUFA, 29, '二十九')),
  E7: s(
    '依法不予处罚的情形，不得给予处罚，并须进行教育',
    'Where the law rules out a penalty, none may be imposed and the party is educated',
    cite(CHUFA, 33, '三十三'),
  ),
  E8: s(
    '符合首违不罚条件仍予处罚的，须说明理由',
    'A penalty despite the first-violation exemption needs a reason',
    cite(CHUFA, 33, '三十三'),
  ),
  E10: s(
    '须先责令改正，当事人拒不改正的方可处罚',
    'Correction must be ordered first; a penalty only after a refusal to correct',
    cite(HU_TIAOLI, 18, '十八'),
  ),
  E12: s(
    '案由的违则或罚则在法制库中未核实，须由法制审核人员就本案确认条文后方可作出处罚决定',
    'The offence’s provisions are not verified in the library: a legal reviewer must confirm the article for this case before the decision',
    cite(CHUFA, 38, '三十八'),
  ),
  F1: s(
    '决定书须在宣告后当场交付；当事人不在场的，须在七日内依法送达',
    'The decision is handed over on announcement, or served within seven days',
    cite(CHUFA, 61, '六十一'),
  ),
  F2: s('电子送达须有当事人签署的电子送达确认书', 'Electronic service needs the party’s signed consent', cite(CHUFA, 61, '六十一')),
  F3: s(
    '送达回证须记载收件日期并由受送达人签名；留置送达须有见证人签名或拍照录像',
    'The proof of service records the date and signature; service by leaving needs a witness or a recording',
    cite(MINSU, 87, '八十七'),
  ),
  F4: s(
    '公告送达须在受送达人下落不明或其他方式无法送达时使用，自公告之日起经过六十日视为送达',
    'Service by public notice only when the party cannot be reached; it counts as served sixty days after publication',
    cite(HU_TIAOLI, 25, '二十五'),
  ),
  G1: s(
    '当事人须自收到决定书之日起十五日内缴纳罚款（批准暂缓或分期的除外）',
    'The fine is due within fifteen days of receiving the decision, unless deferral or instalments were approved',
    cite(CHUFA, 67, '六十七'),
  ),
  G2: s(
    '逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，复议或诉讼期间不计',
    'A late fine accrues 3% a day, not during a pending review or lawsuit',
    cite(CHUFA, 72, '七十二'),
  ),
  G3: s(
    '申请人民法院强制执行须复议、诉讼期限届满，并经催告满十个工作日仍未履行',
    'Court enforcement needs the review and litigation periods to have run and ten working days after a reminder',
    cite(QIANGZHI, 53, '五十三'),
  ),
  G5: s(
    '除情况紧急外，不得在夜间或者法定节假日实施行政强制执行',
    'No enforcement at night or on statutory holidays unless urgent',
    cite(QIANGZHI, 43, '四十三'),
  ),
  H3: s(
    '查封、扣押的期限不得超过三十日，延长须经批准',
    'Sealing or seizure lasts at most thirty days unless an extension is approved',
    cite(QIANGZHI, 25, '二十五'),
  ),
  I1: s('须在作出决定之日起七个工作日内公示', 'The decision is published within seven working days', cite(CHUFA, 48, '四十八')),
  I2: s(
    '公示的决定被变更、撤销的，须在三个工作日内撤下并说明理由',
    'A changed or revoked decision is withdrawn within three working days with the reason',
    cite(CHUFA, 48, '四十八'),
  ),
  I4: s('须在收到举报之日起五个工作日内答复举报人', 'The reporter is answered within five working days', cite(HU_TIAOLI, 26, '二十六')),
  I5: s('须在收到协助通知书之日起十日内答复', 'An assistance request is answered within ten days', cite(HU_TIAOLI, 29, '二十九')),
  I6: s('须在规定时限内办理热线工单', 'The hotline ticket is handled within its time limit', null),
  JO1: s('联合工单须在规定时限内签收', 'A joint work order is accepted within its time limit', null),
  J1: s(
    '决定书须告知申请行政复议或者提起行政诉讼的途径和期限',
    'The decision must state the routes and periods of review and litigation',
    cite(CHUFA, 59, '五十九'),
  ),
  J2: s(
    '决定书未告知救济途径的，当事人的复议、诉讼期限最长可延至一年',
    'Without the remedy notice the party’s review or litigation period may run to one year',
    cite(FUYI, 20, '二十', { n: 3, zh: '三' }),
  ),
  W1: s(
    '建筑垃圾处置核准须载明产生工地、消纳场所、运输单位、车辆、运输路线和有效期',
    'A construction-waste permit names the site, the disposal site, the carrier, the vehicles, the route and its period',
    null,
  ),
  T1: s(
    '执法证延期换证须完成当年（或上一年）规定的培训学时和学分',
    'A law-enforcement card is renewed only after the year’s required training hours and credits',
    null,
  ),
  INPUT: s('须填写有效的日期和数值', 'Enter valid dates and numbers', null),
  STATE: s('案件当前所处环节不能办理此项', 'Not possible at the case’s current stage', null),
  ROLE: s('须由有相应职责的人员办理', 'To be taken by someone whose role includes it', null),
  PERMISSION: s('须由有相应权限的人员办理', 'To be taken by someone with the permission', null),
} as const satisfies Record<string, RuleSentence>;

export type BlockingRuleId = keyof typeof RULE_SENTENCES;

const FALLBACK: RuleSentence = { zh: '尚有法定条件未满足', en: 'A legal condition is not yet met', citation: null };

export function hasRuleSentence(ruleId: string): ruleId is BlockingRuleId {
  return Object.hasOwn(RULE_SENTENCES, ruleId);
}

/** The sentence of a rule ID (a generic one for an ID the table does not know, which a test prevents). */
export function ruleSentence(ruleId: string): RuleSentence {
  return hasRuleSentence(ruleId) ? RULE_SENTENCES[ruleId] : FALLBACK;
}

/** Reasons that say who may act, not what the case lacks: the console folds those actions away instead. */
const NOT_A_NEED = new Set<string>(['STATE', 'ROLE', 'PERMISSION']);

export type StillNeeded = {
  ruleId: string;
  sentenceZh: string;
  sentenceEn: string;
  citation: StatuteCitation | null;
  /** The actions this need blocks now. */
  actions: { action: CaseAction; labelZh: string }[];
  /** The guards' own words on this case (dates, amounts), zh and en. */
  detailsZh: string[];
  detailsEn: string[];
};

type Availability = {
  action: CaseAction;
  labelZh: string;
  availableInState: boolean;
  allowed: boolean;
  blockedBy: readonly BlockReason[];
};

/**
 * 「还需完成」: the reasons blocking the actions the case's state offers, grouped by rule (first seen first), each with
 * its sentence and citation. Who may act (ROLE, PERMISSION) and state mismatches are not needs of the case.
 */
export function stillNeeded(actions: readonly Availability[]): StillNeeded[] {
  const byRule = new Map<string, StillNeeded>();
  for (const a of actions) {
    if (!a.availableInState || a.allowed) continue;
    for (const r of a.blockedBy) {
      if (NOT_A_NEED.has(r.ruleId)) continue;
      let need = byRule.get(r.ruleId);
      if (!need) {
        const sentence = ruleSentence(r.ruleId);
        need = {
          ruleId: r.ruleId,
          sentenceZh: sentence.zh,
          sentenceEn: sentence.en,
          citation: sentence.citation,
          actions: [],
          detailsZh: [],
          detailsEn: [],
        };
        byRule.set(r.ruleId, need);
      }
      if (!need.actions.some((x) => x.action === a.action)) need.actions.push({ action: a.action, labelZh: a.labelZh });
      if (r.messageZh && !need.detailsZh.includes(r.messageZh)) need.detailsZh.push(r.messageZh);
      if (r.messageEn && !need.detailsEn.includes(r.messageEn)) need.detailsEn.push(r.messageEn);
    }
  }
  return [...byRule.values()];
}
