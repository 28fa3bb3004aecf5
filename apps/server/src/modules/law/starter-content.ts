// Starter content of the legal library: ONLY what LEGAL-RULES.md quotes, with its source and verification mark.
// Where LEGAL-RULES.md paraphrases an article instead of quoting it, the stored text says so (摘要). Every other
// sample entry (the example tiers, the sample guidance, the 占道洗车 offence whose penalty article was not read)
// is marked U with a note. No article number below is invented: an unknown one is written as 未核实.
import type { ExemptionItemBody, GuidanceBody, OffenceBody, ProvisionBody, DiscretionStandardBody } from '@chengguan/contracts';

/** Where the library's entries come from, as a reader sees it (docs/ui-text.md: no file names on screen). */
const RULES = '规则汇编';
const LAWREF = '法律法规文本库';
const SUMMARY = '【摘要，非法条原文】';

type P = Omit<ProvisionBody, 'verification' | 'source' | 'level'> & {
  key: string;
  level?: ProvisionBody['level'];
  source: string;
  note?: string | null;
};

function law(
  key: string,
  lawTitle: string,
  level: ProvisionBody['level'],
  effectiveFrom: string,
  source: string,
  rows: [article: number, paragraph: number | null, text: string, ref: string][],
  note: string | null = null,
): P[] {
  return rows.map(([article, paragraph, text, ref]) => ({
    key: `${key}-${article}${paragraph ? `-${paragraph}` : ''}`,
    lawTitle,
    level,
    article,
    paragraph,
    text,
    effectiveFrom,
    // The rule IDs after a section number ("1.1.4 (E6)") are for machines; the source a reader sees names the section.
    source: `${source}；${RULES} ${ref.replace(/\s*\([A-L]\d+(?:,\s*[A-L]\d+)*\)/, '')}`,
    note: [text.startsWith(SUMMARY) ? '条文为规则汇编的摘要或节录，使用前请核对原文' : null, note].filter(Boolean).join('；') || null,
  }));
}

const CFL = '中华人民共和国行政处罚法';
const CFL_SRC = `${LAWREF} 行政法 · 行政处罚法(2021-01-22)`;
const ENF = '中华人民共和国行政强制法';
const ENF_SRC = `${LAWREF} 行政法 · 行政强制法(2011-06-30)`;

