// The city default (built-in) template of each document kind, as data. The PDF renderer prints the agency
// name, the title and the 文号 above the blocks; administrators may save their own versions (city default or
// per-bureau override) without code changes. Wording follows the usual 城管 文书 forms (U: practice, not a
// published Shanghai form) and the statutory contents of REQUIRED_CONTENTS.
import type { DocumentKind, DocumentTemplateBody, TemplateBlock } from '@chengguan/contracts';
import { DOCUMENT_KIND_TITLES } from '@chengguan/contracts';

const p = (text: string, indent = true): TemplateBlock => ({ type: 'paragraph', text, indent });
const line = (text: string): TemplateBlock => ({ type: 'paragraph', text, indent: false });
const h = (text: string): TemplateBlock => ({ type: 'heading', text });
const note = (text: string): TemplateBlock => ({ type: 'note', text });
const seal = (date = '{{doc.issuedOnZh}}'): TemplateBlock => ({ type: 'signature', lines: ['{{agency.name}}'], date, seal: true });
const signs = (...labels: string[]): TemplateBlock => ({ type: 'signatures', labels });

const PARTY: TemplateBlock[] = [
  line('当事人：{{party.name}}'),
  line('{{#party.isOrganisation}}法定代表人（负责人）：{{party.legalRepresentative}}{{/party.isOrganisation}}'),
  line('{{party.idTypeZh}}：{{party.idNumber}}'),
  line('地址：{{party.address}}'),
];

const EVIDENCE_TABLE: TemplateBlock = {
  type: 'table',
  rows: 'evidence',
  columns: [
    { header: '序号', value: '{{no}}', width: 1 },
    { header: '证据种类', value: '{{typeZh}}', width: 2 },
    { header: '证据名称', value: '{{title}}', width: 4 },
    { header: '取证日期', value: '{{collectedOnZh}}', width: 2 },
  ],
  empty: '无',
};

const CASE_FIELDS = (extra: { label: string; value: string }[] = []): TemplateBlock => ({
  type: 'fields',
  columns: 2,
  rows: [
    { label: '案号', value: '{{case.number}}' },
    { label: '案由', value: '{{offence.name}}' },
    { label: '当事人', value: '{{party.name}}' },
    { label: '{{party.idTypeZh}}', value: '{{party.idNumber}}' },
    { label: '地址', value: '{{party.address}}' },
    { label: '联系电话', value: '{{party.phone}}' },
    { label: '违法地点', value: '{{case.location}}' },
    { label: '违法日期', value: '{{case.actDateZh}}' },
    ...extra,
  ],
});

const T = (kind: DocumentKind, blocks: TemplateBlock[]): DocumentTemplateBody => ({ title: DOCUMENT_KIND_TITLES[kind].zh, blocks });

