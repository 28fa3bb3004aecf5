// 行政执法公示 (issue 5): penalty decisions published with personal data redacted (I1), withdrawn with the reason when
// changed, revoked, confirmed illegal or confirmed void (I2). Public routes under /api/public/disclosures.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { IsoDate, MultilineText, PageQuery, Text, Uuid } from './common.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const DISCLOSURE_STATES = ['pending', 'published', 'withdrawal_pending', 'withdrawn'] as const;
export type DisclosureStateCode = (typeof DISCLOSURE_STATES)[number];
export const DISCLOSURE_STATE_ZH: Record<DisclosureStateCode, string> = {
  pending: '待公示',
  published: '已公示',
  withdrawal_pending: '待撤回',
  withdrawn: '已撤回',
};

export const DISCLOSURE_CHANGE_KINDS = ['changed', 'revoked', 'confirmed_illegal', 'confirmed_void'] as const;
export type DisclosureChangeKindCode = (typeof DISCLOSURE_CHANGE_KINDS)[number];
export const DISCLOSURE_CHANGE_ZH: Record<DisclosureChangeKindCode, string> = {
  changed: '决定被依法变更',
  revoked: '决定被依法撤销',
  confirmed_illegal: '决定被确认违法',
  confirmed_void: '决定被确认无效',
};

/** The published (redacted) content. */
export const DisclosureContent = Type.Object({
  documentNumber: Type.String(),
  partyType: literals(['natural_person', 'legal_person', 'other_org'] as const),
  /** 王** for a natural person; the full name for an organisation. */
  partyName: Type.String(),
  /** 统一社会信用代码 of an organisation; never a person's ID number. */
  creditCode: Nullable(Type.String()),
  facts: Type.String(),
  location: Type.String(),
  legalBasis: Type.String(),
  penalty: Type.String(),
  agencyName: Type.String(),
  decidedOn: IsoDate,
});
export type DisclosureContent = Static<typeof DisclosureContent>;

export const DisclosureWithdrawal = Type.Object({
  kind: literals(DISCLOSURE_CHANGE_KINDS),
  kindText: Type.String(),
  changeOn: IsoDate,
  body: Type.String(),
  reason: Type.String(),
  withdrawnOn: Nullable(IsoDate),
});
export type DisclosureWithdrawal = Static<typeof DisclosureWithdrawal>;

/**
 * A public entry. A withdrawn decision keeps only a withdrawal notice (document number, agency, dates, the reason):
 * its party, facts and penalty are no longer shown.
 */
export const PublicDisclosure = Type.Object({
  id: Uuid,
  state: literals(['published', 'withdrawn'] as const),
  documentNumber: Type.String(),
  agencyName: Type.String(),
  decidedOn: IsoDate,
  publishedOn: IsoDate,
  /** I3: the last day on the public page (null: no statutory end). */
  publicUntil: Nullable(IsoDate),
  content: Nullable(DisclosureContent),
  withdrawal: Nullable(DisclosureWithdrawal),
});
export type PublicDisclosure = Static<typeof PublicDisclosure>;

export const PublicDisclosureQuery = Type.Object({
  ...PageQuery,
  agency: Type.Optional(Text(100)),
  fromDate: Type.Optional(IsoDate),
  toDate: Type.Optional(IsoDate),
  keyword: Type.Optional(Text(100)),
});
export type PublicDisclosureQuery = Static<typeof PublicDisclosureQuery>;

export const DisclosureAgencies = Type.Object({ items: Type.Array(Type.String()) });
export type DisclosureAgencies = Static<typeof DisclosureAgencies>;

export const DISCLOSURE_OVERDUE_KINDS = ['publish', 'withdrawal'] as const;

/** One entry of the console list 「公示管理」. */
export const DisclosureItem = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  orgName: Type.String(),
  documentNumber: Type.String(),
  agencyName: Type.String(),
  decidedOn: IsoDate,
  state: literals(DISCLOSURE_STATES),
  /** I1 last day to publish. */
  publishDueOn: IsoDate,
  publishedOn: Nullable(IsoDate),
  /** I3: the last day on the public page (null: no statutory end). */
  publicUntil: Nullable(IsoDate),
  /** I2 last day to withdraw, once a change is recorded. */
  withdrawalDueOn: Nullable(IsoDate),
  withdrawnOn: Nullable(IsoDate),
  /** Not done and past the due day (or done after it). */
  overdue: Nullable(literals(DISCLOSURE_OVERDUE_KINDS)),
  content: DisclosureContent,
  withdrawal: Nullable(DisclosureWithdrawal),
});
export type DisclosureItem = Static<typeof DisclosureItem>;

export const DisclosureListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(literals(DISCLOSURE_STATES)),
  overdue: Type.Optional(Type.Boolean()),
  fromDate: Type.Optional(IsoDate),
  toDate: Type.Optional(IsoDate),
  keyword: Type.Optional(Text(100)),
});
export type DisclosureListQuery = Static<typeof DisclosureListQuery>;

/** I2: the decision was changed / revoked / confirmed illegal / confirmed void on `changeOn` by `body`. */
export const DisclosureWithdrawalBody = Type.Object({
  kind: literals(DISCLOSURE_CHANGE_KINDS),
  changeOn: IsoDate,
  body: Text(200, { minLength: 1 }),
  reason: MultilineText(2000, { minLength: 1 }),
});
export type DisclosureWithdrawalBody = Static<typeof DisclosureWithdrawalBody>;
