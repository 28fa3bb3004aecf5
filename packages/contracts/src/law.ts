// The legal standards library (法制标准规范库), the discretion calculator, the deadline engine, the working-day
// calendar and the legal configuration. Money is integer fen (分); legal dates are 'YYYY-MM-DD' (Asia/Shanghai).
// Every library entry carries a verification mark (LEGAL-RULES.md §0): V verified, P partly verified,
// U unverified — the console shows it next to the entry.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { Code, Fen, Int, IsoDate, MultilineText, PageQuery, Text, Uuid } from './common.ts';
import { EnforcementDomainSchema, type EnforcementDomain } from './staff.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));

// ---------------------------------------------------------------------------------------------------------
// Vocabularies (mirror packages/domain/src/law; the server checks that both lists agree)

export const VERIFICATION_MARKS = ['V', 'P', 'U'] as const;
export type VerificationMark = (typeof VERIFICATION_MARKS)[number];
export const VerificationMarkSchema = literals(VERIFICATION_MARKS);

/** 效力层级: 法律 / 行政法规 / 地方性法规 / 规章 / 规范性文件 / 司法解释. */
export const PROVISION_LEVELS = [
  'law',
  'administrative_regulation',
  'local_regulation',
  'rule',
  'normative_document',
  'judicial_interpretation',
] as const;
export type ProvisionLevel = (typeof PROVISION_LEVELS)[number];
export const PROVISION_LEVEL_ZH: Record<ProvisionLevel, string> = {
  law: '法律',
  administrative_regulation: '行政法规',
  local_regulation: '地方性法规',
  rule: '规章',
  normative_document: '规范性文件',
  judicial_interpretation: '司法解释',
};

/** 行政处罚法 Art. 9 penalty types used by 城管 (same codes as the domain's PenaltyType). */
export const PENALTY_TYPES = [
  'warning',
  'public_criticism',
  'fine',
  'confiscate_illegal_gains',
  'confiscate_illegal_property',
  'suspend_licence',
  'lower_qualification',
  'revoke_licence',
  'restrict_business',
  'order_suspension',
  'order_closure',
  'restrict_practice',
] as const;
export type PenaltyTypeCode = (typeof PENALTY_TYPES)[number];
export const PENALTY_TYPE_ZH: Record<PenaltyTypeCode, string> = {
  warning: '警告',
  public_criticism: '通报批评',
  fine: '罚款',
  confiscate_illegal_gains: '没收违法所得',
  confiscate_illegal_property: '没收非法财物',
  suspend_licence: '暂扣许可证件',
  lower_qualification: '降低资质等级',
  revoke_licence: '吊销许可证件',
  restrict_business: '限制开展生产经营活动',
  order_suspension: '责令停产停业',
  order_closure: '责令关闭',
  restrict_practice: '限制从业',
};

/** Chinese labels of the 11 enforcement domains (for the console and the spreadsheet layout). */
export const ENFORCEMENT_DOMAIN_ZH: Record<EnforcementDomain, string> = {
  city_appearance: '市容环境卫生',
  landscaping: '绿化',
  municipal_roads: '市政道路',
  water: '水务',
  environment: '环境保护',
  construction: '建设管理',
  housing: '房屋管理',
  urban_planning: '规划管理',
  street_trading: '工商（无照经营）',
  transport: '交通',
  other: '其他',
};