export const DEFAULT_TEMPLATES: Record<DocumentKind, DocumentTemplateBody> = {
  filing_approval: T('filing_approval', [
    CASE_FIELDS([
      { label: '案件来源', value: '{{case.sourceZh}}' },
      { label: '发现日期', value: '{{case.discoveredOnZh}}' },
      { label: '承办中队', value: '{{case.squad}}' },
      { label: '承办人', value: '{{officerNames}}' },
    ]),
    h('案件基本情况'),
    p('{{case.facts}}'),
    h('涉嫌违反的规定'),
    p('{{offence.provision}}'),
    h('立案意见'),
    p(
      '经初步核查，当事人涉嫌{{offence.name}}，有证据初步证明存在违法事实，属于本机关管辖，依法应当给予行政处罚，根据《中华人民共和国行政处罚法》第五十四条的规定，建议立案调查。',
    ),
    signs('承办人', '中队负责人审核', '机关负责人审批'),
    note('立案日期：{{case.filedOnZh}}'),
  ]),
  inspection_record: T('inspection_record', [
    CASE_FIELDS(),
    {
      type: 'table',
      rows: 'inspections',
      columns: [
        { header: '检查时间', value: '{{recordedOnZh}}', width: 2 },
        { header: '检查地点', value: '{{location}}', width: 3 },
        { header: '检查人员', value: '{{officers}}', width: 3 },
      ],
    },
    p('{{#inspections}}检查情况（{{recordedOnZh}}）：{{content}}（{{signatures}}）\n{{/inspections}}', false),
    p('执法人员已出示执法证件，告知当事人有申请回避的权利。当事人对上述笔录内容核对无误。'),
    signs('当事人（见证人）', '执法人员', '执法人员'),
  ]),
  questioning_record: T('questioning_record', [
    CASE_FIELDS(),
    {
      type: 'table',
      rows: 'questionings',
      columns: [
        { header: '询问时间', value: '{{recordedOnZh}}', width: 2 },
        { header: '被询问人', value: '{{interviewee}}', width: 2 },
        { header: '询问人员', value: '{{officers}}', width: 3 },
      ],
    },
    p(
      '我们是{{agency.name}}的执法人员，已向你出示执法证件。现依法向你进行询问调查，你应当如实回答，不得作伪证或者隐瞒事实；你有申请执法人员回避的权利。',
    ),
    p('{{#questionings}}询问内容（{{recordedOnZh}}）：{{content}}（{{signatures}}）\n{{/questionings}}', false),
    p('以上笔录已交被询问人核对（或者向其宣读），被询问人确认无误。'),
    signs('被询问人', '询问人', '记录人'),
  ]),
  correction_order: T('correction_order', [
    ...PARTY,
    p('经查，你（单位）于{{case.actDateZh}}在{{case.location}}存在以下行为：{{case.facts}}'),
    p(
      '上述行为违反了{{offence.provision}}的规定。根据《中华人民共和国行政处罚法》第二十八条{{#offence.penaltyProvision}}和{{offence.penaltyProvision}}{{/offence.penaltyProvision}}的规定，现责令你（单位）：{{correction.text}}。',
    ),
    p('逾期不改正的，本机关将依法处理。'),
    seal(),
    signs('当事人签收'),
  ]),
  preservation_notice: T('preservation_notice', [
    ...PARTY,
    p(
      '因你（单位）涉嫌{{offence.name}}，在证据可能灭失或者以后难以取得的情况下，经本机关负责人批准，根据《中华人民共和国行政处罚法》第五十六条的规定，决定对下列物品予以先行登记保存。',
    ),
    {
      type: 'table',
      rows: 'preservation.items',
      columns: [
        { header: '物品名称', value: '{{name}}', width: 4 },
        { header: '数量', value: '{{quantity}}', width: 2 },
        { header: '备注', value: '{{note}}', width: 3 },
      ],
    },
    p('保存地点：{{preservation.place}}。保存期间，当事人或者有关人员不得销毁或者转移证据。本机关将在七日内作出处理决定。'),
    seal(),
    signs('当事人', '执法人员', '执法人员'),
  ]),
  investigation_report: T('investigation_report', [
    CASE_FIELDS([
      { label: '立案日期', value: '{{case.filedOnZh}}' },
      { label: '调查终结', value: '{{case.concludedOnZh}}' },
    ]),
    h('一、违法事实'),
    p('{{case.facts}}'),
    h('二、证据'),
    EVIDENCE_TABLE,
    h('三、适用依据'),
    p('违反的规定：{{offence.provision}}；处罚依据：{{offence.penaltyProvision}}。'),
    h('四、处理意见'),
    p(
      '{{#penalty.proposedText}}建议{{penalty.proposedText}}。{{/penalty.proposedText}}{{^penalty.proposedText}}待案件审核。{{/penalty.proposedText}}',
    ),
    signs('承办人', '承办人', '中队负责人'),
  ]),
  legal_review_opinion: T('legal_review_opinion', [
    CASE_FIELDS(),
    h('审核内容'),
    p(
      '根据《中华人民共和国行政处罚法》第五十八条的规定，对本案执法主体、管辖权限、案件事实、证据、适用依据、程序和拟处理意见进行了法制审核。',
    ),
    h('审核意见'),
    p('{{legalReview.opinion}}'),
    line('审核结论：{{legalReview.resultZh}}'),
    line('审核日期：{{legalReview.reviewedOnZh}}'),
    signs('法制审核人员'),
  ]),
  deliberation_minutes: T('deliberation_minutes', [
    CASE_FIELDS(),
    line('讨论日期：{{deliberation.heldOnZh}}'),
    h('讨论事项'),
    p(
      '根据《中华人民共和国行政处罚法》第五十七条第二款的规定，对本案（情节复杂或者重大违法行为）的处理进行集体讨论。拟处理意见：{{penalty.proposedText}}。',
    ),
    h('讨论结论'),
    p('{{deliberation.conclusion}}'),
    signs('主持人', '参加人员', '记录人'),
  ]),
  prior_notice: T('prior_notice', [
    ...PARTY,
    p('经查，你（单位）于{{case.actDateZh}}在{{case.location}}{{case.facts}}'),
    p('以上事实有现场检查笔录、询问笔录、现场照片等证据证明。你（单位）的上述行为违反了{{offence.basis}}的规定。'),
    p('根据{{offence.penaltyProvision}}的规定，本机关拟对你（单位）作出如下行政处罚：{{priorNotice.proposedText}}。'),
    p(
      '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。如有陈述、申辩意见，请于{{priorNotice.statementPeriod}}向本机关提出；逾期未提出的，视为放弃陈述、申辩权利。',
    ),
    p('{{#priorNotice.hearingApplies}}{{priorNotice.hearingText}}{{/priorNotice.hearingApplies}}'),
    line('联系地址：{{agency.address}}　联系电话：{{agency.phone}}'),
    seal(),
    signs('当事人签收'),
  ]),
  hearing_notice: T('hearing_notice', [
    ...PARTY,
    p(
      '你（单位）于{{hearing.requestedOnZh}}提出的听证申请，本机关已收悉。根据《中华人民共和国行政处罚法》第六十四条的规定，定于{{hearing.dateZh}}在{{hearing.place}}举行听证，听证主持人：{{hearing.chair}}。',
    ),
    p(
      '请你（单位）准时出席，可以委托一至二名代理人参加听证，代理人应当提交授权委托书。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。',
    ),
    p('听证不收取费用。'),
    seal(),
    signs('当事人签收'),
  ]),
  hearing_record: T('hearing_record', [
    CASE_FIELDS([
      { label: '听证日期', value: '{{hearing.heldOnZh}}' },
      { label: '主持人', value: '{{hearing.chair}}' },
    ]),
    h('听证情况'),
    p('{{hearing.summary}}'),
    p(
      '案件调查人员提出了当事人违法的事实、证据和行政处罚建议，当事人进行了申辩和质证。听证笔录经当事人核对无误后签字或者盖章；当事人拒绝签字或者盖章的，由主持人在笔录中注明。',
    ),
    signs('当事人或者代理人', '听证主持人', '记录员'),
  ]),
  decision: T('decision', [
    ...PARTY,
    p('经查，当事人于{{case.actDateZh}}在{{case.location}}{{case.facts}}本机关于{{case.filedOnZh}}立案调查。'),
    p('以上事实有下列证据证明：'),
    EVIDENCE_TABLE,
    p(
      '当事人的上述行为违反了{{offence.provision}}的规定。{{#priorNotice.servedOnZh}}本机关于{{priorNotice.servedOnZh}}向当事人送达了《行政处罚事先告知书》{{#priorNotice.number}}（{{priorNotice.number}}）{{/priorNotice.number}}，告知了拟作出行政处罚的事实、理由、依据及当事人依法享有的陈述、申辩{{#priorNotice.hearingApplies}}、要求听证{{/priorNotice.hearingApplies}}等权利。{{/priorNotice.servedOnZh}}',
    ),
    p('根据《中华人民共和国行政处罚法》第二十八条的规定，本机关责令当事人{{correction.text}}。'),
    p('依据{{offence.basis}}的规定，本机关决定对当事人作出如下行政处罚：{{penalty.text}}。'),
    p(
      '{{#penalty.hasFine}}当事人应当{{payment.deadlineText}}，{{payment.method}}{{#payment.code}}（缴款码：{{payment.code}}）{{/payment.code}}。{{payment.surchargeText}}。{{/penalty.hasFine}}',
    ),
    p('{{remedy.text}}'),
    p('当事人逾期不申请行政复议、不提起行政诉讼，又不履行本处罚决定的，本机关将依法申请人民法院强制执行。'),
    seal(),
    note('本决定书一式两份，一份送达当事人，一份附卷。'),
  ]),
  summary_decision: T('summary_decision', [
    line('编号：{{summary.serialNumber}}'),
    ...PARTY,
    p('当事人于{{summary.time}}在{{case.location}}{{case.facts}}'),
    p(
      '上述行为违反了{{offence.basis}}的规定。根据《中华人民共和国行政处罚法》第五十一条的规定，适用简易程序，当场作出如下行政处罚：{{penalty.typesZh}}{{#penalty.hasFine}}，罚款人民币{{penalty.fineYuan}}元（{{penalty.fineWords}}）{{/penalty.hasFine}}。',
    ),
    p('{{#penalty.hasFine}}当事人应当{{payment.deadlineText}}，{{payment.method}}。{{payment.surchargeText}}。{{/penalty.hasFine}}'),
    p('{{remedy.text}}'),
    line('执法人员：{{officerNames}}'),
    seal(),
    signs('当事人签收'),
    note('本决定书由执法人员当场交付当事人，并报所属行政机关备案。'),
  ]),
  no_penalty_decision: T('no_penalty_decision', [
    ...PARTY,
    p('经查，当事人于{{case.actDateZh}}在{{case.location}}{{case.facts}}'),
    p('以上事实有下列证据证明：'),
    EVIDENCE_TABLE,
    p('当事人的上述行为违反了{{offence.provision}}的规定。{{decision.reason}}'),
    p('根据《中华人民共和国行政处罚法》第三十三条等规定，本机关决定对当事人不予行政处罚，并责令当事人{{correction.text}}。'),
    p('{{remedy.text}}'),
    seal(),
  ]),
  service_receipt: T('service_receipt', [
    {
      type: 'fields',
      rows: [
        { label: '送达文书名称', value: '{{service.documentTitle}}' },
        { label: '文号', value: '{{service.documentNumber}}' },
        { label: '受送达人', value: '{{party.name}}' },
        { label: '送达地点', value: '{{service.place}}' },
        { label: '送达方式', value: '{{service.method}}' },
        { label: '送达日期', value: '{{service.servedOnZh}}' },
        { label: '签收人', value: '{{service.recipient}}' },
        { label: '备注', value: '{{service.note}}' },
      ],
    },
    signs('受送达人签名或者盖章', '送达人', '见证人'),
    note(
      '依据《中华人民共和国民事诉讼法》第八十七条至第九十五条。受送达人拒绝签收的，送达人应当在备注栏注明情况，邀请见证人签名或者以拍照、录像等方式记录送达过程（留置送达）。',
    ),
    seal(),
  ]),
  payment_reminder: T('payment_reminder', [
    ...PARTY,
    p(
      '本机关于{{decision.decidedOnZh}}对你（单位）作出《行政处罚决定书》（{{decision.number}}），{{#decision.servedOnZh}}已于{{decision.servedOnZh}}送达。{{/decision.servedOnZh}}你（单位）至今未履行缴纳罚款的义务。',
    ),
    p(
      '根据《中华人民共和国行政强制法》第三十五条、第四十五条的规定，现催告你（单位）{{reminder.performBy}}履行下列义务：缴纳罚款{{reminder.fineText}}，加处罚款{{reminder.surchargeText}}，合计{{reminder.totalText}}（{{reminder.totalWords}}）。',
    ),
    p('履行方式：{{reminder.method}}。缴款方式：{{payment.method}}。'),
    p('{{reminder.statementRights}}'),
    p('逾期仍不履行的，本机关将依法申请人民法院强制执行。'),
    seal(),
    signs('当事人签收'),
  ]),
  court_application: T('court_application', [
    line('申请人：{{agency.name}}　地址：{{agency.address}}'),
    line('法定代表人：{{agency.leader}}'),
    line('被申请人：{{party.name}}　{{party.idTypeZh}}：{{party.idNumber}}'),
    line('地址：{{party.address}}'),
    line('{{court.name}}：'),
    p(
      '申请人于{{decision.decidedOnZh}}对被申请人作出《行政处罚决定书》（{{decision.number}}）。经查，被申请人于{{case.actDateZh}}在{{case.location}}{{case.facts}}上述行为违反了{{offence.basis}}的规定。',
    ),
    p(
      '{{#decision.servedOnZh}}该决定书已于{{decision.servedOnZh}}送达。{{/decision.servedOnZh}}被申请人在法定期限内未申请行政复议，也未提起行政诉讼，又不履行该决定。申请人于{{reminder.servedOnZh}}向被申请人送达了催告书，被申请人在催告期间届满后仍未履行。当事人的意见：{{court.partyOpinion}}。',
    ),
    p('申请执行标的：{{court.subject}}。'),
    p('根据《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特申请人民法院强制执行。'),
    h('附送材料'),
    {
      type: 'table',
      rows: 'court.materials',
      columns: [
        { header: '序号', value: '{{no}}', width: 1 },
        { header: '材料名称', value: '{{title}}', width: 8 },
      ],
    },
    {
      type: 'signature',
      lines: ['{{agency.name}}', '机关负责人：{{agency.leader}}'],
      date: '{{doc.issuedOnZh}}',
      seal: true,
      leaderSignature: true,
    },
  ]),
  closing_report: T('closing_report', [
    CASE_FIELDS([
      { label: '立案日期', value: '{{case.filedOnZh}}' },
      { label: '决定书文号', value: '{{decision.number}}' },
      { label: '决定日期', value: '{{decision.decidedOnZh}}' },
      { label: '结案日期', value: '{{closing.closedOnZh}}' },
    ]),
    h('处理结果'),
    p('{{decision.outcomeZh}}{{#penalty.text}}：{{penalty.text}}{{/penalty.text}}。'),
    h('执行情况'),
    p('{{closing.execution}}{{#closing.paidText}}已缴纳罚款{{closing.paidText}}。{{/closing.paidText}}'),
    p('本案已按规定处理完毕，根据《中华人民共和国行政处罚法》的规定，建议结案。'),
    signs('承办人', '中队负责人审核', '机关负责人审批'),
  ]),
  cash_receipt: T('cash_receipt', [
    {
      type: 'fields',
      rows: [
        { label: '票据号码', value: '{{receipt.number}}' },
        { label: '缴款人', value: '{{party.name}}' },
        { label: '处罚决定书编号', value: '{{summary.serialNumber}}' },
        { label: '收缴金额', value: '{{receipt.amountText}}' },
        { label: '大写', value: '{{receipt.amountWords}}' },
        { label: '收缴日期', value: '{{receipt.collectedOnZh}}' },
        { label: '收缴人员', value: '{{officerNames}}' },
      ],
    },
    note(
      '依据《中华人民共和国行政处罚法》第六十八条至第七十一条：当场收缴的罚款，执法人员应当自收缴之日起二日内交至行政机关，行政机关应当在二日内缴付指定的银行。',
    ),
    seal(),
  ]),
  // 移送函 (沪条例 Art. 28: the case goes with its goods and evidence; the receiver reports the outcome back).
  transfer_letter: T('transfer_letter', [
    line('{{transfer.receivingBody}}：'),
    p(
      '{{party.name}}{{offence.name}}一案，经审查，{{transfer.reason}}。根据{{transfer.legalBasis}}的规定，现将该案（{{transfer.kindZh}}）移送你单位处理。',
    ),
    h('案件基本情况'),
    CASE_FIELDS([
      { label: '违法地点', value: '{{case.location}}' },
      { label: '移送日期', value: '{{transfer.transferredOnZh}}' },
    ]),
    h('违法事实'),
    p('{{case.facts}}'),
    h('随函移送的证据材料'),
    EVIDENCE_TABLE,
    p('请你单位依法处理，并将处理结果书面告知我局。'),
    seal(),
  ]),
  e_service_consent: T('e_service_consent', [
    ...PARTY,
    p(
      '根据《中华人民共和国行政处罚法》第六十一条的规定，本人（单位）同意{{agency.name}}采用电子方式向本人（单位）送达与本案有关的执法文书，电子送达地址如下：',
    ),
    {
      type: 'fields',
      rows: [
        { label: '送达方式', value: '{{consent.channel}}' },
        { label: '电子送达地址', value: '{{consent.address}}' },
        { label: '确认日期', value: '{{consent.signedOnZh}}' },
      ],
    },
    p(
      '本人（单位）确认上述地址真实有效，文书到达上述地址所在系统之日为送达之日。地址变更时，本人（单位）将及时书面告知；未及时告知的，文书送达至原地址即视为送达。',
    ),
    signs('受送达人签名或者盖章'),
  ]),
  offsite_notice: T('offsite_notice', [
    ...PARTY,
    p(
      '{{case.actDateZh}}，本机关设置于{{case.location}}的电子技术监控设备（{{extra.offsite.devices}}）记录到你（单位）的下列违法事实：{{case.facts}}',
    ),
    p(
      '上述行为涉嫌违反{{offence.basis}}的规定（{{offence.name}}）。本机关已于{{case.registeredOnZh}}立案（案号{{case.number}}，审核编号{{extra.offsite.reviewNumber}}）。',
    ),
    p(
      '上述设备已经法制和技术审核，设置地点已向社会公布。根据《中华人民共和国行政处罚法》第四十一条的规定，现将违法事实告知你（单位）。{{extra.offsite.access}}',
    ),
    h('设备记录的证据'),
    EVIDENCE_TABLE,
    p('{{#extra.offsite.correction}}{{extra.offsite.correction}}{{/extra.offsite.correction}}'),
    seal(),
    signs('当事人签收'),
  ]),
};
