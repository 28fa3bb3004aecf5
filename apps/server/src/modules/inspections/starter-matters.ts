// Starter 检查事项清单 (随机抽查事项清单, 国办发〔2015〕58号, LEGAL-RULES.md 7.15): what a bureau may inspect, on which
// basis, with which checks. Only LEGAL-RULES.md's checked texts carry an article; every other article is written
// 「（条款未核实）」 as the legal library does — a bureau replaces the note once its legal office read the regulation.
// Item codes are shared where two matters ask the same thing (综合查一次 checks it once).
import type { InspectionMatter } from '@chengguan/domain';

const SR = '《上海市市容环境卫生管理条例》';
const LJ = '《上海市生活垃圾管理条例》';
const CW = '《上海市拆除违法建筑若干规定》';

export const STARTER_MATTERS: readonly InspectionMatter[] = [
  {
    code: 'SR-ZRQ',
    nameZh: '市容环境卫生责任区制度落实情况检查',
    legalBasisZh: `${SR}关于市容环境卫生责任区的规定（条款未核实）`,
    subjectKinds: ['street_shop', 'restaurant_fume', 'stall_point'],
    items: [
      {
        code: 'ZRQ-01',
        textZh: '门前责任区内保持整洁，无乱堆乱放、无积存垃圾',
        legalBasisZh: `${SR}（责任区条款未核实）`,
        photo: 'when_failed',
      },
      { code: 'ZRQ-02', textZh: '责任区告知书（责任牌）张贴或公示', legalBasisZh: `${SR}（责任区条款未核实）`, photo: 'when_failed' },
      { code: 'LJ-01', textZh: '生活垃圾按规定分类投放，未混合投放', legalBasisZh: `${LJ}第五十七条`, photo: 'when_failed' },
    ],
  },
  {
    code: 'SR-ZDJY',
    nameZh: '擅自占用道路经营、跨门营业检查',
    legalBasisZh: `${SR}关于占用道路、广场经营的规定（条款未核实）`,
    subjectKinds: ['street_shop', 'restaurant_fume', 'stall_point'],
    items: [
      {
        code: 'ZDJY-01',
        textZh: '无超出门窗、外墙摆卖或者经营（跨门营业）',
        legalBasisZh: `${SR}（跨门营业条款未核实）`,
        photo: 'when_failed',
      },
      { code: 'ZDJY-02', textZh: '无擅自占用道路、广场摆摊经营', legalBasisZh: `${SR}（占道经营条款未核实）`, photo: 'when_failed' },
      {
        code: 'ZDJY-03',
        textZh: '无占用道路、广场从事经营性车辆清洗',
        legalBasisZh: `${SR}第二十八条第一款第六项`,
        photo: 'when_failed',
      },
      {
        code: 'ZRQ-01',
        textZh: '门前责任区内保持整洁，无乱堆乱放、无积存垃圾',
        legalBasisZh: `${SR}（责任区条款未核实）`,
        photo: 'when_failed',
      },
    ],
  },
  {
    code: 'SR-GGZP',
    nameZh: '户外广告设施与店招店牌设置检查',
    legalBasisZh: `${SR}及户外广告设施管理规定（条款未核实）`,
    subjectKinds: ['street_shop', 'restaurant_fume', 'construction_site'],
    items: [
      {
        code: 'GGZP-01',
        textZh: '户外广告设施经许可设置，在许可期限内',
        legalBasisZh: '户外广告设施设置许可规定（条款未核实）',
        photo: 'always',
      },
      { code: 'GGZP-02', textZh: '店招店牌完好、无破损、无安全隐患', legalBasisZh: `${SR}（店招店牌条款未核实）`, photo: 'always' },
      { code: 'GGZP-03', textZh: '无擅自张贴、悬挂宣传品或横幅', legalBasisZh: `${SR}（张贴悬挂条款未核实）`, photo: 'when_failed' },
    ],
  },
  {
    code: 'HJ-YY',
    nameZh: '餐饮服务业油烟排放检查',
    legalBasisZh: '《中华人民共和国大气污染防治法》及《上海市大气污染防治条例》关于餐饮油烟的规定（条款未核实）',
    subjectKinds: ['restaurant_fume'],
    items: [
      {
        code: 'YY-01',
        textZh: '安装油烟净化设施并正常使用',
        legalBasisZh: '《上海市大气污染防治条例》（餐饮油烟条款未核实）',
        photo: 'always',
      },
      {
        code: 'YY-02',
        textZh: '油烟净化设施定期清洗维护，有清洗记录',
        legalBasisZh: '《上海市大气污染防治条例》（餐饮油烟条款未核实）',
        photo: 'when_failed',
      },
      {
        code: 'YY-03',
        textZh: '无露天烧烤或者在禁止区域内露天烧烤食品',
        legalBasisZh: '《中华人民共和国大气污染防治法》（露天烧烤条款未核实）',
        photo: 'when_failed',
      },
    ],
  },
  {
    code: 'SR-JZLJ',
    nameZh: '建筑垃圾处置与运输检查',
    legalBasisZh: '《上海市建筑垃圾处理管理规定》（条款未核实）',
    subjectKinds: ['construction_site', 'waste_transport_company', 'waste_transport_vehicle'],
    items: [
      {
        code: 'JZLJ-01',
        textZh: '建筑垃圾处置经核准，有处置证明',
        legalBasisZh: '《上海市建筑垃圾处理管理规定》（处置核准条款未核实）',
        photo: 'when_failed',
      },
      {
        code: 'JZLJ-02',
        textZh: '运输车辆密闭，无沿途泄漏、遗撒',
        legalBasisZh: '《上海市建筑垃圾处理管理规定》（运输条款未核实）',
        photo: 'when_failed',
      },
      {
        code: 'JZLJ-03',
        textZh: '车辆经核准承运，随车携带电子或纸质运输单',
        legalBasisZh: '《上海市建筑垃圾处理管理规定》（承运条款未核实）',
        photo: 'when_failed',
      },
    ],
  },
  {
    code: 'WM-SG',
    nameZh: '建设工地围挡与扬尘防治检查',
    legalBasisZh: '《上海市建设工程文明施工管理规定》（条款未核实）',
    subjectKinds: ['construction_site'],
    items: [
      {
        code: 'SG-01',
        textZh: '施工现场设置连续、封闭的围挡',
        legalBasisZh: '《上海市建设工程文明施工管理规定》（围挡条款未核实）',
        photo: 'always',
      },
      { code: 'SG-02', textZh: '设置施工铭牌', legalBasisZh: '《上海市建设工程文明施工管理规定》第十条', photo: 'when_failed' },
      {
        code: 'SG-03',
        textZh: '裸露土方覆盖，出入口设车辆冲洗设施',
        legalBasisZh: '《上海市建设工程文明施工管理规定》（扬尘条款未核实）',
        photo: 'when_failed',
      },
      {
        code: 'JZLJ-02',
        textZh: '运输车辆密闭，无沿途泄漏、遗撒',
        legalBasisZh: '《上海市建筑垃圾处理管理规定》（运输条款未核实）',
        photo: 'when_failed',
      },
    ],
  },
  {
    code: 'LS-JZ',
    nameZh: '优秀历史建筑保护检查',
    legalBasisZh: '《上海市历史风貌区和优秀历史建筑保护条例》（条款未核实）',
    subjectKinds: ['historic_building'],
    items: [
      {
        code: 'LS-01',
        textZh: '建筑立面、结构体系未擅自改变',
        legalBasisZh: '《上海市历史风貌区和优秀历史建筑保护条例》（条款未核实）',
        photo: 'always',
      },
      {
        code: 'LS-02',
        textZh: '无擅自在建筑内外搭建建筑物、构筑物',
        legalBasisZh: '《上海市历史风貌区和优秀历史建筑保护条例》（条款未核实）',
        photo: 'when_failed',
      },
      {
        code: 'LS-03',
        textZh: '保护标志完好',
        legalBasisZh: '《上海市历史风貌区和优秀历史建筑保护条例》（条款未核实）',
        photo: 'when_failed',
      },
    ],
  },
  {
    code: 'WY-WJ',
    nameZh: '住宅小区违法搭建与物业管理检查',
    legalBasisZh: `《上海市住宅物业管理规定》（条款未核实）；${CW}第十一条`,
    subjectKinds: ['residential_compound', 'property_company'],
    items: [
      { code: 'WY-01', textZh: '小区内无在建违法建筑', legalBasisZh: `${CW}第十一条`, photo: 'when_failed' },
      {
        code: 'WY-02',
        textZh: '物业服务企业发现违法搭建及时劝阻并报告',
        legalBasisZh: '《上海市住宅物业管理规定》（报告条款未核实）',
        photo: 'never',
      },
      {
        code: 'WY-03',
        textZh: '无擅自改变房屋用途或者损坏承重结构',
        legalBasisZh: '《上海市住宅物业管理规定》（条款未核实）',
        photo: 'when_failed',
      },
      { code: 'LJ-01', textZh: '生活垃圾按规定分类投放，未混合投放', legalBasisZh: `${LJ}第五十七条`, photo: 'when_failed' },
    ],
  },
  {
    code: 'SR-SBDW',
    nameZh: '设摊经营点位规范管理检查',
    legalBasisZh: `${SR}关于设摊经营的规定（条款未核实）`,
    subjectKinds: ['stall_point'],
    items: [
      { code: 'SBDW-01', textZh: '在规定的时段和范围内经营', legalBasisZh: `${SR}（设摊条款未核实）`, photo: 'when_failed' },
      { code: 'SBDW-02', textZh: '收摊后场地清洁，无遗留垃圾', legalBasisZh: `${SR}（设摊条款未核实）`, photo: 'when_failed' },
      { code: 'ZDJY-02', textZh: '无擅自占用道路、广场摆摊经营', legalBasisZh: `${SR}（占道经营条款未核实）`, photo: 'when_failed' },
    ],
  },
  {
    code: 'LJ-FL',
    nameZh: '生活垃圾分类投放管理责任检查',
    legalBasisZh: `${LJ}第五十七条`,
    subjectKinds: ['street_shop', 'restaurant_fume', 'residential_compound', 'property_company'],
    items: [
      { code: 'LJ-01', textZh: '生活垃圾按规定分类投放，未混合投放', legalBasisZh: `${LJ}第五十七条`, photo: 'when_failed' },
      { code: 'LJ-02', textZh: '管理责任人将分类投放的生活垃圾分类驳运', legalBasisZh: `${LJ}第五十七条第四款`, photo: 'when_failed' },
    ],
  },
];