/** 数字城管 事件大类 (LEGAL-RULES.md L2, P). */
export const EVENT_CATEGORIES = ['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序', '其他'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** 裁量阶次 (the domain's TierLevel): 不予处罚 / 减轻 / 从轻 / 一般 / 从重. */
export const TIER_LEVELS = ['no_penalty', 'reduced', 'lighter', 'standard', 'heavier'] as const;
export type TierLevelCode = (typeof TIER_LEVELS)[number];
export const TIER_LEVEL_ZH: Record<TierLevelCode, string> = {
  no_penalty: '不予处罚',
  reduced: '减轻',
  lighter: '从轻',
  standard: '一般',
  heavier: '从重',
};

export const HARMS = ['none', 'minor', 'serious'] as const;
export type HarmCode = (typeof HARMS)[number];

/** Machine-checkable conditions of a 免罚清单 item (the domain's ExemptionCondition). */
export const EXEMPTION_CONDITIONS = ['first_discovery', 'corrected_promptly', 'no_harm', 'harm_at_most_minor'] as const;
export type ExemptionConditionCode = (typeof EXEMPTION_CONDITIONS)[number];
export const EXEMPTION_CONDITION_ZH: Record<ExemptionConditionCode, string> = {
  first_discovery: '首次被发现',
  corrected_promptly: '及时改正',
  no_harm: '没有造成危害后果',
  harm_at_most_minor: '危害后果轻微',
};

/** 「不予行政处罚」 binds the agency; 「可以不予」 leaves a choice. */
export const EXEMPTION_EFFECTS = ['must_not_punish', 'may_exempt'] as const;

export const PARTY_TYPE_CODES = ['natural_person', 'legal_person', 'other_org'] as const;
export type PartyTypeCode = (typeof PARTY_TYPE_CODES)[number];

/** 处罚法 Art. 32 mitigating grounds. */
export const ART32_GROUNDS = [
  'eliminated_or_reduced_harm',
  'coerced_or_deceived',
  'confessed_unknown_violation',
  'meritorious_cooperation',
  'other_legal_ground',
] as const;
export type Art32GroundCode = (typeof ART32_GROUNDS)[number];

/** The kinds of library entry; also the `:kind` of import and export. */
export const LAW_KINDS = ['provisions', 'offences', 'discretion-standards', 'exemption-items', 'guidance', 'guiding-cases'] as const;
export type LawKind = (typeof LAW_KINDS)[number];
export const LawKindSchema = literals(LAW_KINDS);

/** Shared by every library entry. */
const Provenance = {
  verification: VerificationMarkSchema,
  source: Text(500, { description: 'where the text or number comes from' }),
  note: Nullable(MultilineText(2000)),
};
const ProvenanceInput = {
  verification: VerificationMarkSchema,
  source: Text(500, { minLength: 1 }),
  note: Type.Optional(Nullable(MultilineText(2000))),
};
/** 案由 code as stored: letters, digits, dot, underscore, hyphen. */
const OffenceCode = Code('^[A-Za-z0-9._-]{1,40}$', 40);
const Stamps = { createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }) };

/** Shared list filters: free text, verification mark, and "in force on" a date. */
const LibraryListQuery = {
  ...PageQuery,
  q: Type.Optional(Text(100)),
  verification: Type.Optional(VerificationMarkSchema),
  inForceOn: Type.Optional(IsoDate),
};

// ---------------------------------------------------------------------------------------------------------
// 法条 provisions

export const Provision = Type.Object({
  id: Uuid,
  lawTitle: Type.String({ description: '《…》 without the brackets, e.g. 中华人民共和国行政处罚法' }),
  level: literals(PROVISION_LEVELS),
  issuer: Nullable(Type.String()),
  article: Type.Integer({ minimum: 1 }),
  paragraph: Nullable(Type.Integer({ minimum: 1 })),
  item: Nullable(Type.Integer({ minimum: 1 })),
  /** e.g. 《上海市生活垃圾管理条例》第57条第2款 */
  citation: Type.String(),
  text: Type.String(),
  effectiveFrom: IsoDate,
  repealedOn: Nullable(IsoDate),
  ...Provenance,
  ...Stamps,
});
export type Provision = Static<typeof Provision>;

export const ProvisionBody = Type.Object({
  lawTitle: Text(200, { minLength: 1 }),
  level: literals(PROVISION_LEVELS),
  issuer: Type.Optional(Nullable(Text(200))),
  article: Type.Integer({ minimum: 1, maximum: 9999 }),
  paragraph: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 99 }))),
  item: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 99 }))),
  text: MultilineText(20000, { minLength: 1 }),
  effectiveFrom: IsoDate,
  /** The last day in force is the day before; must not be before effectiveFrom. */
  repealedOn: Type.Optional(Nullable(IsoDate)),
  ...ProvenanceInput,
});
export type ProvisionBody = Static<typeof ProvisionBody>;
export const UpdateProvisionBody = Type.Partial(ProvisionBody);
export type UpdateProvisionBody = Static<typeof UpdateProvisionBody>;

export const ProvisionListQuery = Type.Object({
  ...LibraryListQuery,
  level: Type.Optional(literals(PROVISION_LEVELS)),
  lawTitle: Type.Optional(Text(200)),
});
export type ProvisionListQuery = Static<typeof ProvisionListQuery>;

// ---------------------------------------------------------------------------------------------------------
// 案由 offences (one row per version; versions of one code never overlap)

export const Offence = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  domain: EnforcementDomainSchema,
  /** 违则: the provision violated (citation text), optionally linked to a stored provision. */
  violatedProvision: Type.String(),
  violatedProvisionId: Nullable(Uuid),
  /** 罚则: the provision that sets the penalty. */
  penaltyProvision: Type.String(),
  penaltyProvisionId: Nullable(Uuid),
  penaltyTypes: Type.Array(literals(PENALTY_TYPES)),
  /** Statutory fine range; null when no range is recorded (the calculator then refuses). */
  minFineFen: Nullable(Fen),
  maxFineFen: Nullable(Fen),
  /** The norm reads 「责令…改正；拒不改正的，处…」: a fine needs a recorded refusal (E10). */
  finesOnlyAfterRefusal: Type.Boolean(),
  /** False for a version that no longer treats the act as illegal (处罚法 Art. 37). */
  illegal: Type.Boolean(),
  offsiteEligible: Type.Boolean(),
  eventCategory: Nullable(literals(EVENT_CATEGORIES)),
  keywords: Type.Array(Type.String()),
  effectiveFrom: IsoDate,
  /** Last day in force (inclusive); null while in force. */
  effectiveTo: Nullable(IsoDate),
  ...Provenance,
  ...Stamps,
});
export type Offence = Static<typeof Offence>;