export const STARTER_PROVISIONS: P[] = [
  ...law('cfl', CFL, 'law', '2021-07-15', CFL_SRC, [
    [
      9,
      null,
      '行政处罚的种类：（一）警告、通报批评；（二）罚款、没收违法所得、没收非法财物；（三）暂扣许可证件、降低资质等级、吊销许可证件；（四）限制开展生产经营活动、责令停产停业、责令关闭、限制从业；（五）行政拘留；（六）法律、行政法规规定的其他行政处罚。',
      '1.1.1',
    ],
    [
      29,
      null,
      '对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。',
      '1.1.4 (E6)',
    ],
    [30, null, '不满十四周岁…不予行政处罚，责令监护人加以管教；已满十四周岁不满十八周岁…应当从轻或者减轻（节录）', '1.1.5 (E7, E9)'],
    [
      31,
      null,
      `${SUMMARY}精神病人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚；尚未完全丧失辨认或者控制能力的，可以从轻或者减轻行政处罚。`,
      '1.1.6 (E7)',
    ],
    [
      32,
      null,
      '当事人有下列情形之一，应当从轻或者减轻行政处罚：（一）主动消除或者减轻违法行为危害后果的；（二）受他人胁迫或者诱骗实施违法行为的；（三）主动供述行政机关尚未掌握的违法行为的；（四）配合行政机关查处违法行为有立功表现的；（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。',
      '1.1.7 (E9)',
    ],
    [
      33,
      null,
      '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。',
      '1.1.8 (E7, E8)',
    ],
    [34, null, `${SUMMARY}行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。`, '1.1.9'],
    [
      36,
      null,
      '违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算。',
      '1.1.10 (C4)',
    ],
    [
      37,
      null,
      `${SUMMARY}实施行政处罚，适用违法行为发生时的规定；作出处罚决定时规定已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定（从旧兼从轻）。`,
      '1.1.11',
    ],
    [42, null, '行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。', '1.2.4 (A1)'],
    [
      43,
      null,
      `${SUMMARY}执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避；当事人可以申请回避；由行政机关负责人决定。决定作出之前，不停止调查。`,
      '1.2.5 (A8)',
    ],
    [
      44,
      null,
      '行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。',
      '1.2.6 (D1)',
    ],
    [
      45,
      null,
      `${SUMMARY}当事人有权进行陈述和申辩；行政机关必须充分听取并复核，成立的应当采纳。行政机关不得因当事人陈述、申辩而给予更重的处罚。`,
      '1.2.7 (D3)',
    ],
    [
      46,
      null,
      '证据包括：（一）书证；（二）物证；（三）视听资料；（四）电子数据；（五）证人证言；（六）当事人的陈述；（七）鉴定意见；（八）勘验笔录、现场笔录。（节录）',
      '1.2.8 (A4)',
    ],
    [
      47,
      null,
      '行政机关应当依法以文字、音像等形式，对行政处罚的启动、调查取证、审核、决定、送达、执行等进行全过程记录，归档保存。',
      '1.2.9 (A6)',
    ],
    [
      48,
      null,
      '具有一定社会影响的行政处罚决定应当依法公开。…（被变更、撤销、确认违法或者确认无效的）应当在三日内撤回行政处罚决定信息并公开说明理由。（节录）',
      '1.2.10 (I2)',
    ],
    [
      51,
      null,
      '违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其规定。',
      '1.3.1 (B1)',
    ],
    [
      52,
      null,
      `${SUMMARY}当场作出行政处罚决定的，应当出示执法证件，填写预定格式、编有号码的行政处罚决定书，并当场交付当事人；决定书载明违法行为、处罚种类和依据、罚款数额、时间、地点、复议诉讼途径和期限以及行政机关名称，并报所属行政机关备案。`,
      '1.3.3 (B2)',
    ],
    [
      57,
      null,
      `${SUMMARY}调查终结，行政机关负责人应当对调查结果进行审查，分别作出给予处罚、不予处罚、不得给予处罚或者移送司法机关的决定。对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。`,
      '1.4.4 (E2, E3)',
    ],
    [
      58,
      null,
      '有下列情形之一，在行政机关负责人作出行政处罚的决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定：（一）涉及重大公共利益的；（二）直接关系当事人或者第三人重大权益，经过听证程序的；（三）案件情况疑难复杂、涉及多个法律关系的；（四）法律、法规规定应当进行法制审核的其他情形。（节录）',
      '1.4.5 (E1)',
    ],
    [
      59,
      null,
      '行政处罚决定书应当载明：（一）当事人的姓名或者名称、地址；（二）违反法律、法规、规章的事实和证据；（三）行政处罚的种类和依据；（四）行政处罚的履行方式和期限；（五）申请行政复议、提起行政诉讼的途径和期限；（六）作出行政处罚决定的行政机关名称和作出决定的日期。行政处罚决定书必须盖有作出行政处罚决定的行政机关的印章。（节录）',
      '1.4.6 (E5)',
    ],
    [60, null, '行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。', '1.4.7 (E4)'],
    [
      61,
      null,
      '…当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。（节录）',
      '1.4.8 (F1)',
    ],
    [
      62,
      null,
      `${SUMMARY}未依照第四十四条、第四十五条的规定向当事人告知或者拒绝听取当事人陈述、申辩的，不得作出行政处罚决定；当事人明确放弃陈述或者申辩权利的除外。`,
      '1.4.9 (D2)',
    ],
    [
      63,
      null,
      '拟作出下列行政处罚决定，应当告知当事人有要求听证的权利：（一）较大数额罚款；（二）没收较大数额违法所得、没收较大价值非法财物；（三）降低资质等级、吊销许可证件；（四）责令停产停业、责令关闭、限制从业；（五）其他较重的行政处罚；（六）法律、法规、规章规定的其他情形。（节录）',
      '1.5.1 (D4)',
    ],
    [64, 1, '当事人要求听证的，应当在行政机关告知后五日内提出。', '1.5.2 (D5)'],
    [64, 2, '行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点。', '1.5.3 (D6)'],
    [65, null, `${SUMMARY}听证结束后，行政机关应当根据听证笔录，依照本法第五十七条的规定，作出决定。`, '1.5.5 (D7)'],
    [66, null, '…当事人确有经济困难，需要延期或者分期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓或者分期缴纳。（节录）', '1.6.1 (G1)'],
    [67, null, '…当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。（节录）', '1.6.2 (G1)'],
    [
      68,
      null,
      '依照本法第五十一条的规定当场作出行政处罚决定，有下列情形之一，执法人员可以当场收缴罚款：（一）依法给予一百元以下罚款的；（二）不当场收缴事后难以执行的。',
      '1.3.5 (B4)',
    ],
    [72, null, '…到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额；…（节录）', '1.6.3 (G2)'],
    [73, null, '…加处罚款的数额在行政复议或者行政诉讼期间不予计算。（节录）', '1.6.4 (G2)'],
    [85, null, '本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。', '1.6.7'],
  ]),
  ...law(
    'enf',
    ENF,
    'law',
    '2012-01-01',
    ENF_SRC,
    [
      [
        18,
        null,
        '行政机关实施行政强制措施应当遵守下列规定：（一）实施前须向行政机关负责人报告并经批准；（二）由两名以上行政执法人员实施；（三）出示执法身份证件；（四）通知当事人到场；（五）当场告知当事人采取行政强制措施的理由、依据以及当事人依法享有的权利、救济途径；（六）听取当事人的陈述和申辩；（七）制作现场笔录；（八）现场笔录由当事人和行政执法人员签名或者盖章，当事人拒绝的，在笔录中予以注明；（九）当事人不到场的，邀请见证人到场…（节录）',
        '2.2 (A1, H1)',
      ],
      [
        25,
        null,
        '查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。（节录）',
        '2.6 (H3)',
      ],
      [
        35,
        null,
        '行政机关作出强制执行决定前，应当事先催告当事人履行义务。催告应当以书面形式作出，并载明下列事项：（一）履行义务的期限；（二）履行义务的方式；（三）涉及金钱给付的，应当有明确的金额和给付方式；（四）当事人依法享有的陈述权和申辩权。',
        '2.9 (G3)',
      ],
      [
        45,
        null,
        '行政机关依法作出金钱给付义务的行政决定，当事人逾期不履行的，行政机关可以依法加处罚款或者滞纳金。加处罚款或者滞纳金的标准应当告知当事人。加处罚款或者滞纳金的数额不得超出金钱给付义务的数额。',
        '2.15 (G2)',
      ],
      [
        46,
        null,
        `${SUMMARY}加处罚款或者滞纳金超过三十日，经催告当事人仍不履行的，具有行政强制执行权的行政机关可以强制执行；没有行政强制执行权的行政机关应当申请人民法院强制执行；已查封、扣押的财物，在法定期限届满且经催告后可以依法拍卖抵缴罚款。`,
        '2.16 (G4)',
      ],
      [
        53,
        null,
        '当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的行政机关可以自期限届满之日起三个月内，依照本章规定申请人民法院强制执行。（节录）',
        '2.19 (G3)',
      ],
      [
        54,
        null,
        '…催告书送达十日后当事人仍未履行义务的，行政机关可以向所在地有管辖权的人民法院申请强制执行；执行对象是不动产的，向不动产所在地有管辖权的人民法院申请强制执行。（节录）',
        '2.20 (G3)',
      ],
      [
        55,
        null,
        `${SUMMARY}申请人民法院强制执行应当提供：强制执行申请书；行政决定书及作出决定的事实、理由和依据；当事人的意见及行政机关催告情况；申请强制执行标的情况；法律、行政法规规定的其他材料。申请书由行政机关负责人签名，加盖印章并注明日期。`,
        '2.21 (G3)',
      ],
      [69, null, '本法中十日以内期限的规定是指工作日，不含法定节假日。', '2.23'],
    ],
    '施行日期 2012-01-01 据一般知识（规则汇编记载版本为 2011），未核实',
  ),
  ...law('rev', '中华人民共和国行政复议法', 'law', '2024-01-01', `${LAWREF} 诉讼与非诉讼程序法 · 行政复议法(2023-09-01)（第九十条）`, [
    [
      20,
      1,
      '…可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。（节录）',
      '3.1 (J1, G3)',
    ],
    [88, null, '“三日”、“五日”、“七日”、“十日”的规定是指工作日…（节录）', '3.7'],
  ]),
  ...law(
    'lit',
    '中华人民共和国行政诉讼法',
    'law',
    '2017-07-01',
    `${LAWREF} 诉讼与非诉讼程序法 · 行政诉讼法(2017-06-27)`,
    [
      [
        46,
        null,
        '…直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。法律另有规定的除外。（节录）',
        '3.8 (J1, G3)',
      ],
    ],
    '施行日期 2017-07-01 据一般知识，未核实',
  ),
  ...law(
    'civ',
    '中华人民共和国民法典',
    'law',
    '2021-01-01',
    `${LAWREF} 民法典 · 总则; 民法典 · 侵权责任编`,
    [
      [201, null, '按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。（节录）', '4.1'],
      [202, null, '按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。', '4.2'],
      [
        203,
        null,
        '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。期间的最后一日的截止时间为二十四时…（节录）',
        '4.3',
      ],
      [1259, null, '民法所称的“以上”、“以下”、“以内”、“届满”，包括本数；所称的“不满”、“超过”、“以外”，不包括本数。', '1.3.2'],
    ],
    '施行日期 2021-01-01 据一般知识，未核实',
  ),
  ...law(
    'shcg',
    '上海市城市管理行政执法条例',
    'local_regulation',
    '2018-05-24',
    `${LAWREF} 上海地方法规 · 上海市城市管理行政执法条例(2018-05-24)`,
    [
      [
        18,
        null,
        '对情节较轻或者危害后果能够及时消除的，除法律、法规、规章规定直接给予行政处罚外…应当先对当事人进行教育、告诫、引导，并责令其改正；对拒不改正的，依法给予行政处罚。违法行为轻微并及时纠正，没有造成危害后果的，不予行政处罚。（节录）',
        '5.1.5 (E10)',
      ],
      [25, null, '…自发出公告之日起，经过六十日，即视为送达。（节录）', '5.1.11 (F4)'],
      [26, null, '…在五个工作日内将核查情况告知举报人；…在三个工作日内移送有关部门处理。（节录）', '5.1.12 (I4)'],
      [29, null, '…自收到协助通知书之日起十日内…（节录）', '5.1.14 (I5)'],
    ],
    '所读文本为 2018 年版本，2021 年以后可能已修改（规则汇编 §5.1 警告）；日期为该版本日期',
  ),
  ...law(
    'shlj',
    '上海市生活垃圾管理条例',
    'local_regulation',
    '2019-07-01',
    `${LAWREF} 上海地方法规 · 上海市生活垃圾管理条例(2019-01-31)`,
    [
      [57, 1, '…（单位）由城管执法部门责令立即改正；拒不改正的，处五千元以上五万元以下罚款。（节录，行为表述见原文）', '5.7'],
      [57, 2, '…（个人混合投放）由城管执法部门责令立即改正；拒不改正的，处五十元以上二百元以下罚款。（节录）', '5.7'],
      [57, 4, '…（管理责任人未分类驳运）处五百元以上五千元以下罚款。（节录，行为表述与前提条件见原文）', '5.7'],
    ],
    '施行日期 2019-07-01 据一般知识（汇编记载通过日期 2019-01-31），未核实',
  ),
  ...law(
    'shfj',
    '上海市非机动车安全管理条例',
    'local_regulation',
    '2024-05-10',
    `${LAWREF} 上海地方法规 · 上海市非机动车安全管理条例(2024-05-10)`,
    [[44, null, '…（私拉电线充电）由城管执法部门责令改正，可处五十元以上二百元以下罚款。（节录）', '5.7']],
    '日期为规则汇编记载的版本日期，施行日期未核实',
  ),
].map((p) => ({ ...p, verification: 'V' as const }));

