// 执法文书: document kinds, templates (data, editable by administrators), issued documents, the public verify
// answer and the bureau's seal and signature settings.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { FEN_MAX, Int, INT4_MAX, IsoDate, MultilineText, Sm3Hex, Text, Uuid } from './common.ts';

const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const DOCUMENT_KINDS = [
  'filing_approval',
  'inspection_record',
  'questioning_record',
  'correction_order',
  'preservation_notice',
  'investigation_report',
  'legal_review_opinion',
  'deliberation_minutes',
  'prior_notice',
  'hearing_notice',
  'hearing_record',
  'decision',
  'summary_decision',
  'no_penalty_decision',
  'service_receipt',
  'payment_reminder',
  'court_application',
  'closing_report',
  'cash_receipt',
  'e_service_consent',
  'transfer_letter',
  'offsite_notice',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DocumentKindSchema = literals(DOCUMENT_KINDS);

export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** The printed title of each kind (also the console label) and its English name. */
export const DOCUMENT_KIND_TITLES: Record<DocumentKind, { zh: string; en: string }> = {
  filing_approval: { zh: '立案审批表', en: 'Case filing approval form' },
  inspection_record: { zh: '现场检查（勘验）笔录', en: 'On-site inspection record' },
  questioning_record: { zh: '询问笔录', en: 'Questioning record' },
  correction_order: { zh: '责令（限期）改正通知书', en: 'Order to correct' },
  preservation_notice: { zh: '先行登记保存通知书', en: 'Notice of registered preservation of evidence' },
  investigation_report: { zh: '案件调查终结报告', en: 'Investigation report' },
  legal_review_opinion: { zh: '法制审核意见书', en: 'Legal review opinion' },
  deliberation_minutes: { zh: '集体讨论记录', en: 'Collective deliberation minutes' },
  prior_notice: { zh: '行政处罚事先告知书', en: 'Prior notice of administrative penalty' },
  hearing_notice: { zh: '听证通知书', en: 'Hearing notice' },
  hearing_record: { zh: '听证笔录', en: 'Hearing record' },
  decision: { zh: '行政处罚决定书', en: 'Administrative penalty decision' },
  summary_decision: { zh: '当场行政处罚决定书', en: 'On-the-spot penalty decision' },
  no_penalty_decision: { zh: '不予行政处罚决定书', en: 'Decision not to penalise' },
  service_receipt: { zh: '送达回证', en: 'Proof of service' },
  payment_reminder: { zh: '催告书', en: 'Payment reminder (催告书)' },
  court_application: { zh: '强制执行申请书', en: 'Application for court enforcement' },
  closing_report: { zh: '结案报告', en: 'Case closing report' },
  transfer_letter: { zh: '案件移送函', en: 'Case transfer letter' },
  cash_receipt: { zh: '罚没款收据（当场收缴）', en: 'Receipt for on-the-spot collection' },
  e_service_consent: { zh: '电子送达地址确认书', en: 'Electronic service address confirmation' },
  offsite_notice: { zh: '非现场执法告知书', en: 'Off-site enforcement notice' },
};

// ---------------------------------------------------------------------------------------------------------
// Templates: a list of blocks; text holds {{path}} placeholders and {{#path}}…{{/path}} / {{^path}}…{{/path}}
// sections (see packages/domain/src/documents/template.ts).

const TemplateText = MultilineText(4000);
export const TemplateBlock = Type.Union([
  Type.Object({ type: Type.Literal('heading'), text: TemplateText, align: Type.Optional(literals(['left', 'center'])) }),
  Type.Object({
    type: Type.Literal('paragraph'),
    text: TemplateText,
    /** First-line indent of two characters (default true), as in official documents. */
    indent: Type.Optional(Type.Boolean()),
    align: Type.Optional(literals(['left', 'center', 'right'])),
    bold: Type.Optional(Type.Boolean()),
  }),
  Type.Object({
    type: Type.Literal('fields'),
    rows: Type.Array(Type.Object({ label: Text(60), value: TemplateText }), { maxItems: 60 }),
    /** Label/value pairs per row (1 or 2). */
    columns: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
  }),
  Type.Object({
    type: Type.Literal('table'),
    /** Path of an array in the data; one row per element. */
    rows: Text(200),
    columns: Type.Array(
      Type.Object({ header: Text(60), value: TemplateText, width: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })) }),
      { minItems: 1, maxItems: 10 },
    ),
    empty: Type.Optional(Text(200)),
  }),
  Type.Object({
    type: Type.Literal('signature'),
    /** Lines right-aligned above the date, e.g. the agency name. */
    lines: Type.Array(TemplateText, { maxItems: 6 }),
    date: TemplateText,
    seal: Type.Boolean(),
    /** Print the leader's signature image configured for the bureau. */
    leaderSignature: Type.Optional(Type.Boolean()),
  }),
  Type.Object({ type: Type.Literal('spacer'), size: Type.Optional(Type.Number({ minimum: 1, maximum: 200 })) }),
  Type.Object({ type: Type.Literal('note'), text: TemplateText }),
  Type.Object({
    type: Type.Literal('signatures'),
    /** Sign-here lines of a 笔录 / 回证 (label with a blank and a date). */
    labels: Type.Array(Text(60), { minItems: 1, maxItems: 8 }),
  }),
]);
export type TemplateBlock = Static<typeof TemplateBlock>;

