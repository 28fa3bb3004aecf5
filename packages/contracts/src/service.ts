// 送达 (service): the party's consent to electronic service (F2) and one record per service of an issued document
// by one lawful method (处罚法 Art. 61 → 民诉法 Arts. 87–95; 沪条例 Art. 25). Recording the service of the
// 行政处罚决定书 also takes the case step serveDecision; of the 催告书, startEnforcement {kind: 'reminder'}.
//
// GET  /api/v1/cases/:id/services                    ServiceOverview
// POST /api/v1/cases/:id/service-consents            ServiceConsentBody → ServiceConsent (paper confirmation)
// POST /api/v1/cases/:id/services                    RecordServiceBody → ServiceRecord
// GET  /api/v1/cases/:id/services/:serviceId/receipt.pdf   the 送达回证 (when the documents module issued it)
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { ExpectedVersion, IsoDate, MultilineText, Sm3Hex, Text, Uuid } from './common.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));
const Instant = Type.String({ format: 'date-time' });

/** The methods an officer records (宣告后当场交付 is recorded through the decision step itself). */
export const SERVICE_RECORD_METHODS = ['direct', 'lien', 'mail', 'electronic', 'public_notice'] as const;
export type ServiceRecordMethod = (typeof SERVICE_RECORD_METHODS)[number];
export const SERVICE_RECORD_METHOD_ZH: Record<ServiceRecordMethod, string> = {
  direct: '直接送达',
  lien: '留置送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};

export const SERVICE_STATUSES = ['served', 'pending', 'failed'] as const;
export type ServiceStatusCode = (typeof SERVICE_STATUSES)[number];

export const E_SERVICE_CHANNELS = ['sms', 'email'] as const;

/** F2: a paper 电子送达地址确认书 recorded by the officer (the portal records its own). */
export const ServiceConsentBody = Type.Object({
  signedOn: IsoDate,
  channel: literals(E_SERVICE_CHANNELS),
  /** Mobile number (sms) or e-mail address the documents go to. */
  address: Text(100, { minLength: 1 }),
  /** The scanned signed confirmation, uploaded first (POST /api/v1/files). */
  signatureSm3: Type.Optional(Sm3Hex),
  expectedVersion: Type.Optional(ExpectedVersion),
});
export type ServiceConsentBody = Static<typeof ServiceConsentBody>;

export const ServiceConsent = Type.Object({
  id: Uuid,
  signedOn: IsoDate,
  channel: literals(E_SERVICE_CHANNELS),
  address: Type.String(),
  signatureSm3: Nullable(Sm3Hex),
  via: literals(['portal', 'paper'] as const),
  createdAt: Instant,
  createdByName: Nullable(Type.String()),
});
export type ServiceConsent = Static<typeof ServiceConsent>;

/**
 * One service. Fields by method — direct: servedOn, recipientName, signatureSm3 or refusalNote (then the lien rule:
 * witnessName or mediaSm3, F3); lien: servedOn, address, witnessName or mediaSm3 (F3); mail: trackingNumber,
 * postedOn, receivedOn (the return card); electronic: nothing else (the consent's address; served when the message
 * arrives, F2); public_notice: noticeReason, medium, publishedOn (deemed served after 60 days, F4).
 */
export const RecordServiceBody = Type.Object({
  documentId: Uuid,
  method: literals(SERVICE_RECORD_METHODS),
  servedOn: Type.Optional(IsoDate),
  recipientName: Type.Optional(Text(100)),
  signatureSm3: Type.Optional(Sm3Hex),
  refusalNote: Type.Optional(MultilineText(500)),
  witnessName: Type.Optional(Text(100)),
  mediaSm3: Type.Optional(Sm3Hex),
  address: Type.Optional(Text(300)),
  trackingNumber: Type.Optional(Text(50)),
  postedOn: Type.Optional(IsoDate),
  receivedOn: Type.Optional(IsoDate),
  noticeReason: Type.Optional(MultilineText(1000)),
  medium: Type.Optional(Text(200)),
  publishedOn: Type.Optional(IsoDate),
  note: Type.Optional(MultilineText(2000)),
});
export type RecordServiceBody = Static<typeof RecordServiceBody>;

export const ServiceRecord = Type.Object({
  id: Uuid,
  documentId: Uuid,
  documentKind: Type.String(),
  documentTitle: Type.String(),
  documentNumber: Nullable(Type.String()),
  method: literals(SERVICE_RECORD_METHODS),
  status: literals(SERVICE_STATUSES),
  /** The legal service date (null while pending). */
  servedOn: Nullable(IsoDate),
  /** F4: the deemed service date of a public notice. */
  deemedOn: Nullable(IsoDate),
  recipientName: Nullable(Type.String()),
  signatureSm3: Nullable(Sm3Hex),
  refusalNote: Nullable(Type.String()),
  witnessName: Nullable(Type.String()),
  mediaSm3: Nullable(Sm3Hex),
  address: Nullable(Type.String()),
  trackingNumber: Nullable(Type.String()),
  postedOn: Nullable(IsoDate),
  messageId: Nullable(Uuid),
  noticeReason: Nullable(Type.String()),
  medium: Nullable(Type.String()),
  publishedOn: Nullable(IsoDate),
  /** The case step taken with this service: serveDecision, startEnforcement (催告), or none (informational). */
  caseStep: Nullable(Type.String()),
  /** The 送达回证, once issued. */
  receiptDocumentId: Nullable(Uuid),
  note: Nullable(Type.String()),
  createdAt: Instant,
  createdByName: Nullable(Type.String()),
});
export type ServiceRecord = Static<typeof ServiceRecord>;

/** A document of the case that can be served. */
export const ServableDocument = Type.Object({
  id: Uuid,
  kind: Type.String(),
  title: Type.String(),
  number: Nullable(Type.String()),
  issuedOn: IsoDate,
  /** Served already (by a record with status served). */
  servedOn: Nullable(IsoDate),
});
export type ServableDocument = Static<typeof ServableDocument>;

export const ServiceOverview = Type.Object({
  today: IsoDate,
  /** F2: the consent in force (latest), if any. */
  electronicServiceConsentOn: Nullable(IsoDate),
  consents: Type.Array(ServiceConsent),
  documents: Type.Array(ServableDocument),
  services: Type.Array(ServiceRecord),
  /** F4: a public notice waiting for its deemed service date. */
  pendingDeemedService: Nullable(Type.Object({ serviceId: Uuid, publishedOn: IsoDate, deemedOn: IsoDate })),
  /** F1: the day by which the decision must be served (null when not decided or already served). */
  decisionServiceDue: Nullable(IsoDate),
  canWrite: Type.Boolean(),
});
export type ServiceOverview = Static<typeof ServiceOverview>;