type O = OffenceBody & { violatedKey?: string; penaltyKey?: string };

const LJ_SRC = `${RULES} 5.7（《上海市生活垃圾管理条例》第五十七条，已核实）`;

export const STARTER_OFFENCES: O[] = [
  {
    code: 'SH-LJ-57-1',
    name: '单位违反生活垃圾分类投放规定，拒不改正',
    domain: 'city_appearance',
    violatedProvision: '《上海市生活垃圾管理条例》第57条第1款所指的分类投放规定（违则条号未核实）',
    penaltyProvision: '《上海市生活垃圾管理条例》第57条第1款',
    penaltyKey: 'shlj-57-1',
    penaltyTypes: ['fine'],
    minFineFen: 500_000,
    maxFineFen: 5_000_000,
    finesOnlyAfterRefusal: true,
    offsiteEligible: false,
    eventCategory: '市容环境',
    keywords: ['生活垃圾', '分类投放', '混投', '单位'],
    effectiveFrom: '2019-07-01',
    verification: 'V',
    source: LJ_SRC,
    note: '罚则与幅度为原文（已核实）；案由名称与违则条号为概括，未核实',
  },
  {
    code: 'SH-LJ-57-2',
    name: '个人混合投放生活垃圾，拒不改正',
    domain: 'city_appearance',
    violatedProvision: '《上海市生活垃圾管理条例》第57条第2款所指的分类投放规定（违则条号未核实）',
    penaltyProvision: '《上海市生活垃圾管理条例》第57条第2款',
    penaltyKey: 'shlj-57-2',
    penaltyTypes: ['fine'],
    minFineFen: 5_000,
    maxFineFen: 20_000,
    finesOnlyAfterRefusal: true,
    offsiteEligible: false,
    eventCategory: '市容环境',
    keywords: ['生活垃圾', '混投', '分类投放', '个人'],
    effectiveFrom: '2019-07-01',
    verification: 'V',
    source: LJ_SRC,
    note: '罚则与幅度为原文（已核实）；违则条号未核实',
  },
  {
    code: 'SH-LJ-57-4',
    name: '管理责任人未分类驳运生活垃圾',
    domain: 'city_appearance',
    violatedProvision: '《上海市生活垃圾管理条例》第57条第4款所指的驳运规定（违则条号未核实）',
    penaltyProvision: '《上海市生活垃圾管理条例》第57条第4款',
    penaltyKey: 'shlj-57-4',
    penaltyTypes: ['fine'],
    minFineFen: 50_000,
    maxFineFen: 500_000,
    finesOnlyAfterRefusal: false,
    offsiteEligible: false,
    eventCategory: '市容环境',
    keywords: ['生活垃圾', '驳运', '管理责任人'],
    effectiveFrom: '2019-07-01',
    verification: 'V',
    source: LJ_SRC,
    note: '幅度为原文（已核实）；是否以责令改正、拒不改正为前提未核实',
  },
  {
    code: 'SH-FJDC-44',
    name: '私拉电线为非机动车充电',
    domain: 'other',
    violatedProvision: '《上海市非机动车安全管理条例》第44条所指的充电安全规定（违则条号未核实）',
    penaltyProvision: '《上海市非机动车安全管理条例》第44条',
    penaltyKey: 'shfj-44',
    penaltyTypes: ['fine'],
    minFineFen: 5_000,
    maxFineFen: 20_000,
    finesOnlyAfterRefusal: false,
    offsiteEligible: false,
    eventCategory: '街面秩序',
    keywords: ['私拉电线', '飞线充电', '电动自行车', '充电'],
    effectiveFrom: '2024-05-10',
    verification: 'V',
    source: `${RULES} 5.7（「由城管执法部门责令改正，可处五十元以上二百元以下罚款」，已核实）`,
    note: '「可处」：罚款为可选；生效日期为汇编记载的版本日期，未核实',
  },
  {
    code: 'SH-SR-28-1-6',
    name: '占用道路、广场从事经营性车辆清洗（占道洗车）',
    domain: 'city_appearance',
    violatedProvision: '《上海市市容环境卫生管理条例》第28条第1款第6项',
    penaltyProvision: '《上海市市容环境卫生管理条例》罚则条款（条号与幅度未核实）',
    penaltyTypes: [],
    minFineFen: null,
    maxFineFen: null,
    offsiteEligible: false,
    eventCategory: '街面秩序',
    keywords: ['占道洗车', '占道', '洗车', '车辆清洗', '占用道路'],
    effectiveFrom: '2020-08-18',
    verification: 'U',
    source: `${RULES} 5.6.1（违则条款见免罚清单第4项，参照）`,
    note: '示例案由（未核实）：罚则条号和法定幅度没有读到，计算器会拒绝计算；生效日期取免罚清单印发日',
  },
];