export const DocumentTemplateBody = Type.Object({
  title: Text(60, { minLength: 1 }),
  blocks: Type.Array(TemplateBlock, { minItems: 1, maxItems: 200 }),
});
export type DocumentTemplateBody = Static<typeof DocumentTemplateBody>;

export const TEMPLATE_SCOPES = ['city', 'bureau'] as const;
export type TemplateScope = (typeof TEMPLATE_SCOPES)[number];

export const TemplateSummary = Type.Object({
  kind: DocumentKindSchema,
  title: Type.String(),
  titleEn: Type.String(),
  /** Which template the actor's documents use now: the bureau override, the city's saved version or the built-in. */
  effective: literals(['builtin', 'city', 'bureau']),
  cityVersion: Type.Integer(),
  bureauVersion: Nullable(Type.Integer()),
  updatedAt: Nullable(Instant),
});
export type TemplateSummary = Static<typeof TemplateSummary>;

export const TemplateList = Type.Object({
  /** The 市局 administrator edits the city default; others only their bureau's override. */
  canEditCity: Type.Boolean(),
  bureauId: Nullable(Uuid),
  items: Type.Array(TemplateSummary),
});
export type TemplateList = Static<typeof TemplateList>;

export const TemplateVersion = Type.Object({
  version: Type.Integer(),
  scope: literals(TEMPLATE_SCOPES),
  bureauId: Nullable(Uuid),
  /** null: the bureau override was removed (the city default applies again). */
  body: Nullable(DocumentTemplateBody),
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Nullable(Instant),
});
export type TemplateVersion = Static<typeof TemplateVersion>;

export const PlaceholderInfo = Type.Object({ path: Type.String(), label: Type.String(), kind: Type.String() });
export type PlaceholderInfo = Static<typeof PlaceholderInfo>;

export const RequiredItemInfo = Type.Object({
  path: Type.String(),
  ruleId: Type.String(),
  article: Type.String(),
  textZh: Type.String(),
  textEn: Type.String(),
});
export type RequiredItemInfo = Static<typeof RequiredItemInfo>;

export const TemplateDetail = Type.Object({
  kind: DocumentKindSchema,
  scope: literals(TEMPLATE_SCOPES),
  bureauId: Nullable(Uuid),
  /** The template in force for this scope (the built-in one when nothing was saved). */
  current: TemplateVersion,
  versions: Type.Array(TemplateVersion),
  builtin: DocumentTemplateBody,
  placeholders: Type.Array(PlaceholderInfo),
  /** Placeholders a template of this kind must use (statutory contents). */
  required: Type.Array(RequiredItemInfo),
});
export type TemplateDetail = Static<typeof TemplateDetail>;

export const TemplateScopeQuery = Type.Object({
  scope: Type.Optional(literals(TEMPLATE_SCOPES)),
  /** Only for the city administrator: whose bureau override (default: the actor's bureau). */
  bureauId: Type.Optional(Uuid),
});
export type TemplateScopeQuery = Static<typeof TemplateScopeQuery>;

export const SaveTemplateBody = Type.Object({
  scope: literals(TEMPLATE_SCOPES),
  bureauId: Type.Optional(Uuid),
  template: DocumentTemplateBody,
  note: Type.Optional(MultilineText(200)),
});
export type SaveTemplateBody = Static<typeof SaveTemplateBody>;

export const RevertTemplateBody = Type.Object({
  scope: literals(TEMPLATE_SCOPES),
  bureauId: Type.Optional(Uuid),
  /** The version to restore (as a new version); absent: back to the built-in (city) or the city default (bureau). */
  toVersion: Type.Optional(Int(1, INT4_MAX)),
});
export type RevertTemplateBody = Static<typeof RevertTemplateBody>;

