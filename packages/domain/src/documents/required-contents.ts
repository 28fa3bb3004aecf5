// What each document must contain by statute (B2, D1, D4, D6, E5, G2, G3, J1, B3, B4), checked on the data a
// document is filled from (an issue lacking an item is refused) and on templates (a template that leaves out a
// statutory item cannot be saved).
import type { DocumentKind, DocumentTemplateBody } from '@chengguan/contracts';
import type { DocumentData } from './document-data.ts';
import { isTruthy, templatePaths } from './template.ts';

export type RequiredItem = {
  /** Data path that must be filled (and that the template must use). */
  path: string;
  ruleId: string;
  article: string;
  textZh: string;
  textEn: string;
  /** Only required when this holds for the data (a fine, a hearing right …). */
  when?: (d: DocumentData) => boolean;
  /** A check of the content beyond "not empty". */
  check?: (value: unknown, d: DocumentData) => boolean;
};

export type MissingContent = Omit<RequiredItem, 'when' | 'check'>;

const hasFine = (d: DocumentData) => d.penalty.hasFine;

const A5_41 = (path: string, zh: string, en: string): RequiredItem => ({
  path,
  ruleId: 'A5',
  article: '行政处罚法 Art. 41',
  textZh: `非现场执法告知书应当载明${zh}`,
  textEn: `An off-site enforcement notice must state ${en}`,
});

// B2 — 处罚法 Art. 52: 「…填写预定格式、编有号码的行政处罚决定书…应当载明当事人的违法行为，行政处罚的种类和依据、
// 罚款数额、时间、地点，申请行政复议、提起行政诉讼的途径和期限以及行政机关名称，并由执法人员签名或者盖章。」
const B2 = (path: string, zh: string, en: string, extra: Partial<RequiredItem> = {}): RequiredItem => ({
  path,
  ruleId: 'B2',
  article: '行政处罚法 Art. 52',
  textZh: `当场处罚决定书应当载明${zh}`,
  textEn: `An on-the-spot decision must state ${en}`,
  ...extra,
});

// E5 — 处罚法 Art. 59: 「（一）当事人的姓名或者名称、地址；（二）违反法律、法规、规章的事实和证据；（三）行政处罚的
// 种类和依据；（四）行政处罚的履行方式和期限；（五）申请行政复议、提起行政诉讼的途径和期限；（六）作出行政处罚决定的
// 行政机关名称和作出决定的日期。行政处罚决定书必须盖有作出行政处罚决定的行政机关的印章。」
const E5 = (path: string, zh: string, en: string, extra: Partial<RequiredItem> = {}): RequiredItem => ({
  path,
  ruleId: 'E5',
  article: '行政处罚法 Art. 59',
  textZh: `行政处罚决定书应当载明${zh}`,
  textEn: `A penalty decision must state ${en}`,
  ...extra,
});

// C5 / 5.1.13 — 处罚法 Arts. 22, 27; 沪条例 Art. 28: a 移送函 names the receiving body, the reason and the basis, with
// the facts (the evidence list goes with it, 「无」 when the case holds none yet).
const C5 = (path: string, zh: string, en: string): RequiredItem => ({
  path,
  ruleId: 'C5',
  article: '行政处罚法 Art. 22, Art. 27; 沪条例 Art. 28',
  textZh: `移送函应当载明${zh}`,
  textEn: `A transfer letter must state ${en}`,
});

/**
 * J1 — 复议法 Arts. 20, 24; 行政诉讼法 Art. 46: review within 60 days to the same-level people's government, or a
 * lawsuit within 6 months. B3 (复议法 Art. 23): an on-the-spot decision says review comes first.
 */
const J1: RequiredItem = {
  path: 'remedy.text',
  ruleId: 'J1',
  article: '行政复议法 Art. 20, Art. 24; 行政诉讼法 Art. 46',
  textZh: '决定书应当告知向同级人民政府申请行政复议（六十日）或者提起行政诉讼（六个月）',
  textEn: 'The decision must name the same-level people’s government for review (60 days) and a lawsuit within 6 months',
  check: (v, d) =>
    typeof v === 'string' &&
    v.includes(d.remedy.reviewBody) &&
    /人民政府/.test(d.remedy.reviewBody) &&
    v.includes('六十日') &&
    v.includes('六个月'),
};

const B3: RequiredItem = {
  path: 'remedy.text',
  ruleId: 'B3',
  article: '行政复议法 Art. 23',
  textZh: '当场处罚决定书应当告知先申请行政复议',
  textEn: 'An on-the-spot decision must state that review comes first',
  check: (v) => typeof v === 'string' && v.includes('先') && v.includes('行政复议'),
};

// G2 — 行政强制法 Art. 45: 「加处罚款或者滞纳金的标准应当告知当事人」; 处罚法 Art. 72: 每日按罚款数额的百分之三.
const G2: RequiredItem = {
  path: 'payment.surchargeText',
  ruleId: 'G2',
  article: '行政强制法 Art. 45; 行政处罚法 Art. 72',
  textZh: '决定书应当告知加处罚款的标准（每日按罚款数额的百分之三）',
  textEn: 'The decision must state the surcharge standard (3% of the fine a day)',
  when: hasFine,
  check: (v) => typeof v === 'string' && v.includes('百分之三'),
};