export const OffenceBody = Type.Object({
  code: OffenceCode,
  name: Text(200, { minLength: 1 }),
  domain: EnforcementDomainSchema,
  violatedProvision: Text(500, { minLength: 1 }),
  violatedProvisionId: Type.Optional(Nullable(Uuid)),
  penaltyProvision: Text(500, { minLength: 1 }),
  penaltyProvisionId: Type.Optional(Nullable(Uuid)),
  penaltyTypes: Type.Array(literals(PENALTY_TYPES), { maxItems: PENALTY_TYPES.length, uniqueItems: true }),
  minFineFen: Type.Optional(Nullable(Fen)),
  maxFineFen: Type.Optional(Nullable(Fen)),
  finesOnlyAfterRefusal: Type.Optional(Type.Boolean({ default: false })),
  illegal: Type.Optional(Type.Boolean({ default: true })),
  offsiteEligible: Type.Optional(Type.Boolean({ default: false })),
  eventCategory: Type.Optional(Nullable(literals(EVENT_CATEGORIES))),
  keywords: Type.Optional(Type.Array(Text(50, { minLength: 1 }), { maxItems: 50 })),
  effectiveFrom: IsoDate,
  effectiveTo: Type.Optional(Nullable(IsoDate)),
  ...ProvenanceInput,
});
export type OffenceBody = Static<typeof OffenceBody>;
export const UpdateOffenceBody = Type.Partial(OffenceBody);
export type UpdateOffenceBody = Static<typeof UpdateOffenceBody>;

export const OffenceListQuery = Type.Object({
  ...LibraryListQuery,
  code: Type.Optional(Text(40)),
  domain: Type.Optional(EnforcementDomainSchema),
  offsiteEligible: Type.Optional(Type.Boolean()),
  eventCategory: Type.Optional(literals(EVENT_CATEGORIES)),
});
export type OffenceListQuery = Static<typeof OffenceListQuery>;

// ---------------------------------------------------------------------------------------------------------
// 裁量基准 discretion-standard tiers (per offence version)

/** Conditions of a tier (the domain's TierRequirements); an absent key does not constrain. */
export const TierConditions = Type.Object({
  firstViolation: Type.Optional(Type.Boolean()),
  correctedPromptly: Type.Optional(Type.Boolean()),
  harm: Type.Optional(Type.Array(literals(HARMS), { minItems: 1, maxItems: HARMS.length, uniqueItems: true })),
  aggravatingFactorsAny: Type.Optional(Type.Array(Text(100, { minLength: 1 }), { minItems: 1, maxItems: 20 })),
  mitigation: Type.Optional(Type.Boolean()),
});
export type TierConditions = Static<typeof TierConditions>;

export const DiscretionStandard = Type.Object({
  id: Uuid,
  offenceId: Uuid,
  offenceCode: Type.String(),
  offenceName: Type.String(),
  offenceEffectiveFrom: IsoDate,
  level: literals(TIER_LEVELS),
  label: Type.String({ description: 'e.g. 首次违法、及时改正' }),
  conditionsText: Type.String({ description: '适用条件 as published' }),
  conditions: TierConditions,
  minFen: Fen,
  maxFen: Fen,
  sortOrder: Type.Integer(),
  ...Provenance,
  ...Stamps,
});
export type DiscretionStandard = Static<typeof DiscretionStandard>;

export const DiscretionStandardBody = Type.Object({
  offenceId: Uuid,
  level: literals(TIER_LEVELS),
  label: Text(200, { minLength: 1 }),
  conditionsText: Type.Optional(MultilineText(2000)),
  conditions: Type.Optional(TierConditions),
  minFen: Fen,
  maxFen: Fen,
  sortOrder: Type.Optional(Int(0, 999)),
  ...ProvenanceInput,
});
export type DiscretionStandardBody = Static<typeof DiscretionStandardBody>;
export const UpdateDiscretionStandardBody = Type.Partial(DiscretionStandardBody);
export type UpdateDiscretionStandardBody = Static<typeof UpdateDiscretionStandardBody>;

