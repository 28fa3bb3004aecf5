// 信用 (issue 15 §7; docs/credit.md): the credit catalogue and settings, credit records of decisions and their exchange
// with the city credit platform, 信用修复 from the portal, the 专用信用报告.
import { Type, type Static } from '@sinclair/typebox';
import { Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Text, Uuid } from './common.ts';

export const CREDIT_SEVERITIES = ['general', 'serious'] as const;
export const CREDIT_RECORD_STATUSES = ['published', 'repaired', 'withdrawn'] as const;
export const CREDIT_REPAIR_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const CREDIT_OUTBOX_STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;

export const CreditSettingsView = Type.Object({
  bureauId: Uuid,
  publishMonths: Type.Integer(),
  repairMinMonthsGeneral: Type.Integer(),
  repairMinMonthsSerious: Type.Integer(),
  repairConditions: Type.Array(Type.String()),
  /** The credit platform connector in use: the local simulator, or off. */
  connector: Type.Object({ name: Type.String(), simulator: Type.Boolean(), labelZh: Type.String(), labelEn: Type.String() }),
});
export type CreditSettingsView = Static<typeof CreditSettingsView>;

export const PutCreditSettingsBody = Type.Object({
  bureauId: Uuid,
  publishMonths: Int(1, 120),
  repairMinMonthsGeneral: Int(0, 120),
  repairMinMonthsSerious: Int(0, 120),
  repairConditions: Type.Array(Text(200, { minLength: 2 }), { maxItems: 10 }),
});
export type PutCreditSettingsBody = Static<typeof PutCreditSettingsBody>;

export const BureauIdQuery = Type.Object({ bureauId: Uuid });
export type BureauIdQuery = Static<typeof BureauIdQuery>;

export const CreditCatalogueLineView = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  offenceCode: Type.String(),
  /** The offence's name in the law library. */
  offenceName: Nullable(Type.String()),
  record: Type.Boolean(),
  severity: literals(CREDIT_SEVERITIES),
  publishMonths: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
});
export type CreditCatalogueLineView = Static<typeof CreditCatalogueLineView>;

/** The catalogue of one bureau: search by offence code or name, filter by record / severity, paged. */
export const CreditCatalogueQuery = Type.Object({
  bureauId: Uuid,
  ...PageQuery,
  q: Type.Optional(Text(60)),
  record: Type.Optional(Type.Boolean()),
  severity: Type.Optional(literals(CREDIT_SEVERITIES)),
});
export type CreditCatalogueQuery = Static<typeof CreditCatalogueQuery>;

export const SaveCreditCatalogueLineBody = Type.Object({
  bureauId: Uuid,
  offenceCode: Text(40, { minLength: 1 }),
  record: Type.Boolean(),
  severity: literals(CREDIT_SEVERITIES),
  publishMonths: Type.Optional(Nullable(Int(1, 120))),
  note: Type.Optional(Nullable(Text(200))),
});
export type SaveCreditCatalogueLineBody = Static<typeof SaveCreditCatalogueLineBody>;

export const CreditRecordView = Type.Object({
  id: Uuid,
  caseId: Uuid,
  orgId: Uuid,
  subjectType: Type.String(),
  subjectName: Type.String(),
  subjectCode: Nullable(Type.String()),
  offenceCode: Type.String(),
  offenceProvision: Type.String(),
  documentNumber: Type.String(),
  penaltyText: Type.String(),
  decidedOn: IsoDate,
  severity: literals(CREDIT_SEVERITIES),
  publishUntil: IsoDate,
  repairPossibleOn: IsoDate,
  status: literals(CREDIT_RECORD_STATUSES),
  withdrawnOn: Nullable(IsoDate),
  withdrawnReason: Nullable(Type.String()),
  /** The last message to the credit platform about this record. */
  exchange: Nullable(
    Type.Object({
      op: Type.String(),
      status: literals(CREDIT_OUTBOX_STATUSES),
      attempts: Type.Integer(),
      lastError: Nullable(Type.String()),
      sentAt: Nullable(IsoDateTime),
    }),
  ),
});
export type CreditRecordView = Static<typeof CreditRecordView>;

