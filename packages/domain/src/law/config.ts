// Values the law leaves to local rules, or that were not verified, are configuration with Shanghai
// defaults — never literals in the rules (ARCHITECTURE.md "Correctness of the law").
// Marks from LEGAL-RULES.md §0: V verified, P partially verified, U unverified.
import type { Fen, PartyType, PenaltyType } from './types.ts';

export type VerificationMark = 'V' | 'P' | 'U';

export type ComplaintHotlineLimits = {
  /** 一般的咨询、意见建议事项 */
  consultationWorkingDays: number;
  /** 热线督办以及回访复核事项 */
  supervisionWorkingDays: number;
  /** 一般的求助、投诉事项 */
  complaintWorkingDays: number;
  /** 复杂事项，经申请批准后 */
  complexWorkingDays: number;
};

export type MajorCaseRule = {
  /** A fine at or above this amount makes the case major (per party type). */
  fineThresholdFen: Record<PartyType, Fen>;
  /** Penalty types that always make the case major. */
  penaltyTypes: readonly PenaltyType[];
};

export type LegalConfig = {
  /** 听证 「较大数额罚款」 threshold per party type (处罚法 Art. 63 leaves it to local rules). */
  hearingThresholdFen: Record<PartyType, Fen>;
  /** Same thresholds for 没收较大数额违法所得 / 较大价值非法财物. */
  confiscationHearingThresholdFen: Record<PartyType, Fen>;
  /** 陈述申辩 period in working days (D2). */
  statementPeriodWorkingDays: number;
  /** Working days from discovery to 立案 (C2). */
  filingWorkingDays: number;
  /** 12345 ticket limits (I6). */
  complaintHotline: ComplaintHotlineLimits;
  /** 集体讨论 trigger (E2, 处罚法 Art. 57 para. 2). */
  majorCaseRule: MajorCaseRule;
  /** Working days to publish a 处罚 decision (I1). */
  disclosureWorkingDays: number;
  /** Years a published decision about a 经营主体 (法人, 其他组织, 个体工商户) stays public (I3). */
  businessPublicationYears: number;
  /** Years a published decision about a natural person stays public (I3; no statute sets it). */
  naturalPersonPublicationYears: number;
  /** Days after which 公告送达 counts as served (F4). */
  publicNoticeServiceDays: number;
  /**
   * Shanghai 城管 法制审核 additions to 处罚法 Art. 58 (E1). A penalty that carries the hearing right (D4, judged with
   * hearingThresholdFen and confiscationHearingThresholdFen) needs review once the hearing was held or waived.
   */
  shanghaiLegalReviewAdditions: boolean;
  /** Age in 周岁 counts from the day after the birthday (see ageOn). */
  ageCountsFromDayAfterBirthday: boolean;
  /** Where each value comes from, for the console. */
  sources: Record<ConfigKey, { mark: VerificationMark; source: string }>;
};

export type ConfigKey = Exclude<keyof LegalConfig, 'sources'>;

const YUAN: Fen = 100;

const PERSON_5000_ORG_50000: Record<PartyType, Fen> = {
  natural_person: 5_000 * YUAN,
  legal_person: 50_000 * YUAN,
  other_org: 50_000 * YUAN,
};