export const DiscretionStandardListQuery = Type.Object({
  ...LibraryListQuery,
  offenceId: Type.Optional(Uuid),
  offenceCode: Type.Optional(Text(40)),
  level: Type.Optional(literals(TIER_LEVELS)),
});
export type DiscretionStandardListQuery = Static<typeof DiscretionStandardListQuery>;

// ---------------------------------------------------------------------------------------------------------
// 免罚清单 exemption-list items

export const ExemptionItem = Type.Object({
  id: Uuid,
  listName: Type.String({ description: 'e.g. 城市管理轻微违法违规行为免罚清单' }),
  itemNo: Type.Integer({ minimum: 1 }),
  /** 违则 as the list words it. */
  provision: Type.String(),
  provisionId: Nullable(Uuid),
  /** The offence code it exempts, when linked; the calculator uses it. */
  offenceCode: Nullable(Type.String()),
  behaviour: Type.String(),
  conditionsText: Type.String({ description: 'verbatim, e.g. 首次被发现，责令限期改正后及时改正的' }),
  conditions: Type.Array(literals(EXEMPTION_CONDITIONS)),
  effect: literals(EXEMPTION_EFFECTS),
  keywords: Type.Array(Type.String()),
  effectiveFrom: IsoDate,
  effectiveTo: Nullable(IsoDate),
  ...Provenance,
  ...Stamps,
});
export type ExemptionItem = Static<typeof ExemptionItem>;

export const ExemptionItemBody = Type.Object({
  listName: Text(200, { minLength: 1 }),
  itemNo: Type.Integer({ minimum: 1, maximum: 9999 }),
  provision: MultilineText(500, { minLength: 1 }),
  provisionId: Type.Optional(Nullable(Uuid)),
  offenceCode: Type.Optional(Nullable(OffenceCode)),
  behaviour: MultilineText(1000, { minLength: 1 }),
  conditionsText: MultilineText(1000, { minLength: 1 }),
  conditions: Type.Array(literals(EXEMPTION_CONDITIONS), { maxItems: EXEMPTION_CONDITIONS.length, uniqueItems: true }),
  effect: Type.Optional(literals(EXEMPTION_EFFECTS)),
  keywords: Type.Optional(Type.Array(Text(50, { minLength: 1 }), { maxItems: 50 })),
  effectiveFrom: IsoDate,
  effectiveTo: Type.Optional(Nullable(IsoDate)),
  ...ProvenanceInput,
});
export type ExemptionItemBody = Static<typeof ExemptionItemBody>;
export const UpdateExemptionItemBody = Type.Partial(ExemptionItemBody);
export type UpdateExemptionItemBody = Static<typeof UpdateExemptionItemBody>;

export const ExemptionItemListQuery = Type.Object({
  ...LibraryListQuery,
  listName: Type.Optional(Text(200)),
  offenceCode: Type.Optional(Text(40)),
});
export type ExemptionItemListQuery = Static<typeof ExemptionItemListQuery>;

// ---------------------------------------------------------------------------------------------------------
// 执法指引 enforcement guidance

export const Guidance = Type.Object({
  id: Uuid,
  offenceCode: Nullable(Type.String()),
  title: Type.String(),
  steps: Type.Array(Type.String()),
  evidence: Type.Array(Type.String(), { description: '应收集的证据' }),
  documents: Type.Array(Type.String(), { description: '应制作的文书' }),
  checklist: Type.Array(Type.String()),
  effectiveFrom: IsoDate,
  effectiveTo: Nullable(IsoDate),
  ...Provenance,
  ...Stamps,
});
export type Guidance = Static<typeof Guidance>;

const TextList = Type.Array(MultilineText(1000, { minLength: 1 }), { maxItems: 100 });
export const GuidanceBody = Type.Object({
  offenceCode: Type.Optional(Nullable(OffenceCode)),
  title: Text(200, { minLength: 1 }),
  steps: TextList,
  evidence: Type.Optional(TextList),
  documents: Type.Optional(TextList),
  checklist: Type.Optional(TextList),
  effectiveFrom: IsoDate,
  effectiveTo: Type.Optional(Nullable(IsoDate)),
  ...ProvenanceInput,
});
export type GuidanceBody = Static<typeof GuidanceBody>;
export const UpdateGuidanceBody = Type.Partial(GuidanceBody);
export type UpdateGuidanceBody = Static<typeof UpdateGuidanceBody>;

export const GuidanceListQuery = Type.Object({
  ...LibraryListQuery,
  offenceCode: Type.Optional(Text(40)),
});
export type GuidanceListQuery = Static<typeof GuidanceListQuery>;

// ---------------------------------------------------------------------------------------------------------
// 指导案例 guiding cases

