// The data a document template is filled from. The server assembles it from the case (and the caller's `extra`);
// templates may only refer to the paths listed in DOCUMENT_FIELDS (or to anything under `extra.`).

export type FieldType = 'text' | 'flag' | 'list' | 'object';
export type FieldSpec = { label: string; type: FieldType };

type Row = Record<string, string>;

export type DocumentData = {
  agency: { name: string; address: string; phone: string; reviewBody: string; court: string; leader: string };
  doc: { title: string; number: string; issuedOn: string; issuedOnZh: string };
  case: {
    number: string;
    procedureZh: string;
    sourceZh: string;
    squad: string;
    location: string;
    facts: string;
    actDateZh: string;
    discoveredOnZh: string;
    registeredOnZh: string;
    filedOnZh: string;
    concludedOnZh: string;
    stateZh: string;
  };
  party: {
    name: string;
    typeZh: string;
    isOrganisation: boolean;
    idTypeZh: string;
    idNumber: string;
    address: string;
    phone: string;
    legalRepresentative: string;
    genderZh: string;
    birthDateZh: string;
  };
  offence: { code: string; name: string; provision: string; penaltyProvision: string; basis: string };
  officers: Row[];
  officerNames: string;
  evidence: Row[];
  inspections: Row[];
  questionings: Row[];
  penalty: {
    text: string;
    typesZh: string;
    hasFine: boolean;
    fineYuan: string;
    fineWords: string;
    confiscationText: string;
    proposedText: string;
  };
  correction: { text: string };
  payment: { deadlineText: string; dueDateZh: string; method: string; surchargeText: string; code: string };
  remedy: { text: string; reviewBody: string; reviewPeriod: string; litigationPeriod: string; summary: boolean };
  priorNotice: {
    number: string;
    servedOnZh: string;
    proposedText: string;
    statementPeriod: string;
    hearingApplies: boolean;
    hearingText: string;
  };
  hearing: {
    requestedOnZh: string;
    dateZh: string;
    place: string;
    chair: string;
    heldOnZh: string;
    summary: string;
    terminatedOnZh: string;
  };
  review: { proposedOutcomeZh: string; reviewedOnZh: string };
  legalReview: { reviewedOnZh: string; resultZh: string; opinion: string };
  deliberation: { heldOnZh: string; conclusion: string };
  decision: { number: string; decidedOnZh: string; outcomeZh: string; reason: string; servedOnZh: string };
  summary: { serialNumber: string; time: string; receiptNumber: string; collectedOnZh: string; partySigned: boolean };
  preservation: { items: Row[]; preservedOnZh: string; place: string };
  service: {
    documentTitle: string;
    documentNumber: string;
    method: string;
    servedOnZh: string;
    recipient: string;
    place: string;
    note: string;
  };
  reminder: {
    fineText: string;
    surchargeText: string;
    totalText: string;
    totalWords: string;
    performBy: string;
    method: string;
    statementRights: string;
    servedOnZh: string;
  };
  court: { name: string; partyOpinion: string; subject: string; materials: Row[] };
  receipt: { number: string; amountText: string; amountWords: string; collectedOnZh: string };
  consent: { channel: string; address: string; signedOnZh: string };
  closing: { closedOnZh: string; execution: string; paidText: string };
  transfer: { receivingBody: string; reason: string; legalBasis: string; transferredOnZh: string; kindZh: string };
  verify: { url: string; code: string };
  extra: Record<string, unknown>;
};

const f = (label: string, type: FieldType = 'text'): FieldSpec => ({ label, type });