export const PreviewTemplateBody = Type.Object({
  /** Default: the template in force. */
  template: Type.Optional(DocumentTemplateBody),
  /** Real case data (in the actor's jurisdiction); default: sample data. */
  caseId: Type.Optional(Uuid),
  bureauId: Type.Optional(Uuid),
});
export type PreviewTemplateBody = Static<typeof PreviewTemplateBody>;

// ---------------------------------------------------------------------------------------------------------
// Issued documents

export const DOCUMENT_STATUSES = ['issued', 'withdrawn'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const IssuedDocumentInfo = Type.Object({
  id: Uuid,
  caseId: Uuid,
  kind: DocumentKindSchema,
  title: Type.String(),
  number: Nullable(Type.String()),
  issuedOn: IsoDate,
  sm3: Type.String(),
  size: Type.Integer(),
  pages: Type.Integer(),
  status: literals(DOCUMENT_STATUSES),
  issuedById: Nullable(Uuid),
  issuedByName: Nullable(Type.String()),
  templateScope: Type.String(),
  templateVersion: Type.Integer(),
  /** Characters no installed font could draw (printed as boxes): the officer should check the printout. */
  missingGlyphs: Type.Array(Type.String()),
  keyFingerprint: Type.String(),
  createdAt: Instant,
  downloadUrl: Type.String(),
  verifyPath: Nullable(Type.String()),
  /** 作废: when and why (status withdrawn). */
  withdrawnAt: Nullable(Instant),
  withdrawnReason: Nullable(Type.String()),
});
export type IssuedDocumentInfo = Static<typeof IssuedDocumentInfo>;

export const BlockingReason = Type.Object({
  ruleId: Type.String(),
  article: Type.String(),
  textZh: Type.String(),
  textEn: Type.String(),
});
export type BlockingReason = Static<typeof BlockingReason>;

export const AvailableDocument = Type.Object({
  kind: DocumentKindSchema,
  title: Type.String(),
  allowed: Type.Boolean(),
  reasons: Type.Array(BlockingReason),
  /** Already issued for this case (a re-issue makes a new frozen copy). */
  issuedCount: Type.Integer(),
  /** The caller must supply `extra` (service record, amounts …) through another screen. */
  needsExtra: Type.Boolean(),
});
export type AvailableDocument = Static<typeof AvailableDocument>;

/** How a needed document is made: by its step, from a 笔录 (evidence screen), from a 送达 record, or issued here. */
export const STAGE_DOCUMENT_SOURCES = ['step', 'record', 'service', 'issue'] as const;
export type StageDocumentSource = (typeof STAGE_DOCUMENT_SOURCES)[number];

/** One document the case's stage needs (domain stageDocuments): made or not, and what the actor can do. */
export const StageDocumentInfo = Type.Object({
  kind: DocumentKindSchema,
  title: Type.String(),
  /** The rule that asks for it (rule ID, article, why). */
  rule: BlockingReason,
  /** The article as a reader sees it: 《中华人民共和国行政处罚法》第五十四条. */
  citationZh: Type.String(),
  source: literals(STAGE_DOCUMENT_SOURCES),
  made: Type.Boolean(),
  /** The issued (not withdrawn) documents of this kind, newest first. */
  documentIds: Type.Array(Uuid),
  /** The 文号 a step allocated, also before its PDF exists. */
  number: Nullable(Type.String()),
  /** It may be issued from the 文书 tab now (the stage allows it, no record of another screen is needed, the actor may issue). */
  canIssue: Type.Boolean(),
  /** Why it cannot be issued here now (stage rule, or the actor's role). */
  reasons: Type.Array(BlockingReason),
});
export type StageDocumentInfo = Static<typeof StageDocumentInfo>;

export const CaseDocumentsAnswer = Type.Object({
  issued: Type.Array(IssuedDocumentInfo),
  /** What this stage needs, in the order of the procedure. */
  stage: Type.Array(StageDocumentInfo),
  /** Other kinds the stage allows now (optional documents: 责令改正通知书, 先行登记保存通知书 …). */
  others: Type.Array(DocumentKindSchema),
  available: Type.Array(AvailableDocument),
  canIssue: Type.Boolean(),
  /** May void an unserved document (case:approve). */
  canWithdraw: Type.Boolean(),
});
export type CaseDocumentsAnswer = Static<typeof CaseDocumentsAnswer>;

// What a caller may add to a document's data (`extra`: the court's name, preserved items, the amounts of a 催告书 …):
// text, whole numbers and yes/no, in lists and named groups three levels deep.
const ExtraNames = { propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }, maxProperties: 40 };
const ExtraScalar = Type.Union([MultilineText(4000), Int(-FEN_MAX, FEN_MAX), Type.Boolean(), Type.Null()]);
const ExtraRow = Type.Record(Type.String(), ExtraScalar, ExtraNames);
const ExtraList = Type.Array(Type.Union([ExtraScalar, ExtraRow]), { maxItems: 100 });
const ExtraGroup = Type.Record(Type.String(), Type.Union([ExtraScalar, ExtraList]), ExtraNames);
export const DocumentExtra = Type.Record(Type.String(), Type.Union([ExtraScalar, ExtraList, ExtraGroup]), ExtraNames);