export const GuidingCase = Type.Object({
  id: Uuid,
  title: Type.String(),
  offenceCode: Nullable(Type.String()),
  caseNumber: Nullable(Type.String()),
  publishedOn: IsoDate,
  withdrawnOn: Nullable(IsoDate),
  facts: Type.String(),
  outcome: Type.String(),
  keyPoints: Type.String(),
  ...Provenance,
  ...Stamps,
});
export type GuidingCase = Static<typeof GuidingCase>;

export const GuidingCaseBody = Type.Object({
  title: Text(200, { minLength: 1 }),
  offenceCode: Type.Optional(Nullable(OffenceCode)),
  caseNumber: Type.Optional(Nullable(Text(100))),
  publishedOn: IsoDate,
  withdrawnOn: Type.Optional(Nullable(IsoDate)),
  facts: MultilineText(20000, { minLength: 1 }),
  outcome: MultilineText(20000),
  keyPoints: MultilineText(20000),
  ...ProvenanceInput,
});
export type GuidingCaseBody = Static<typeof GuidingCaseBody>;
export const UpdateGuidingCaseBody = Type.Partial(GuidingCaseBody);
export type UpdateGuidingCaseBody = Static<typeof UpdateGuidingCaseBody>;

export const GuidingCaseListQuery = Type.Object({
  ...LibraryListQuery,
  offenceCode: Type.Optional(Text(40)),
});
export type GuidingCaseListQuery = Static<typeof GuidingCaseListQuery>;

// ---------------------------------------------------------------------------------------------------------
// Import / export. POST /api/v1/law/import/:kind?dryRun=true|false with the file as the raw body
// (content-type xlsx, text/csv or application/octet-stream) or as multipart/form-data (first file part).
// The report names every bad row (1-based spreadsheet row, header = 1) and column (its header text).
// A dry run answers 200; a real import answers 200 when everything was written in one transaction,
// 422 with the same report when nothing was written.

export const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: true })) });
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportError = Type.Object({
  row: Type.Integer({ description: 'spreadsheet row number; 1 = header row, 0 = the whole file' }),
  column: Nullable(Type.String({ description: 'header text of the column, e.g. 罚款下限（元）' })),
  message: Type.String(),
  messageEn: Type.String(),
});
export type ImportError = Static<typeof ImportError>;

export const ImportReport = Type.Object({
  ok: Type.Boolean(),
  kind: LawKindSchema,
  dryRun: Type.Boolean(),
  /** Data rows read (header excluded). */
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(ImportError),
});
export type ImportReport = Static<typeof ImportReport>;

// ---------------------------------------------------------------------------------------------------------
// Search: GET /api/v1/law/search?q=占道 洗车 — every whitespace-separated term must match (name, keywords,
// provision text, guidance, exemption-list wording); ranked by pg_trgm similarity.

export const LawSearchQuery = Type.Object({
  q: Text(100, { minLength: 1 }),
  /** Only entries in force on this date (default: today). */
  on: Type.Optional(IsoDate),
  limit: Type.Optional(Int(1, 50, { default: 20 })),
});
export type LawSearchQuery = Static<typeof LawSearchQuery>;

export const GuidanceSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  steps: Type.Array(Type.String()),
  evidence: Type.Array(Type.String()),
  documents: Type.Array(Type.String()),
  verification: VerificationMarkSchema,
});
export type GuidanceSummary = Static<typeof GuidanceSummary>;

export const LawSearchHit = Type.Object({
  kind: Type.Union([Type.Literal('offence'), Type.Literal('exemption_item')]),
  score: Type.Number(),
  /** The offence found, or the offence an exemption item is linked to. */
  offence: Nullable(Offence),
  /** The exemption item found (kind exemption_item), else null. */
  exemptionItem: Nullable(ExemptionItem),
  /** 违则 / 罚则 provisions stored in the library. */
  legalBasis: Type.Array(Provision),
  /** Exemption-list items linked to the offence. */
  exemptions: Type.Array(ExemptionItem),
  guidance: Type.Array(GuidanceSummary),
});
export type LawSearchHit = Static<typeof LawSearchHit>;

export const LawSearchResult = Type.Object({
  q: Type.String(),
  terms: Type.Array(Type.String()),
  on: IsoDate,
  hits: Type.Array(LawSearchHit),
});
export type LawSearchResult = Static<typeof LawSearchResult>;

// ---------------------------------------------------------------------------------------------------------
// The discretion calculator: POST /api/v1/law/discretion

export const RuleLine = Type.Object({
  ruleId: Type.String(),
  article: Type.String(),
  textZh: Type.String(),
  textEn: Type.String(),
});
export type RuleLine = Static<typeof RuleLine>;

