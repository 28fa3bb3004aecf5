// The party's portal (当事人门户, issue 5): public routes under /api/portal/*, a one-time code to the phone on the
// case's party record, then a portal session (cookie `cg_portal`) scoped to that one case.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { Code, IsoDate, MultilineText, Sm3Hex, Text, Uuid } from './common.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const PORTAL_COOKIE = 'cg_portal';

/** 文号 of any numbered document of the case, or the 当场处罚 ticket number. */
export const PortalCodeRequestBody = Type.Object({ documentNumber: Text(100, { minLength: 2 }) });
export type PortalCodeRequestBody = Static<typeof PortalCodeRequestBody>;

/** The same answer whether or not the number exists. */
export const PortalCodeRequested = Type.Object({
  message: Type.String(),
  messageEn: Type.String(),
  /** Seconds before another code may be requested for this number. */
  resendAfterSeconds: Type.Integer(),
  /** Seconds a code stays valid. */
  validSeconds: Type.Integer(),
});
export type PortalCodeRequested = Static<typeof PortalCodeRequested>;

export const PortalLoginBody = Type.Object({
  documentNumber: Text(100, { minLength: 2 }),
  code: Code('^\\d{6}$', 6),
});
export type PortalLoginBody = Static<typeof PortalLoginBody>;

export const PARTY_DEADLINE_KINDS = ['statement', 'hearing_request', 'payment', 'review', 'litigation'] as const;

export const PortalDeadline = Type.Object({
  kind: literals(PARTY_DEADLINE_KINDS),
  titleZh: Type.String(),
  dueDate: IsoDate,
  daysLeft: Type.Integer(),
  state: literals(['open', 'done', 'passed'] as const),
  ruleId: Type.String(),
  articles: Type.Array(Type.String()),
  text: Type.String(),
  doneOn: Nullable(IsoDate),
  surchargeFen: Nullable(Type.Integer()),
});
export type PortalDeadline = Static<typeof PortalDeadline>;

export const PortalDocument = Type.Object({
  id: Type.String(),
  title: Type.String(),
  number: Nullable(Type.String()),
  issuedOn: IsoDate,
  /** A PDF can be downloaded (issued documents); numbered records without a PDF yet are only listed. */
  hasPdf: Type.Boolean(),
});
export type PortalDocument = Static<typeof PortalDocument>;

/** Whether the portal takes the act today, and if not, why (rule ID, article and the due date in plain words). */
export const PortalAction = Type.Object({
  allowed: Type.Boolean(),
  reason: Nullable(Type.String()),
  rule: Nullable(Type.String()),
});
export type PortalAction = Static<typeof PortalAction>;

export const PORTAL_SUBMISSION_KINDS = ['statement', 'hearing_request', 'service_consent', 'deferral', 'instalments'] as const;

export const PortalSubmission = Type.Object({
  id: Uuid,
  kind: literals(PORTAL_SUBMISSION_KINDS),
  legalDate: IsoDate,
  content: Nullable(Type.String()),
  attachments: Type.Array(Sm3Hex),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PortalSubmission = Static<typeof PortalSubmission>;

/** What the party handed in through the portal, as the officers of the case read it (files opened through the case). */
export const CasePortalSubmission = Type.Object({
  id: Uuid,
  kind: literals(PORTAL_SUBMISSION_KINDS),
  legalDate: IsoDate,
  content: Nullable(Type.String()),
  files: Type.Array(
    Type.Object({ sm3: Sm3Hex, size: Type.Integer(), mime: Type.String(), role: literals(['attachment', 'signature'] as const) }),
  ),
  signerName: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type CasePortalSubmission = Static<typeof CasePortalSubmission>;

export const PortalCase = Type.Object({
  agencyName: Type.String(),
  caseNumber: Nullable(Type.String()),
  procedure: literals(['ordinary', 'summary'] as const),
  stateText: Type.String(),
  offenceName: Type.String(),
  location: Type.String(),
  facts: Type.String(),
  partyName: Type.String(),
  /** The phone on record, masked (138****5678). */
  phoneMasked: Nullable(Type.String()),
  today: IsoDate,
  decision: Nullable(
    Type.Object({
      decidedOn: IsoDate,
      outcomeText: Type.String(),
      penaltyText: Type.String(),
      fineFen: Type.Integer(),
      servedOn: Nullable(IsoDate),
    }),
  ),
  proposedPenaltyText: Nullable(Type.String()),
  documentNumbers: Type.Array(Type.String()),
  documents: Type.Array(PortalDocument),
  deadlines: Type.Array(PortalDeadline),
  electronicServiceConsentOn: Nullable(IsoDate),
  actions: Type.Object({
    statement: PortalAction,
    hearingRequest: PortalAction,
    serviceConsent: PortalAction,
    payment: PortalAction,
  }),
  submissions: Type.Array(PortalSubmission),
  /**
   * 处罚法 Art. 41: an off-site case's images and video, for the party to see (GET /api/portal/evidence/:id/file);
   * empty for other cases.
   */
  evidence: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), mime: Type.String(), collectedOn: Type.String() })),
  sessionExpiresAt: Type.String({ format: 'date-time' }),
});
export type PortalCase = Static<typeof PortalCase>;

export const PortalStatementBody = Type.Object({
  content: MultilineText(20000, { minLength: 1 }),
  /** SM3 of files uploaded first through POST /api/portal/files. */
  attachments: Type.Optional(Type.Array(Sm3Hex, { maxItems: 10, uniqueItems: true })),
});
export type PortalStatementBody = Static<typeof PortalStatementBody>;

export const PortalHearingBody = Type.Object({ reason: Type.Optional(MultilineText(2000)) });
export type PortalHearingBody = Static<typeof PortalHearingBody>;

/** 电子送达地址确认书: the address (his phone or e-mail), his typed name and his drawn signature (PNG, base64). */
export const PortalServiceConsentBody = Type.Object({
  channel: literals(['sms', 'email'] as const),
  address: Text(100, { minLength: 3 }),
  signerName: Text(50, { minLength: 1 }),
  signaturePngBase64: Text(700_000, { minLength: 60 }),
  agreed: Type.Literal(true),
});
export type PortalServiceConsentBody = Static<typeof PortalServiceConsentBody>;

export const PortalUploadedFile = Type.Object({ sm3: Sm3Hex, size: Type.Integer(), mime: Type.String() });
export type PortalUploadedFile = Static<typeof PortalUploadedFile>;