// G3 — 行政强制法 Art. 35: 「催告应当以书面形式作出，并载明下列事项：（一）履行义务的期限；（二）履行义务的方式；
// （三）涉及金钱给付的，应当有明确的金额和给付方式；（四）当事人依法享有的陈述权和申辩权。」
const G3_35 = (path: string, zh: string, en: string): RequiredItem => ({
  path,
  ruleId: 'G3',
  article: '行政强制法 Art. 35',
  textZh: `催告书应当载明${zh}`,
  textEn: `A payment reminder must state ${en}`,
});

// G3 — 行政强制法 Art. 55: 「（一）强制执行申请书；（二）行政决定书及作出决定的事实、理由和依据；（三）当事人的意见及
// 行政机关催告情况；（四）申请强制执行标的情况；（五）法律、行政法规规定的其他材料。」
const G3_55 = (path: string, zh: string, en: string): RequiredItem => ({
  path,
  ruleId: 'G3',
  article: '行政强制法 Art. 55',
  textZh: `强制执行申请应当提供${zh}`,
  textEn: `A court enforcement application must include ${en}`,
});

// D1 — 处罚法 Arts. 44, 62; D4 — Art. 63 (hearing right when the penalty is heavy enough).
const D1 = (path: string, zh: string, en: string): RequiredItem => ({
  path,
  ruleId: 'D1',
  article: '行政处罚法 Art. 44, Art. 62',
  textZh: `事先告知书应当载明${zh}`,
  textEn: `A prior notice must state ${en}`,
});

export const REQUIRED_CONTENTS: Partial<Record<DocumentKind, readonly RequiredItem[]>> = {
  summary_decision: [
    B2('summary.serialNumber', '预定格式的编号', 'the pre-printed serial number'),
    B2('case.facts', '当事人的违法行为', 'the illegal act'),
    B2('penalty.typesZh', '行政处罚的种类', 'the penalty type'),
    B2('offence.basis', '行政处罚的依据', 'the legal basis'),
    B2('penalty.fineYuan', '罚款数额', 'the fine amount', { when: hasFine }),
    B2('summary.time', '时间', 'the time'),
    B2('case.location', '地点', 'the place'),
    B2('agency.name', '行政机关名称', 'the agency name'),
    B2('officerNames', '执法人员签名或者盖章', 'the officers’ signatures'),
    B3,
  ],
  decision: [
    E5('party.name', '当事人的姓名或者名称', 'the party’s name'),
    E5('party.address', '当事人的地址', 'the party’s address'),
    E5('case.facts', '违法事实', 'the facts'),
    E5('evidence', '证据', 'the evidence'),
    E5('penalty.text', '行政处罚的种类', 'the penalty'),
    E5('offence.basis', '行政处罚的依据', 'the legal basis'),
    E5('payment.method', '履行方式', 'how to pay', { when: hasFine }),
    E5('payment.deadlineText', '履行期限', 'the payment deadline', { when: hasFine }),
    E5('agency.name', '行政机关名称', 'the agency name'),
    E5('doc.issuedOnZh', '作出决定的日期', 'the decision date'),
    {
      path: 'correction.text',
      ruleId: 'E5',
      article: '行政处罚法 Art. 28',
      textZh: '实施行政处罚时应当责令当事人改正或者限期改正违法行为',
      textEn: 'A penalty must order the party to correct the violation',
    },
    G2,
    J1,
  ],
  // 处罚法 Arts. 22, 27; 沪条例 Art. 28: a transfer names the receiver, the reason, the basis; the facts and the evidence
  // go with it.
  transfer_letter: [
    C5('transfer.receivingBody', '接收机关', 'the receiving body'),
    C5('transfer.reason', '移送理由', 'the reason'),
    C5('transfer.legalBasis', '移送依据', 'the legal basis'),
    C5('case.facts', '违法事实', 'the facts'),
  ],
  no_penalty_decision: [
    E5('party.name', '当事人的姓名或者名称', 'the party’s name'),
    E5('case.facts', '违法事实', 'the facts'),
    E5('agency.name', '行政机关名称', 'the agency name'),
    J1,
  ],
  prior_notice: [
    D1('priorNotice.proposedText', '拟作出的行政处罚内容', 'the proposed penalty'),
    D1('case.facts', '事实', 'the facts'),
    D1('offence.basis', '理由及依据', 'the reasons and legal basis'),
    D1('priorNotice.statementPeriod', '陈述、申辩的权利和期限', 'the right to state and defend, with its period'),
    {
      path: 'priorNotice.hearingText',
      ruleId: 'D4',
      article: '行政处罚法 Art. 63',
      textZh: '拟作出较大数额罚款等处罚的，应当告知当事人有要求听证的权利',
      textEn: 'The notice must state the right to a hearing',
      when: (d) => d.priorNotice.hearingApplies,
    },
  ],
  hearing_notice: [
    {
      path: 'hearing.dateZh',
      ruleId: 'D6',
      article: '行政处罚法 Art. 64(2)',
      textZh: '听证通知书应当载明听证的时间',
      textEn: 'A hearing notice must state the time',
    },
    {
      path: 'hearing.place',
      ruleId: 'D6',
      article: '行政处罚法 Art. 64(2)',
      textZh: '听证通知书应当载明听证的地点',
      textEn: 'A hearing notice must state the place',
    },
  ],
  payment_reminder: [
    G3_35('reminder.performBy', '履行义务的期限', 'the deadline'),
    G3_35('reminder.method', '履行义务的方式', 'how to perform'),
    G3_35('reminder.totalText', '明确的金额', 'the amount'),
    G3_35('payment.method', '给付方式', 'the payment method'),
    G3_35('reminder.statementRights', '当事人依法享有的陈述权和申辩权', 'the right to state and defend'),
  ],
  court_application: [
    G3_55('decision.number', '行政决定书', 'the decision'),
    G3_55('case.facts', '作出决定的事实', 'the facts of the decision'),
    G3_55('offence.basis', '作出决定的理由和依据', 'the reasons and legal basis'),
    G3_55('court.partyOpinion', '当事人的意见', 'the party’s opinion'),
    G3_55('reminder.servedOnZh', '行政机关催告情况', 'the reminder served'),
    G3_55('court.subject', '申请强制执行标的情况', 'what is to be enforced'),
    G3_55('court.materials', '其他材料清单', 'the list of other materials'),
  ],
  // A5 — 处罚法 Art. 41(3): 「行政机关应当及时告知当事人违法事实，并采取信息化手段或者其他措施，为当事人查询、陈述和
  // 申辩提供便利。」
  offsite_notice: [
    A5_41('party.name', '当事人', 'the party'),
    A5_41('case.actDateZh', '违法行为的时间', 'when the act was recorded'),
    A5_41('case.location', '违法行为的地点', 'where the act was recorded'),
    A5_41('case.facts', '设备记录的违法事实', 'the facts the device recorded'),
    A5_41('extra.offsite.devices', '记录违法事实的设备', 'the recording device'),
    A5_41('extra.offsite.access', '查询证据、陈述和申辩的途径', 'how to see the evidence and state his case'),
  ],
  cash_receipt: [
    {
      path: 'receipt.number',
      ruleId: 'B4',
      article: '行政处罚法 Art. 70',
      textZh: '当场收缴罚款应当出具专用票据',
      textEn: 'On-the-spot collection needs the official receipt number',
    },
  ],
};