export const DiscretionBody = Type.Object({
  /** The offence (any version of its code) by id, or by code. */
  offenceId: Type.Optional(Uuid),
  offenceCode: Type.Optional(Text(40)),
  party: Type.Object({
    type: literals(PARTY_TYPE_CODES),
    /** Natural persons: for the age rules of 处罚法 Art. 30. */
    birthDate: Type.Optional(IsoDate),
  }),
  circumstances: Type.Object({
    actDate: IsoDate,
    decisionDate: IsoDate,
    discoveredOn: Type.Optional(IsoDate),
    continuingUntil: Type.Optional(IsoDate),
    involvesLifeHealthOrFinancialSafety: Type.Optional(Type.Boolean()),
    firstViolation: Type.Boolean(),
    correctedPromptly: Type.Boolean(),
    minorViolation: Type.Optional(Type.Boolean({ default: false })),
    harm: literals(HARMS),
    art32Grounds: Type.Optional(Type.Array(literals(ART32_GROUNDS), { maxItems: ART32_GROUNDS.length, uniqueItems: true })),
    aggravatingFactors: Type.Optional(Type.Array(Text(100), { maxItems: 20 })),
    mentalIncapacityAtAct: Type.Optional(Type.Boolean()),
    partialMentalCapacity: Type.Optional(Type.Boolean()),
    provenNoFault: Type.Optional(Type.Boolean()),
    majorPublicInterest: Type.Optional(Type.Boolean()),
    complexMultipleLegalRelationships: Type.Optional(Type.Boolean()),
    complex: Type.Optional(Type.Boolean()),
    hearingHeld: Type.Optional(Type.Boolean()),
    /** A fine already chosen; the flags are evaluated at it, else at the top of the range. */
    proposedFineFen: Type.Optional(Fen),
    /** Value of the illegal gains or property to confiscate (D4 / E1 「没收较大数额」); none when absent. */
    confiscationFen: Type.Optional(Fen),
  }),
});
export type DiscretionBody = Static<typeof DiscretionBody>;

export const DiscretionResult = Type.Object({
  outcome: Type.Union([Type.Literal('must_not_punish'), Type.Literal('may_exempt'), Type.Literal('penalty')]),
  tier: Nullable(Type.Object({ level: literals(TIER_LEVELS), labelZh: Type.String() })),
  range: Type.Object({ minFen: Fen, maxFen: Fen }),
  /** B1 简易程序 allowed. */
  summaryAllowed: Type.Boolean(),
  /** D4 听证 right must be notified. */
  hearingRightRequired: Type.Boolean(),
  /** E1 法制审核 required. */
  legalReviewRequired: Type.Boolean(),
  /** E2 集体讨论 required. */
  collectiveDeliberationRequired: Type.Boolean(),
  /** The offence version applied (处罚法 Art. 37), or null when none applies. */
  applicableVersion: Nullable(Offence),
  ageAtAct: Nullable(Type.Integer()),
  /** E10: the norm fines only after a refusal to correct. */
  finesOnlyAfterRefusal: Type.Boolean(),
  configEffectiveFrom: IsoDate,
  lines: Type.Array(RuleLine),
});
export type DiscretionResult = Static<typeof DiscretionResult>;

// ---------------------------------------------------------------------------------------------------------
// The deadline engine: POST /api/v1/law/deadlines. `start` means, per kind:
//   period: any start; B4_hand_in: collected (or landed) on; B4_bank_deposit: handed in on; C2: discovered on;
//   C3: preserved on; C4: act date; D2, D5: prior notice served on; D6: hearing date; E4: filed on;
//   F1: decided on; F4: notice published on; G1: decision received on; G2: payment due date; G3: decision
//   received on; H3: seized on; I1: decided on; I2: decision changed on; I4_*, I5, I6: received on.