/** Every path a template may use, with the label shown in the placeholder reference of the console. */
export const DOCUMENT_FIELDS: Record<string, FieldSpec> = {
  agency: f('执法机关', 'object'),
  'agency.name': f('执法机关全称'),
  'agency.address': f('机关地址'),
  'agency.phone': f('联系电话'),
  'agency.reviewBody': f('复议机关（同级人民政府）'),
  'agency.court': f('管辖人民法院'),
  'agency.leader': f('机关负责人'),
  doc: f('本文书', 'object'),
  'doc.title': f('文书名称'),
  'doc.number': f('文号'),
  'doc.issuedOn': f('制作日期（YYYY-MM-DD）'),
  'doc.issuedOnZh': f('制作日期（中文）'),
  case: f('案件', 'object'),
  'case.number': f('案号（立案文号）'),
  'case.procedureZh': f('程序'),
  'case.sourceZh': f('案件来源'),
  'case.squad': f('承办中队'),
  'case.location': f('违法地点'),
  'case.facts': f('违法事实'),
  'case.actDateZh': f('违法行为日期'),
  'case.discoveredOnZh': f('发现日期'),
  'case.registeredOnZh': f('登记日期'),
  'case.filedOnZh': f('立案日期'),
  'case.concludedOnZh': f('调查终结日期'),
  'case.stateZh': f('案件状态'),
  party: f('当事人', 'object'),
  'party.name': f('当事人姓名或名称'),
  'party.typeZh': f('当事人类型'),
  'party.isOrganisation': f('当事人为单位', 'flag'),
  'party.idTypeZh': f('证件类型'),
  'party.idNumber': f('证件号码'),
  'party.address': f('住址或住所'),
  'party.phone': f('联系电话'),
  'party.legalRepresentative': f('法定代表人（负责人）'),
  'party.genderZh': f('性别'),
  'party.birthDateZh': f('出生日期'),
  offence: f('案由', 'object'),
  'offence.code': f('案由编码'),
  'offence.name': f('案由名称'),
  'offence.provision': f('违则（违反的规定）'),
  'offence.penaltyProvision': f('罚则（处罚依据）'),
  'offence.basis': f('违则与罚则'),
  officers: f('承办人员', 'list'),
  'officers[].name': f('执法人员姓名'),
  'officers[].credentialNumber': f('执法证号'),
  officerNames: f('执法人员（姓名、证号）'),
  evidence: f('证据', 'list'),
  'evidence[].no': f('序号'),
  'evidence[].typeZh': f('证据种类'),
  'evidence[].title': f('证据名称'),
  'evidence[].collectedOnZh': f('取证日期'),
  inspections: f('现场检查笔录', 'list'),
  'inspections[].recordedOnZh': f('检查日期'),
  'inspections[].location': f('检查地点'),
  'inspections[].officers': f('检查人员'),
  'inspections[].content': f('检查情况'),
  'inspections[].signatures': f('签名情况'),
  questionings: f('询问笔录', 'list'),
  'questionings[].recordedOnZh': f('询问日期'),
  'questionings[].location': f('询问地点'),
  'questionings[].interviewee': f('被询问人'),
  'questionings[].officers': f('询问人员'),
  'questionings[].content': f('询问内容'),
  'questionings[].signatures': f('签名情况'),
  penalty: f('处罚', 'object'),
  'penalty.text': f('处罚内容'),
  'penalty.typesZh': f('处罚种类'),
  'penalty.hasFine': f('含罚款', 'flag'),
  'penalty.fineYuan': f('罚款金额（元）'),
  'penalty.fineWords': f('罚款金额（大写）'),
  'penalty.confiscationText': f('没收内容'),
  'penalty.proposedText': f('拟处罚内容（案件审核）'),
  correction: f('责令改正', 'object'),
  'correction.text': f('责令改正内容'),
  payment: f('缴款', 'object'),
  'payment.deadlineText': f('缴款期限'),
  'payment.dueDateZh': f('缴款截止日'),
  'payment.method': f('缴款方式'),
  'payment.surchargeText': f('加处罚款标准'),
  'payment.code': f('缴款码'),
  remedy: f('救济告知', 'object'),
  'remedy.text': f('复议、诉讼告知'),
  'remedy.reviewBody': f('复议机关'),
  'remedy.reviewPeriod': f('复议期限'),
  'remedy.litigationPeriod': f('诉讼期限'),
  'remedy.summary': f('当场处罚（先复议）', 'flag'),
  priorNotice: f('事先告知', 'object'),
  'priorNotice.number': f('告知书文号'),
  'priorNotice.servedOnZh': f('告知书送达日期'),
  'priorNotice.proposedText': f('拟处罚内容'),
  'priorNotice.statementPeriod': f('陈述申辩期限'),
  'priorNotice.hearingApplies': f('有听证权利', 'flag'),
  'priorNotice.hearingText': f('听证告知段落'),
  hearing: f('听证', 'object'),
  'hearing.requestedOnZh': f('申请听证日期'),
  'hearing.dateZh': f('听证日期'),
  'hearing.place': f('听证地点'),
  'hearing.chair': f('听证主持人'),
  'hearing.heldOnZh': f('举行听证日期'),
  'hearing.summary': f('听证情况'),
  'hearing.terminatedOnZh': f('听证终止日期'),
  review: f('案件审核', 'object'),
  'review.proposedOutcomeZh': f('拟处理意见'),
  'review.reviewedOnZh': f('审核日期'),
  legalReview: f('法制审核', 'object'),
  'legalReview.reviewedOnZh': f('法制审核日期'),
  'legalReview.resultZh': f('审核结论'),
  'legalReview.opinion': f('审核意见'),
  deliberation: f('集体讨论', 'object'),
  'deliberation.heldOnZh': f('讨论日期'),
  'deliberation.conclusion': f('讨论结论'),
  decision: f('处罚决定', 'object'),
  'decision.number': f('决定书文号'),
  'decision.decidedOnZh': f('决定日期'),
  'decision.outcomeZh': f('决定结果'),
  'decision.reason': f('不予处罚理由'),
  'decision.servedOnZh': f('决定书送达日期'),
  summary: f('当场处罚', 'object'),
  'summary.serialNumber': f('当场处罚决定书编号'),
  'summary.time': f('处罚时间'),
  'summary.receiptNumber': f('专用票据号码'),
  'summary.collectedOnZh': f('当场收缴日期'),
  'summary.partySigned': f('当事人已签收', 'flag'),
  preservation: f('先行登记保存', 'object'),
  'preservation.items': f('保存物品', 'list'),
  'preservation.items[].name': f('物品名称'),
  'preservation.items[].quantity': f('数量'),
  'preservation.items[].note': f('备注'),
  'preservation.preservedOnZh': f('保存日期'),
  'preservation.place': f('保存地点'),
  service: f('送达', 'object'),
  'service.documentTitle': f('送达文书名称'),
  'service.documentNumber': f('送达文书文号'),
  'service.method': f('送达方式'),
  'service.servedOnZh': f('送达日期'),
  'service.recipient': f('受送达人（签收人）'),
  'service.place': f('送达地点'),
  'service.note': f('送达情况说明'),
  reminder: f('催告', 'object'),
  'reminder.fineText': f('罚款金额'),
  'reminder.surchargeText': f('加处罚款金额'),
  'reminder.totalText': f('应缴合计'),
  'reminder.totalWords': f('应缴合计（大写）'),
  'reminder.performBy': f('履行期限'),
  'reminder.method': f('履行方式'),
  'reminder.statementRights': f('陈述申辩权利告知'),
  'reminder.servedOnZh': f('催告书送达日期'),
  court: f('强制执行申请', 'object'),
  'court.name': f('受理法院'),
  'court.partyOpinion': f('当事人意见'),
  'court.subject': f('申请执行标的'),
  'court.materials': f('附送材料', 'list'),
  'court.materials[].no': f('序号'),
  'court.materials[].title': f('材料名称'),
  receipt: f('罚没款收据', 'object'),
  'receipt.number': f('票据号码'),
  'receipt.amountText': f('收缴金额'),
  'receipt.amountWords': f('收缴金额（大写）'),
  'receipt.collectedOnZh': f('收缴日期'),
  consent: f('电子送达', 'object'),
  'consent.channel': f('电子送达方式'),
  'consent.address': f('电子送达地址'),
  'consent.signedOnZh': f('确认日期'),
  closing: f('结案', 'object'),
  'closing.closedOnZh': f('结案日期'),
  'closing.execution': f('执行情况'),
  'closing.paidText': f('已缴金额'),
  transfer: f('移送', 'object'),
  'transfer.receivingBody': f('接收机关'),
  'transfer.reason': f('移送理由'),
  'transfer.legalBasis': f('移送依据'),
  'transfer.transferredOnZh': f('移送日期'),
  'transfer.kindZh': f('移送类别'),
  verify: f('核验', 'object'),
  'verify.url': f('核验网址'),
  'verify.code': f('核验码'),
  extra: f('调用方附加数据（extra.*）', 'object'),
};

/** A known path, or anything below `extra.` (the caller's own data). */
export function isKnownPath(path: string): boolean {
  return path in DOCUMENT_FIELDS || path.startsWith('extra.');
}