export const CreditRecordQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  status: Type.Optional(literals(CREDIT_RECORD_STATUSES)),
  q: Type.Optional(Text(60)),
  decidedFrom: Type.Optional(IsoDate),
  decidedTo: Type.Optional(IsoDate),
  ...PageQuery,
});
export type CreditRecordQuery = Static<typeof CreditRecordQuery>;

export const CreditRepairView = Type.Object({
  id: Uuid,
  recordId: Uuid,
  status: literals(CREDIT_REPAIR_STATUSES),
  applicant: Type.String(),
  corrected: Type.String(),
  commitment: Type.String(),
  conditions: Type.Array(Type.String()),
  appliedAt: IsoDateTime,
  decidedAt: Nullable(IsoDateTime),
  decisionNote: Nullable(Type.String()),
  subjectName: Type.String(),
  documentNumber: Type.String(),
  repairPossibleOn: IsoDate,
});
export type CreditRepairView = Static<typeof CreditRepairView>;

export const CreditRepairQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  status: Type.Optional(literals(CREDIT_REPAIR_STATUSES)),
  ...PageQuery,
});
export type CreditRepairQuery = Static<typeof CreditRepairQuery>;

export const DecideCreditRepairBody = Type.Object({
  approve: Type.Boolean(),
  note: MultilineText(500, { minLength: 2 }),
});
export type DecideCreditRepairBody = Static<typeof DecideCreditRepairBody>;

/** The party's application in the portal (his case's record). */
export const PortalCreditRepairBody = Type.Object({
  applicant: Text(60, { minLength: 1 }),
  phone: Type.Optional(Text(20)),
  corrected: MultilineText(1000, { minLength: 2 }),
  commitment: MultilineText(1000, { minLength: 2 }),
  /** Every condition of the bureau's list, confirmed. */
  conditions: Type.Array(Text(200), { maxItems: 10 }),
});
export type PortalCreditRepairBody = Static<typeof PortalCreditRepairBody>;

export const PortalCreditState = Type.Object({
  record: Nullable(
    Type.Object({
      id: Uuid,
      documentNumber: Type.String(),
      decidedOn: IsoDate,
      publishUntil: IsoDate,
      repairPossibleOn: IsoDate,
      status: literals(CREDIT_RECORD_STATUSES),
    }),
  ),
  conditions: Type.Array(Type.String()),
  repairs: Type.Array(CreditRepairView),
});
export type PortalCreditState = Static<typeof PortalCreditState>;

export const CreditReportBody = Type.Object({
  bureauId: Uuid,
  subjectCode: Text(30, { minLength: 2 }),
  subjectName: Text(100, { minLength: 1 }),
  periodFrom: IsoDate,
  periodTo: IsoDate,
});
export type CreditReportBody = Static<typeof CreditReportBody>;

export const CreditReportView = Type.Object({
  id: Uuid,
  documentId: Uuid,
  subjectCode: Type.String(),
  subjectName: Type.String(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  recordCount: Type.Integer(),
  verifyPath: Type.String(),
  createdAt: IsoDateTime,
});
export type CreditReportView = Static<typeof CreditReportView>;

/** What the credit platform receives (signed, carrying its idempotency key). */
export const CreditPlatformMessage = Type.Object({
  idempotencyKey: Text(200, { minLength: 1 }),
  op: literals(['publish', 'withdraw'] as const),
  recordId: Uuid,
  subjectName: Text(200, { minLength: 1 }),
  subjectCode: Type.Optional(Text(30)),
  documentNumber: Text(100, { minLength: 1 }),
  decidedOn: IsoDate,
  publishUntil: IsoDate,
  reason: Type.Optional(Text(600)),
  at: IsoDateTime,
});
export type CreditPlatformMessage = Static<typeof CreditPlatformMessage>;