export const DEADLINE_KINDS = [
  'period',
  'B4_hand_in',
  'B4_bank_deposit',
  'C2',
  'C3',
  'C4',
  'D2',
  'D5',
  'D6',
  'E4',
  'F1',
  'F4',
  'G1',
  'G2',
  'G3',
  'H3',
  'I1',
  'I2',
  'I4_feedback',
  'I4_transfer',
  'I5',
  'I6',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const PERIOD_UNITS = ['working_day', 'calendar_day', 'month', 'year'] as const;
export const PeriodSchema = Type.Object({ unit: literals(PERIOD_UNITS), n: Type.Integer({ minimum: 0, maximum: 3650 }) });
export type PeriodInput = Static<typeof PeriodSchema>;

export const DateIntervalSchema = Type.Object({ from: IsoDate, to: Type.Optional(IsoDate) });

export const DeadlineBody = Type.Object({
  kind: literals(DEADLINE_KINDS),
  start: IsoDate,
  /** kind period. */
  period: Type.Optional(PeriodSchema),
  /** E4: an extension with its legal basis. */
  extension: Type.Optional(Type.Object({ period: PeriodSchema, legalBasis: Text(500, { minLength: 1 }) })),
  /** G1: approved 暂缓 until. */
  deferredUntil: Type.Optional(IsoDate),
  /** G2. */
  fineFen: Type.Optional(Fen),
  asOf: Type.Optional(IsoDate),
  pausedIntervals: Type.Optional(Type.Array(DateIntervalSchema, { maxItems: 20 })),
  /** G3. */
  reviewOrLitigationFiled: Type.Optional(Type.Boolean()),
  reminderServedOn: Type.Optional(IsoDate),
  deferralEndsOn: Type.Optional(IsoDate),
  today: Type.Optional(IsoDate),
  /** C4. */
  discoveredOn: Type.Optional(IsoDate),
  continuingUntil: Type.Optional(IsoDate),
  involvesLifeHealthOrFinancialSafety: Type.Optional(Type.Boolean()),
  harmfulConsequence: Type.Optional(Type.Boolean()),
  /** I6. */
  ticketKind: Type.Optional(literals(['consultation', 'supervision', 'complaint', 'complex'] as const)),
  /** H3. */
  extended: Type.Optional(Type.Boolean()),
  testingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
});
export type DeadlineBody = Static<typeof DeadlineBody>;

export const LegalBasisSchema = Type.Object({ ruleId: Type.String(), articles: Type.Array(Type.String()), text: Type.String() });

export const DeadlineResult = Type.Object({
  kind: literals(DEADLINE_KINDS),
  /** The last day still in time (until 24:00). G2: the day the surcharge reaches the cap; C4: the last day of discovery. */
  due: IsoDate,
  basis: LegalBasisSchema,
  /** False when the period runs through a year with no holiday data (the due date may be wrong). */
  calendarCovered: Type.Boolean(),
  /** G2 on `asOf`. */
  surcharge: Type.Optional(
    Type.Object({ overdueDays: Type.Integer(), pausedDays: Type.Integer(), surchargeFen: Fen, capped: Type.Boolean(), line: RuleLine }),
  ),
  /** G3. */
  courtEnforcement: Type.Optional(
    Type.Object({
      reviewDeadline: IsoDate,
      litigationDeadline: IsoDate,
      reminderWaitEnds: Nullable(IsoDate),
      opensOn: Nullable(IsoDate),
      closesOn: IsoDate,
      canApplyToday: Type.Boolean(),
    }),
  ),
  /** C4. */
  limitationExpired: Type.Optional(Type.Boolean()),
  lines: Type.Array(RuleLine),
});
export type DeadlineResult = Static<typeof DeadlineResult>;

// ---------------------------------------------------------------------------------------------------------
// Working-day calendar: chinese-days data + administrator overrides

export const CalendarQuery = Type.Object({ year: Type.Integer({ minimum: 2004, maximum: 2100 }) });
export type CalendarQuery = Static<typeof CalendarQuery>;

export const CalendarDay = Type.Object({
  date: IsoDate,
  /** 0 = Sunday … 6 = Saturday. */
  weekday: Type.Integer({ minimum: 0, maximum: 6 }),
  kind: Type.Union([Type.Literal('workday'), Type.Literal('holiday')]),
  /** package: chinese-days data or the Monday–Friday rule; override: an administrator's entry. */
  source: Type.Union([Type.Literal('package'), Type.Literal('override')]),
  /** A declared statutory holiday (not just a weekend) or a 调休 working day, with its name. */
  label: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarWarning = Type.Object({ year: Type.Integer(), messageZh: Type.String(), messageEn: Type.String() });

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  covered: Type.Boolean({ description: 'the package has the State Council notice for this year' }),
  days: Type.Array(CalendarDay),
  warnings: Type.Array(CalendarWarning),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const CalendarOverrideBody = Type.Object({
  kind: Type.Union([Type.Literal('workday'), Type.Literal('holiday')]),
  note: MultilineText(500, { minLength: 1, description: 'e.g. the notice number 国办发明电〔2025〕…' }),
});
export type CalendarOverrideBody = Static<typeof CalendarOverrideBody>;

export const CalendarOverride = Type.Object({
  date: IsoDate,
  kind: Type.Union([Type.Literal('workday'), Type.Literal('holiday')]),
  note: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type CalendarOverride = Static<typeof CalendarOverride>;

// ---------------------------------------------------------------------------------------------------------
// Legal configuration (LegalConfig), versioned by effective date; SHANGHAI_DEFAULTS is the first version.

const PerPartyFen = Type.Object({ natural_person: Fen, legal_person: Fen, other_org: Fen });
const WorkingDays = Type.Integer({ minimum: 1, maximum: 60 });

export const LegalConfigValues = Type.Object({
  hearingThresholdFen: PerPartyFen,
  confiscationHearingThresholdFen: PerPartyFen,
  statementPeriodWorkingDays: WorkingDays,
  filingWorkingDays: WorkingDays,
  complaintHotline: Type.Object({
    consultationWorkingDays: WorkingDays,
    supervisionWorkingDays: WorkingDays,
    complaintWorkingDays: WorkingDays,
    complexWorkingDays: WorkingDays,
  }),
  majorCaseRule: Type.Object({
    fineThresholdFen: PerPartyFen,
    penaltyTypes: Type.Array(literals(PENALTY_TYPES), { maxItems: PENALTY_TYPES.length, uniqueItems: true }),
  }),
  disclosureWorkingDays: WorkingDays,
  businessPublicationYears: Type.Integer({ minimum: 1, maximum: 10 }),
  naturalPersonPublicationYears: Type.Integer({ minimum: 1, maximum: 10 }),
  publicNoticeServiceDays: Type.Integer({ minimum: 1, maximum: 365 }),
  shanghaiLegalReviewAdditions: Type.Boolean(),
  ageCountsFromDayAfterBirthday: Type.Boolean(),
});
export type LegalConfigValues = Static<typeof LegalConfigValues>;
export const LEGAL_CONFIG_KEYS = Object.keys(LegalConfigValues.properties) as (keyof LegalConfigValues)[];

/** Names of the configuration values for the console. */
export const LEGAL_CONFIG_LABELS: Record<keyof LegalConfigValues, { zh: string; en: string }> = {
  hearingThresholdFen: { zh: '听证“较大数额罚款”标准', en: 'Hearing threshold (large fine)' },
  confiscationHearingThresholdFen: { zh: '听证“较大数额没收”标准', en: 'Hearing threshold (large confiscation)' },
  statementPeriodWorkingDays: { zh: '陈述申辩期限（工作日）', en: 'Statement period (working days)' },
  filingWorkingDays: { zh: '立案期限（工作日）', en: 'Filing limit (working days)' },
  complaintHotline: { zh: '12345 工单办理时限', en: '12345 ticket limits' },
  majorCaseRule: { zh: '重大案件（集体讨论）标准', en: 'Major case rule (collective deliberation)' },
  disclosureWorkingDays: { zh: '处罚决定公开期限（工作日）', en: 'Publication limit (working days)' },
  businessPublicationYears: { zh: '经营主体处罚信息公示期限（年）', en: 'Publication period, business entities (years)' },
  naturalPersonPublicationYears: { zh: '自然人处罚信息公示期限（年）', en: 'Publication period, natural persons (years)' },
  publicNoticeServiceDays: { zh: '公告送达期间（日）', en: 'Service by public notice (days)' },
  shanghaiLegalReviewAdditions: { zh: '适用上海法制审核补充情形', en: 'Shanghai legal-review additions' },
  ageCountsFromDayAfterBirthday: { zh: '周岁自生日次日起算', en: 'Age counts from the day after the birthday' },
};

export const ConfigValueSource = Type.Object({ mark: VerificationMarkSchema, source: Text(500, { minLength: 1 }) });

export const LegalConfigVersion = Type.Object({
  id: Uuid,
  effectiveFrom: IsoDate,
  /** The day before the next version takes effect; null for the latest. */
  effectiveTo: Nullable(IsoDate),
  note: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  createdByName: Nullable(Type.String()),
  values: LegalConfigValues,
  /** Each value with its source and verification mark. */
  entries: Type.Array(
    Type.Object({
      key: Type.String(),
      labelZh: Type.String(),
      labelEn: Type.String(),
      value: Type.Unknown(),
      mark: VerificationMarkSchema,
      source: Type.String(),
    }),
  ),
});
export type LegalConfigVersion = Static<typeof LegalConfigVersion>;

export const LegalConfigQuery = Type.Object({ on: Type.Optional(IsoDate) });
export type LegalConfigQuery = Static<typeof LegalConfigQuery>;

export const LegalConfigOverview = Type.Object({
  on: IsoDate,
  current: LegalConfigVersion,
  versions: Type.Array(LegalConfigVersion),
});
export type LegalConfigOverview = Static<typeof LegalConfigOverview>;

/**
 * A new version from `effectiveFrom`: values not given are copied from the version in force that day.
 * A changed value without a source gets mark U and the source "administrator, <date>".
 */
export const LegalConfigBody = Type.Object({
  effectiveFrom: IsoDate,
  note: MultilineText(1000, { minLength: 1 }),
  values: Type.Partial(LegalConfigValues),
  sources: Type.Optional(Type.Partial(Type.Object(Object.fromEntries(LEGAL_CONFIG_KEYS.map((k) => [k, ConfigValueSource]))))),
});
export type LegalConfigBody = Static<typeof LegalConfigBody>;