export const IssueDocumentBody = Type.Object({
  kind: DocumentKindSchema,
  extra: Type.Optional(DocumentExtra),
  issuedOn: Type.Optional(IsoDate),
});
export type IssueDocumentBody = Static<typeof IssueDocumentBody>;

export const IssuedDocumentCreated = Type.Object({
  document: IssuedDocumentInfo,
  /** Shown once: the verify path with its code (also printed on the PDF). */
  verifyPath: Type.String(),
});
export type IssuedDocumentCreated = Static<typeof IssuedDocumentCreated>;

// ---------------------------------------------------------------------------------------------------------
// Public verification

export const VerifyQuery = Type.Object({ c: Text(64, { minLength: 6 }) });
export type VerifyQuery = Static<typeof VerifyQuery>;

export const DocumentVerification = Type.Object({
  id: Uuid,
  /** A case document's kind, or `credit_report` (专用信用报告, a document with no case: docs/credit.md). */
  kind: Type.Union([DocumentKindSchema, Type.Literal('credit_report')]),
  title: Type.String(),
  number: Nullable(Type.String()),
  agency: Type.String(),
  issuedOn: IsoDate,
  partyMasked: Type.String(),
  sm3: Type.String(),
  /** The SM2 signature over the SM3 verifies with the bureau's public key. */
  signatureValid: Type.Boolean(),
  /** The stored PDF still hashes to the recorded SM3. */
  storedIntact: Type.Boolean(),
  publicKeyFingerprint: Type.String(),
  publicKey: Type.String(),
  status: literals(DOCUMENT_STATUSES),
  withdrawnReason: Nullable(Type.String()),
});
export type DocumentVerification = Static<typeof DocumentVerification>;

/** 作废 a document issued in error (one not served yet). */
export const WithdrawDocumentBody = Type.Object({ reason: MultilineText(500, { minLength: 2 }) });
export type WithdrawDocumentBody = Static<typeof WithdrawDocumentBody>;

export const DocumentComparison = Type.Object({
  matches: Type.Boolean(),
  sm3: Type.String(),
  expectedSm3: Type.String(),
  size: Type.Integer(),
});
export type DocumentComparison = Static<typeof DocumentComparison>;

// ---------------------------------------------------------------------------------------------------------
// Seal and signature (per bureau)

export const DocumentSettings = Type.Object({
  bureauId: Uuid,
  bureauName: Type.String(),
  agencyName: Type.String(),
  addressLine: Nullable(Type.String()),
  phoneLine: Nullable(Type.String()),
  paymentMethod: Nullable(Type.String()),
  sealSm3: Nullable(Type.String()),
  signatureSm3: Nullable(Type.String()),
  keyFingerprint: Nullable(Type.String()),
  updatedAt: Nullable(Instant),
});
export type DocumentSettings = Static<typeof DocumentSettings>;

export const DocumentSettingsBody = Type.Object({
  bureauId: Type.Optional(Uuid),
  agencyName: Text(60, { minLength: 2 }),
  addressLine: Type.Optional(Nullable(Text(120))),
  phoneLine: Type.Optional(Nullable(MultilineText(60))),
  paymentMethod: Type.Optional(Nullable(MultilineText(300))),
  /** SM3 of an uploaded PNG (POST /api/v1/files); null removes it (the drawn placeholder seal is used). */
  sealSm3: Type.Optional(Nullable(Sm3Hex)),
  signatureSm3: Type.Optional(Nullable(Sm3Hex)),
});
export type DocumentSettingsBody = Static<typeof DocumentSettingsBody>;