export const SHANGHAI_DEFAULTS: LegalConfig = {
  // P/U — LEGAL-RULES.md 5.5.3: Shanghai's 听证 「较大数额」 not found; 5.5.1 法制审核 list
  // (个人5000元以上、法人或者其他组织5万元以上) is the best proxy. The same figures decide the Shanghai
  // 法制审核 after a held or waived hearing (E1), which is where they were read.
  hearingThresholdFen: PERSON_5000_ORG_50000,
  // P/U — the 「相应数额」 of 5.5.1 (「以及相应数额以上的没收违法所得、没收非法财物」): the same figures, for the
  // value confiscated; a smaller confiscation carries no hearing right and so no E1 review.
  confiscationHearingThresholdFen: PERSON_5000_ORG_50000,
  // U — §9 item 3 / D2: no Shanghai 程序规定 read; 3 working days is common practice.
  statementPeriodWorkingDays: 3,
  // U — C2 / 5.5.5: UNVERIFIED. 处罚法 Art. 54 only says 「及时立案」; 7 WD is a practice default.
  filingWorkingDays: 7,
  // P — 5.8.2: 大宁路街道 (2019) street-level rule 1/3/5/15 WD; the municipal 沪府办〔2018〕62号 was not read.
  complaintHotline: {
    consultationWorkingDays: 1,
    supervisionWorkingDays: 3,
    complaintWorkingDays: 5,
    complexWorkingDays: 15,
  },
  // U — 5.5.4: Shanghai definition of 重大案件 / 情节复杂 not found. Default: the hearing-level
  // fine, or a penalty that takes away a licence or stops the business.
  majorCaseRule: {
    fineThresholdFen: PERSON_5000_ORG_50000,
    penaltyTypes: ['revoke_licence', 'lower_qualification', 'order_suspension', 'order_closure', 'restrict_practice'],
  },
  // P — 8.1: 国办发〔2018〕118号 as reported (「行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开」).
  disclosureWorkingDays: 7,
  // V — 5.4.3: 沪营商 Art. 65 「将经营主体的行政处罚信息向社会公示，期限为三年」; a 个体工商户 is a 经营主体
  // (市场主体登记管理条例 Art. 2(四)).
  businessPublicationYears: 3,
  // P — no statute sets it. 个人信息保护法 Art. 19 / Art. 34 (shortest necessary period) exclude "forever"; 2 years is the
  // natural-person period of a district rule implementing 国办发〔2018〕118号 (LEGAL-RULES.md 8.6, 5 years for others),
  // shorter than the 3 years of a 经营主体.
  naturalPersonPublicationYears: 2,
  // V — 5.1.11: 沪条例 Art. 25 「自发出公告之日起，经过六十日，即视为送达」.
  publicNoticeServiceDays: 60,
  // P — 5.5.1–5.5.2: 上海市城市管理综合行政执法重大执法决定法制审核办法 Art. 3, via a 街道 list.
  shanghaiLegalReviewAdditions: true,
  // U — criminal-law convention on 周岁, not in LEGAL-RULES.md.
  ageCountsFromDayAfterBirthday: true,
  // What a reader of the console sees as the source of each value (docs/ui-text.md: Chinese, no file names); the
  // LEGAL-RULES.md sections behind them are in the comments above.
  sources: {
    hearingThresholdFen: {
      mark: 'U',
      source:
        '本市听证“较大数额”标准未查到；参照本市重大执法决定法制审核标准（个人5000元以上、法人或者其他组织5万元以上），同时作为法制审核的数额标准',
    },
    confiscationHearingThresholdFen: {
      mark: 'U',
      source: '参照本市重大执法决定法制审核标准中“相应数额以上的没收违法所得、没收非法财物”，同时作为法制审核的数额标准',
    },
    statementPeriodWorkingDays: { mark: 'U', source: '法律未规定陈述申辩期限；采用本市常用做法（3个工作日），有待核实' },
    filingWorkingDays: {
      mark: 'U',
      source: '《中华人民共和国行政处罚法》第五十四条只要求“及时立案”；采用常用期限（7个工作日），有待核实',
    },
    complaintHotline: { mark: 'P', source: '参照静安区大宁路街道2019年公布的办理时限（1、3、5、15个工作日）' },
    majorCaseRule: {
      mark: 'U',
      source: '本市重大案件、情节复杂案件的认定标准未查到；暂按听证数额标准及吊销、停产停业等处罚认定，有待核实',
    },
    disclosureWorkingDays: { mark: 'P', source: '参照国办发〔2018〕118号的公开报道（执法决定作出之日起7个工作日内公开）' },
    businessPublicationYears: {
      mark: 'V',
      source: '《上海市优化营商环境条例》第六十五条；个体工商户属于经营主体：《中华人民共和国市场主体登记管理条例》第二条第四项',
    },
    naturalPersonPublicationYears: {
      mark: 'P',
      source:
        '法律未规定；依《中华人民共和国个人信息保护法》第十九条、第三十四条（最短必要期限），参照本市区级落实国办发〔2018〕118号的规定，自然人公示2年',
    },
    publicNoticeServiceDays: { mark: 'V', source: '《上海市城市管理行政执法条例》第二十五条' },
    shanghaiLegalReviewAdditions: {
      mark: 'P',
      source: '参照《上海市城市管理综合行政执法重大执法决定法制审核办法》第三条及街道法制审核清单',
    },
    ageCountsFromDayAfterBirthday: {
      mark: 'U',
      source: '参照《最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释》第二条的通行做法（周岁自生日次日起算）',
    },
  },
};
