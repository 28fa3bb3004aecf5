// Issuing a 执法文书 inside the caller's transaction: stage check → data from the case → statutory contents
// (refused with the rule when an item is missing) → template in force → PDF → stored by its SM3 → SM2 signature
// of the bureau → document row → audit row. The PDF is frozen from then on; a re-issue makes a new document.
import { randomInt } from 'node:crypto';
import { type DocType, DOCUMENT_KIND_TITLES, type DocumentKind, type DocumentTemplateBody } from '@chengguan/contracts';
import { documentAvailability, formatCitationZh, type LegalDate, renderTemplate, requiredContents } from '@chengguan/domain';
import { sm3Hex } from '../../shared/sm3.ts';
import type { Transaction } from 'kysely';
import type { Deps, Executor, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { allocateDocNumber, casePageRows, type CasePageRows, loadCaseOrFail, type LoadedCase } from '../cases/index.ts';
import { type FileReader, readStoredFileOrFail, storeFile } from '../files/index.ts';
import { assembleDocumentData } from './document-data.ts';
import { bureauKey, signDigest } from './document-signing.ts';
import { templateInForce } from './document-templates.ts';
import {
  documentReference,
  type DocumentReference,
  type DocumentListRow,
  type DocumentRow,
  type DocumentSettings,
  documentsOfCase,
  earlierNumber,
  findDocumentBySource,
  insertDocumentRow,
} from './documents.repository.ts';
import { type PdfOutput, renderPdf } from './pdf/render-pdf.ts';

export type IssuedDocument = {
  id: string;
  kind: DocumentKind;
  title: string;
  number: string | null;
  sm3: string;
  issuedOn: string;
  /** '/verify/<id>?c=<code>'; for an earlier issue returned again (same sourceId) the code is unknown: '/verify/<id>'. */
  verifyPath: string;
  missingGlyphs: string[];
  /** The document's row as stored. */
  row: DocumentRow;
};

export type IssuedDocumentRow = DocumentListRow;

export type IssueRequest = {
  caseId: string;
  kind: DocumentKind;
  extra?: Record<string, unknown>;
  /** The record the document is made from (a service record id …): issuing again for it returns the first one. */
  sourceId?: string;
  issuedOn?: LegalDate;
  /** The case as the caller's step left it in this transaction (StepWrite.after): not read again. */
  loaded?: LoadedCase;
};

/** Numbered kinds and the 文号 type they print (allocated by the case step, or here for 催告书 / 强制执行申请书). */
export const NUMBERED_KINDS: Partial<Record<DocumentKind, DocType>> = {
  filing_approval: 'filing',
  prior_notice: 'prior_notice',
  hearing_notice: 'hearing_notice',
  decision: 'decision',
  no_penalty_decision: 'no_penalty_decision',
  summary_decision: 'summary_decision',
  payment_reminder: 'payment_reminder',
  court_application: 'court_application',
  transfer_letter: 'transfer_letter',
  offsite_notice: 'offsite_notice',
};
const ALLOCATED_HERE: ReadonlySet<DocumentKind> = new Set(['payment_reminder', 'court_application', 'offsite_notice']);

const WRITE_PERMISSIONS = ['case:write', 'case:approve', 'case:legal_review', 'case:decide'] as const;

export function canIssueDocuments(actor: Pick<StepActor, 'permissions'>): boolean {
  return WRITE_PERMISSIONS.some((p) => actor.permissions.has(p));
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 10 characters of a 32-letter alphabet (50 bits), printed as XXXXX-XXXXX. */
export function newVerifyCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function normalizeVerifyCode(c: string): string {
  return c.replace(/[-\s]/g, '').toUpperCase();
}

export const verifyCodeHash = (code: string) => sm3Hex(`document-verify\n${normalizeVerifyCode(code)}`);

/** Everything a case's document is made from: the case's child rows and the bureau's reference rows. */
export type DocumentSources = { rows: CasePageRows; reference: DocumentReference };

/**
 * The sources of a document of `kind`, in two statements side by side: the case's child rows as the case page reads
 * them (party, officers with live credentials — the hearing's chair among them —, evidence, 笔录, numbered documents,
 * timeline) and the bureau's settings, templates, org row, offence articles and signing key.
 */
export async function documentSources(db: Executor, loaded: LoadedCase, kind: DocumentKind): Promise<DocumentSources> {
  const { row, snapshot } = loaded;
  const chair = snapshot.hearing?.chairOfficerId;
  const [rows, reference] = await Promise.all([
    casePageRows(db, row, chair ? [chair] : []),
    documentReference(db, kind, row.bureau_id ?? row.org_id, row.offence_id),
  ]);
  return { rows, reference };
}

/** The numbered documents of the case's steps: doc_type → its 文号 and the date the step made it (the latest). */
export function caseNumbers(rows: Pick<CasePageRows, 'documents'>): Map<string, { number: string; issuedOn: string }> {
  return new Map(rows.documents.map((r) => [r.doc_type, { number: r.number, issuedOn: r.issued_on }]));
}

/** The stage check on the case's 笔录, as a 422 naming the rule of the first reason. */
export function assertKindAvailable(
  loaded: LoadedCase,
  records: CasePageRows['records'],
  kind: DocumentKind,
  fromServedRecord = false,
): void {
  const facts = {
    hasInspectionRecord: records.some((r) => r.kind === 'inspection'),
    hasQuestioningRecord: records.some((r) => r.kind === 'questioning'),
    hasServedRecord: fromServedRecord,
    offsiteSource: loaded.row.source === 'offsite',
  };
  const a = documentAvailability(loaded.snapshot, facts, loaded.ctx).find((x) => x.kind === kind)!;
  if (a.allowed) return;
  const first = a.reasons[0]!;
  throw new AppError('RULE_VIOLATION', {
    field: 'kind',
    rule: `${first.ruleId} ${first.article}`,
    message: `${DOCUMENT_KIND_TITLES[kind].zh}：本案当前阶段不能制作，${first.textZh}（依据${formatCitationZh(first.article)}）`,
    messageEn: `${DOCUMENT_KIND_TITLES[kind].en}: not available at this stage (${first.ruleId}, ${first.article}: ${first.textEn})`,
    details: a.reasons.map((r) => ({
      field: 'kind',
      message: `${r.textZh}（依据${formatCitationZh(r.article)}）`,
      messageEn: `${r.ruleId} ${r.article}: ${r.textEn}`,
    })),
  });
}

export type PreparedDocument = {
  kind: DocumentKind;
  title: string;
  number: string | null;
  issuedOn: string;
  bureauId: string;
  partyName: string;
  agencyName: string;
  template: { scope: 'builtin' | 'city' | 'bureau'; version: number };
  pdf: PdfOutput;
};

/** The bureau's seal and the leader's signature as stored, checked against their SM3: a document never bears an altered seal. */
export async function sealImages(
  deps: Deps,
  db: Executor,
  settings: Pick<DocumentSettings, 'bureau_id' | 'seal_sm3' | 'signature_sm3'> | undefined,
): Promise<{ seal: Buffer | null; signature: Buffer | null }> {
  const reader: FileReader = {
    actor: null,
    meta: { ip: null, correlationId: null },
    objectType: 'document_settings',
    objectId: settings?.bureau_id ?? null,
  };
  return {
    seal: settings?.seal_sm3 ? await readStoredFileOrFail(deps, settings.seal_sm3, reader, db) : null,
    signature: settings?.signature_sm3 ? await readStoredFileOrFail(deps, settings.signature_sm3, reader, db) : null,
  };
}

/**
 * Data, statutory check, template and PDF of one document of a case (not stored). `watermark` marks previews.
 * Numbers for 催告书 / 强制执行申请书 are allocated only when `allocate` (an issue, inside its transaction).
 */
export async function prepareCaseDocument(
  db: Executor,
  deps: Deps,
  loaded: LoadedCase,
  req: IssueRequest & {
    id: string;
    verify: { url: string; code: string } | null;
    watermark: string | null;
    allocate: boolean;
    /** The sources as the caller read them in this transaction for its stage check (not read again). */
    sources?: DocumentSources;
    /** Template previews: this body instead of the one in force, and no refusal for missing contents. */
    templateOverride?: DocumentTemplateBody;
    skipRequiredCheck?: boolean;
  },
): Promise<PreparedDocument> {
  const bureauId = loaded.row.bureau_id ?? loaded.row.org_id;
  const { rows, reference } = req.sources ?? (await documentSources(db, loaded, req.kind));
  const { settings } = reference;
  const stepDocs = caseNumbers(rows);
  const inForce = templateInForce(req.kind, reference.own, reference.city);
  const numbers = new Map([...stepDocs].map(([t, d]) => [t, d.number]));
  const docType = NUMBERED_KINDS[req.kind];
  // A document a step numbered (决定书, 告知书 …) bears the date of that step, whenever its PDF is made.
  const issuedOn = req.issuedOn ?? (docType ? stepDocs.get(docType)?.issuedOn : undefined) ?? loaded.ctx.today;
  const template = req.templateOverride ? { body: req.templateOverride, scope: inForce.scope, version: inForce.version } : inForce;
  let number: string | null = null;
  if (docType) {
    number =
      numbers.get(docType) ??
      (req.kind === 'filing_approval' ? loaded.row.case_number : null) ??
      (await earlierNumber(db, loaded.row.id, req.kind));
    if (!number && ALLOCATED_HERE.has(req.kind)) {
      number = req.allocate ? await allocateDocNumber(db, bureauId, docType, issuedOn) : '（签发时编号）';
    }
  }
  const data = assembleDocumentData({
    kind: req.kind,
    loaded,
    rows,
    reference,
    issuedOn,
    number,
    extra: req.extra ?? {},
    numbers,
    verify: req.verify,
  });
  const missing = requiredContents(req.kind, data);
  if (missing.length > 0 && !req.skipRequiredCheck) {
    const m = missing[0]!;
    throw new AppError('RULE_VIOLATION', {
      field: m.path,
      rule: `${m.ruleId} ${m.article}`,
      message: `${DOCUMENT_KIND_TITLES[req.kind].zh}缺少法定内容：${m.textZh}，请补充后再制作（依据${formatCitationZh(m.article)}）`,
      messageEn: `${DOCUMENT_KIND_TITLES[req.kind].en} lacks a required item "${m.path}": ${m.textEn} (${m.ruleId}, ${m.article})`,
      details: missing.map((x) => ({
        field: x.path,
        message: `${x.textZh}（依据${formatCitationZh(x.article)}）`,
        messageEn: `${x.ruleId} ${x.article}: ${x.textEn}`,
      })),
    });
  }
  const rendered = renderTemplate(template.body, data);
  const images = await sealImages(deps, db, settings);
  const pdf = await renderPdf({
    document: rendered,
    documentId: req.id,
    agencyName: data.agency.name,
    number,
    createdAt: deps.clock.now(),
    verify: req.verify,
    seal: { png: images.seal, name: data.agency.name },
    leaderSignaturePng: images.signature,
    watermark: req.watermark,
  });
  return {
    kind: req.kind,
    title: rendered.title || DOCUMENT_KIND_TITLES[req.kind].zh,
    number,
    issuedOn,
    bureauId,
    partyName: data.party.name,
    agencyName: data.agency.name,
    template: { scope: template.scope, version: template.version },
    pdf,
  };
}

export async function issueCaseDocument(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  req: IssueRequest,
): Promise<IssuedDocument> {
  if (!canIssueDocuments(actor)) throw new AppError('FORBIDDEN');
  const loaded = req.loaded ?? (await loadCaseOrFail(deps, trx, actor, req.caseId));
  if (req.sourceId) {
    const earlier = await findDocumentBySource(trx, req.caseId, req.kind, req.sourceId);
    if (earlier) {
      return {
        id: earlier.id,
        kind: req.kind,
        title: earlier.title,
        number: earlier.number,
        sm3: earlier.pdf_sm3,
        issuedOn: earlier.issued_on,
        verifyPath: `/verify/${earlier.id}`,
        missingGlyphs: earlier.missing_glyphs,
        row: earlier,
      };
    }
  }
  const sources = await documentSources(trx, loaded, req.kind);
  // A 送达回证 made from a served record (the service module's sourceId) has its document served by definition.
  assertKindAvailable(loaded, sources.rows.records, req.kind, req.kind === 'service_receipt' && Boolean(req.sourceId));
  assertPublicAddressSet(deps.config);
  const id = deps.newId();
  const code = newVerifyCode();
  const verifyPath = `/verify/${id}?c=${code}`;
  const url = `${deps.config.publicBaseUrl}${verifyPath}`;
  const doc = await prepareCaseDocument(trx, deps, loaded, {
    ...req,
    id,
    verify: { url, code: `${code.slice(0, 5)}-${code.slice(5)}` },
    watermark: null,
    allocate: true,
    sources,
  });
  const sm3 = await storeFile(deps, trx, { bytes: doc.pdf.bytes, mime: 'application/pdf', bureauId: doc.bureauId, createdBy: actor.id });
  const key = await bureauKey(trx, deps, doc.bureauId, sources.reference.key);
  const row = await insertDocumentRow(trx, {
    id,
    case_id: loaded.row.id,
    bureau_id: doc.bureauId,
    kind: req.kind,
    title: doc.title,
    number: doc.number,
    issued_on: doc.issuedOn,
    pdf_sm3: sm3,
    size: doc.pdf.bytes.length,
    pages: doc.pdf.pages,
    signature: signDigest(sm3, key),
    key_fingerprint: key.fingerprint,
    verify_code_hash: verifyCodeHash(code),
    template_scope: doc.template.scope,
    template_version: doc.template.version,
    party_name: doc.partyName,
    agency_name: doc.agencyName,
    missing_glyphs: doc.pdf.missingGlyphs,
    source_id: req.sourceId ?? null,
    issued_by: actor.id,
    channel: actor.channel ?? null,
  });
  await recordAudit(trx, deps, actor, meta, {
    action: 'document.issue',
    entityType: 'document',
    entityId: id,
    bureauId: doc.bureauId,
    data: {
      caseId: loaded.row.id,
      kind: req.kind,
      number: doc.number,
      sm3,
      pages: doc.pdf.pages,
      template: doc.template,
      keyFingerprint: key.fingerprint,
      ...(doc.pdf.missingGlyphs.length > 0 ? { missingGlyphs: doc.pdf.missingGlyphs } : {}),
      ...(req.sourceId ? { sourceId: req.sourceId } : {}),
      ...(actor.channel ? { channel: actor.channel } : {}),
    },
  });
  return {
    id,
    kind: req.kind,
    title: doc.title,
    number: doc.number,
    sm3,
    issuedOn: doc.issuedOn,
    verifyPath,
    missingGlyphs: doc.pdf.missingGlyphs,
    row,
  };
}

/**
 * The frozen PDF of a document (no access check: callers check the case first), checked against its SM3: altered
 * bytes are refused and flagged (FILE_INTEGRITY_FAILED), never handed out.
 */
export async function readDocumentPdf(
  deps: Deps,
  db: Executor,
  documentId: string,
  reader: Omit<FileReader, 'objectType' | 'objectId'>,
): Promise<Buffer> {
  const row = await db.selectFrom('documents').select(['pdf_sm3']).where('id', '=', documentId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return readStoredFileOrFail(deps, row.pdf_sm3, { ...reader, objectType: 'document', objectId: documentId }, db);
}

/** The frozen PDF, or null for a numbered step document that has none (its id is not a document's). */
export async function readDocumentPdfOrNull(
  deps: Deps,
  db: Executor,
  documentId: string,
  reader: Omit<FileReader, 'objectType' | 'objectId'>,
): Promise<Buffer | null> {
  try {
    return await readDocumentPdf(deps, db, documentId, reader);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export async function listCaseDocuments(db: Executor, caseId: string): Promise<IssuedDocumentRow[]> {
  return documentsOfCase(db, caseId);
}

export const issuedToday = (deps: Pick<Deps, 'clock'>) => shanghaiDate(deps.clock.now());

/**
 * A document issued outside the embedded demo (the server runs on DATABASE_URL) carries a QR code for the party: it is
 * refused until PUBLIC_BASE_URL names the address the public reaches, never this machine's default localhost.
 */
function assertPublicAddressSet(config: Pick<Deps['config'], 'databaseUrl' | 'publicBaseUrlSet'>): void {
  if (config.databaseUrl === null || config.publicBaseUrlSet) return;
  throw new AppError('RULE_VIOLATION', {
    field: 'PUBLIC_BASE_URL',
    rule: 'PUBLIC_BASE_URL',
    message: '未设置本平台的对外访问地址：文书上的核验二维码将无法打开，请系统管理员设置对外访问地址后再签发文书',
    messageEn: 'PUBLIC_BASE_URL is not set: the verification QR code would point nowhere; set it before issuing documents',
  });
}