const LIST = '城市管理轻微违法违规行为免罚清单';
const LIST_SRC = `市城管执法局、市司法局 2020-08-18（索引号 MB2F300040/2020-00004）；${RULES} 5.6.1`;
const LIST_NOTE = '清单开头：「下列轻微违法行为及时纠正，没有造成危害后果的，不予行政处罚」；仅读到前几项；生效日期取印发日，未核实';
const first = {
  conditions: ['first_discovery', 'corrected_promptly', 'no_harm'] as ExemptionItemBody['conditions'],
  effect: 'must_not_punish' as const,
};

export const STARTER_EXEMPTIONS: ExemptionItemBody[] = [
  {
    listName: LIST,
    itemNo: 1,
    provision: '《上海市建筑市场管理条例》第13条第2款',
    behaviour: '施工现场未公示',
    conditionsText: '首次被发现，责令限期改正后及时改正的',
    keywords: ['施工现场', '公示'],
    ...first,
  },
  {
    listName: LIST,
    itemNo: 2,
    provision: '《上海市建设工程文明施工管理规定》第10条',
    behaviour: '未设置施工铭牌',
    conditionsText: '首次被发现，责令限期改正后及时改正的',
    keywords: ['施工铭牌'],
    ...first,
  },
  {
    listName: LIST,
    itemNo: 3,
    provision: '《上海市建设工程文明施工管理规定》第12条第2款',
    behaviour: '脚手架杆件不符合要求',
    conditionsText: '首次被发现，责令限期改正后及时改正的',
    keywords: ['脚手架'],
    ...first,
  },
  {
    listName: LIST,
    itemNo: 4,
    provision: '《上海市市容环境卫生管理条例》第28条第1款第6项',
    offenceCode: 'SH-SR-28-1-6',
    behaviour: '占用道路、广场从事经营性车辆清洗',
    conditionsText: '首次被发现的',
    keywords: ['占道洗车', '占道', '洗车', '车辆清洗'],
    ...first,
  },
].map((e) => ({ ...e, effectiveFrom: '2020-08-18', verification: 'P' as const, source: LIST_SRC, note: LIST_NOTE }));