function valueAt(data: DocumentData, path: string): unknown {
  let v: unknown = data;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function strip(item: RequiredItem): MissingContent {
  const { when: _w, check: _c, ...rest } = item;
  return rest;
}

/** The statutory items the data of a document lacks (empty when it may be issued). */
export function requiredContents(kind: DocumentKind, data: DocumentData): MissingContent[] {
  const missing: MissingContent[] = [];
  for (const item of REQUIRED_CONTENTS[kind] ?? []) {
    if (item.when && !item.when(data)) continue;
    const v = valueAt(data, item.path);
    const ok = typeof v === 'string' ? v.trim() !== '' : isTruthy(v);
    if (!ok || (item.check && !item.check(v, data))) missing.push(strip(item));
  }
  return missing;
}

/** Kinds whose template must print the agency seal (E5: 「必须盖有…行政机关的印章」; 强制法 Art. 55). */
const SEAL_REQUIRED: ReadonlySet<DocumentKind> = new Set([
  'decision',
  'no_penalty_decision',
  'court_application',
  'payment_reminder',
  'offsite_notice',
]);

/** The statutory items a template leaves out: each required path must appear in it; some kinds need the seal. */
export function missingTemplateContents(kind: DocumentKind, body: DocumentTemplateBody): MissingContent[] {
  const used = templatePaths(body);
  const seen = new Set<string>();
  const missing: MissingContent[] = [];
  for (const item of REQUIRED_CONTENTS[kind] ?? []) {
    const key = `${item.path}|${item.ruleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!used.has(item.path)) missing.push(strip(item));
  }
  if (SEAL_REQUIRED.has(kind) && !body.blocks.some((b) => b.type === 'signature' && b.seal)) {
    missing.push({
      path: 'signature.seal',
      ruleId: kind === 'court_application' ? 'G3' : 'E5',
      article: kind === 'court_application' ? '行政强制法 Art. 55' : '行政处罚法 Art. 59',
      textZh: '文书必须加盖行政机关印章（落款块须设置 seal: true）',
      textEn: 'The document must carry the agency seal (a signature block with seal: true)',
    });
  }
  return missing;
}

/** The reference list of required items of a kind (for the template editor). */
export function requiredItemsOf(kind: DocumentKind): MissingContent[] {
  const seen = new Set<string>();
  return (REQUIRED_CONTENTS[kind] ?? []).map(strip).filter((i) => {
    const key = `${i.path}|${i.ruleId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