const EXAMPLE =
  '示例阶次（未核实）：上海市公布的《生活垃圾管理条例》裁量基准表未读到（规则汇编 5.7），仅演示如何在法定幅度 50–200 元内分档';

/** Example tiers of Art. 57 para. 2 (individual mixed disposal, 50–200 yuan): U. */
type T = Omit<DiscretionStandardBody, 'offenceId' | 'verification' | 'source'> & { offenceCode: string };
const EXAMPLE_TIERS: T[] = [
  {
    offenceCode: 'SH-LJ-57-2',
    level: 'lighter',
    label: '首次违法且已改正（示例）',
    conditionsText: '首次违法，事后改正',
    conditions: { firstViolation: true },
    minFen: 5_000,
    maxFen: 10_000,
    sortOrder: 1,
  },
  {
    offenceCode: 'SH-LJ-57-2',
    level: 'standard',
    label: '一般情形（示例）',
    conditionsText: '无从轻、从重情节',
    conditions: {},
    minFen: 10_000,
    maxFen: 15_000,
    sortOrder: 2,
  },
  {
    offenceCode: 'SH-LJ-57-2',
    level: 'heavier',
    label: '多次违法（示例）',
    conditionsText: '一年内多次被查处',
    conditions: { aggravatingFactorsAny: ['多次违法'] },
    minFen: 15_000,
    maxFen: 20_000,
    sortOrder: 3,
  },
];
export const STARTER_TIERS = EXAMPLE_TIERS.map((t) => ({
  ...t,
  verification: 'U' as const,
  source: '示例数据（本平台的起步内容）',
  note: EXAMPLE,
}));

export const STARTER_GUIDANCE: GuidanceBody[] = [
  {
    offenceCode: 'SH-SR-28-1-6',
    title: '占道洗车现场处置指引（示例）',
    steps: [
      '出示执法证件，两名以上执法人员到场（处罚法第42条、第55条）',
      '现场检查并拍照、录像，制作现场检查笔录',
      '核实是否首次被发现；对照免罚清单第4项，责令改正并进行教育',
      '拒不改正或非首次的，依法立案调查',
    ],
    evidence: ['占用道路洗车的现场照片或视频', '现场检查笔录', '当事人身份证明或营业执照'],
    documents: ['现场检查笔录', '责令改正通知书', '询问笔录'],
    checklist: ['是否出示执法证件', '是否两名执法人员', '是否核对首次被发现', '是否对不予处罚的当事人进行教育（处罚法第33条）'],
    effectiveFrom: '2020-08-18',
    verification: 'U',
    source: '示例数据（本平台的起步内容）',
    note: '示例指引（未核实）：步骤依据实践整理，非上海市公布的执法指引；所引处罚法条文已核实',
  },
];
