// The case page's 文书 tab: the documents issued for the case and those its stage allows (server-decided, with
// the rule of each refusal); preview (样稿, not stored), issue and download.
import {
  type CaseDocumentsAnswer,
  DOCUMENT_KIND_TITLES,
  type IssuedDocumentCreated,
  type IssuedDocumentInfo,
  type IssueDocumentBody,
  type StageDocumentInfo,
  type WithdrawDocumentBody,
} from '@chengguan/contracts';
import { type DocumentAvailability, documentAvailability, type StageDocument, stageDocuments } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertPermission } from '../../../shared/access.ts';
import { caseDocuments, caseRecords, findCase, inJurisdiction, loadCaseOrFail } from '../../cases/index.ts';
import { type DocumentListRow, documentsOfCase, findDocumentRow } from '../documents.repository.ts';
import {
  assertKindAvailable,
  canIssueDocuments,
  caseNumbers,
  documentSources,
  issueCaseDocument,
  NUMBERED_KINDS,
  prepareCaseDocument,
  readDocumentPdf,
} from '../issue-document.ts';

export function toIssuedInfo(r: DocumentListRow, verifyPath: string | null = null): IssuedDocumentInfo {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind as IssuedDocumentInfo['kind'],
    title: r.title,
    number: r.number,
    issuedOn: r.issued_on,
    sm3: r.pdf_sm3,
    size: r.size,
    pages: r.pages,
    status: r.status as IssuedDocumentInfo['status'],
    issuedById: r.issued_by,
    issuedByName: r.issued_by_name,
    templateScope: r.template_scope,
    templateVersion: r.template_version,
    missingGlyphs: r.missing_glyphs,
    keyFingerprint: r.key_fingerprint,
    createdAt: new Date(r.created_at).toISOString(),
    downloadUrl: `/api/v1/documents/${r.id}/pdf`,
    verifyPath,
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    withdrawnReason: r.withdrawn_reason,
  };
}

const NO_ISSUE_ROLE = { ruleId: 'ACCESS', article: '—', textZh: '您的角色不能制作文书', textEn: 'Your role cannot issue documents' };

/** One needed document: made (an issued, not withdrawn PDF of its kind) or not, its 文号, and whether it may be issued here. */
function stageEntry(
  d: StageDocument,
  availability: readonly DocumentAvailability[],
  rows: readonly DocumentListRow[],
  numbers: ReturnType<typeof caseNumbers>,
  canIssue: boolean,
): StageDocumentInfo {
  const a = availability.find((x) => x.kind === d.kind)!;
  const issued = rows.filter((r) => r.kind === d.kind && r.status === 'issued');
  const docType = NUMBERED_KINDS[d.kind];
  const reasons = [...(canIssue ? [] : [NO_ISSUE_ROLE]), ...a.reasons];
  return {
    kind: d.kind,
    title: DOCUMENT_KIND_TITLES[d.kind].zh,
    rule: d.rule,
    citationZh: d.citationZh,
    source: d.source,
    made: issued.length > 0,
    documentIds: issued.map((r) => r.id).reverse(),
    number: issued.at(-1)?.number ?? (docType ? (numbers.get(docType)?.number ?? null) : null),
    canIssue: canIssue && a.allowed && !a.needsExtra,
    reasons,
  };
}

export async function getCaseDocuments(deps: Deps, actor: Actor, caseId: string): Promise<CaseDocumentsAnswer> {
  assertPermission(actor, 'case:read');
  const loaded = await loadCaseOrFail(deps, deps.db, actor, caseId);
  const [rows, records, documents] = await Promise.all([
    documentsOfCase(deps.db, caseId),
    caseRecords(deps.db, caseId),
    caseDocuments(deps.db, caseId),
  ]);
  const numbers = caseNumbers({ documents });
  const facts = {
    hasInspectionRecord: records.some((r) => r.kind === 'inspection'),
    hasQuestioningRecord: records.some((r) => r.kind === 'questioning'),
    offsiteSource: loaded.row.source === 'offsite',
  };
  const canIssue = canIssueDocuments(actor);
  const availability = documentAvailability(loaded.snapshot, facts, loaded.ctx);
  const stage = stageDocuments(loaded.snapshot, facts, availability);
  return {
    issued: rows.map((r) => toIssuedInfo(r)),
    stage: stage.map((d) => stageEntry(d, availability, rows, numbers, canIssue)),
    others: availability.filter((a) => a.allowed && !a.needsExtra && !stage.some((d) => d.kind === a.kind)).map((a) => a.kind),
    available: availability.map((a) => ({
      kind: a.kind,
      title: DOCUMENT_KIND_TITLES[a.kind].zh,
      allowed: a.allowed && canIssue,
      reasons: canIssue
        ? a.reasons
        : [{ ruleId: 'ACCESS', article: '—', textZh: '您的角色不能制作文书', textEn: 'Your role cannot issue documents' }, ...a.reasons],
      issuedCount: rows.filter((r) => r.kind === a.kind).length,
      needsExtra: a.needsExtra,
    })),
    canIssue,
    canWithdraw: actor.permissions.has('case:approve'),
  };
}

export async function issueDocumentForCase(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  body: IssueDocumentBody,
): Promise<IssuedDocumentCreated> {
  assertPermission(actor, 'case:read');
  const issued = await deps.db.transaction().execute((trx) =>
    issueCaseDocument(trx, deps, actor, meta, {
      caseId,
      kind: body.kind,
      ...(body.extra ? { extra: body.extra } : {}),
      ...(body.issuedOn ? { issuedOn: body.issuedOn } : {}),
    }),
  );
  // The row as inserted, issued by this officer: the answer is what the 文书 tab lists after it.
  return { document: toIssuedInfo({ ...issued.row, issued_by_name: actor.name }, issued.verifyPath), verifyPath: issued.verifyPath };
}

/** The PDF the issue would produce now, marked 「样稿」, with a dummy verify code; nothing is stored or numbered. */
export async function previewCaseDocument(deps: Deps, actor: Actor, caseId: string, body: IssueDocumentBody): Promise<Buffer> {
  assertPermission(actor, 'case:read');
  if (!canIssueDocuments(actor)) throw new AppError('FORBIDDEN');
  const loaded = await loadCaseOrFail(deps, deps.db, actor, caseId);
  const sources = await documentSources(deps.db, loaded, body.kind);
  assertKindAvailable(loaded, sources.rows.records, body.kind);
  const doc = await prepareCaseDocument(deps.db, deps, loaded, {
    sources,
    caseId,
    kind: body.kind,
    ...(body.extra ? { extra: body.extra } : {}),
    ...(body.issuedOn ? { issuedOn: body.issuedOn } : {}),
    id: '00000000-0000-0000-0000-000000000000',
    verify: null,
    watermark: '样稿',
    allocate: false,
  });
  return doc.pdf.bytes;
}

/** Download: case read permission and the case in the actor's jurisdiction (else 404). */
export async function downloadDocument(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  documentId: string,
): Promise<{ bytes: Buffer; filename: string; sm3: string }> {
  assertPermission(actor, 'case:read');
  const row = await findDocumentRow(deps.db, documentId);
  const c = row ? await findCase(deps.db, row.case_id) : undefined;
  if (!row || !c || !inJurisdiction(actor, c.org_path)) throw new AppError('NOT_FOUND');
  const bytes = await readDocumentPdf(deps, deps.db, documentId, { actor, meta });
  return { bytes, filename: `${row.title}${row.number ? `-${row.number}` : ''}.pdf`, sm3: row.pdf_sm3 };
}

/**
 * 作废: a document issued in error is withdrawn with its reason — never deleted; its PDF, hash and signature stay and
 * the verify page says it is void. A document already served on the party is not withdrawn here: a decision in force
 * is changed or revoked by law (处罚法 Art. 65, I2), not voided. Leaders only (case:approve).
 */
export async function withdrawDocument(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  documentId: string,
  body: WithdrawDocumentBody,
): Promise<IssuedDocumentInfo> {
  assertPermission(actor, 'case:read');
  const reason = body.reason.trim();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).forUpdate().executeTakeFirst();
    const c = row ? await findCase(trx, row.case_id) : undefined;
    if (!row || !c || !inJurisdiction(actor, c.org_path)) throw new AppError('NOT_FOUND');
    assertPermission(actor, 'case:approve');
    if (reason.length < 2) throw fieldError('reason', '请填写作废理由', 'State the reason');
    if (row.status !== 'issued')
      throw new AppError('STATE_CONFLICT', { message: '文书已作废', messageEn: 'The document is already withdrawn' });
    const served = await trx
      .selectFrom('case_services')
      .select('id')
      .where('document_id', '=', documentId)
      .where('status', 'in', ['served', 'pending'])
      .executeTakeFirst();
    if (served) {
      throw new AppError('STATE_CONFLICT', {
        field: 'id',
        message: '文书已送达（或送达中），不能作废；已生效的决定应依法变更或撤销',
        messageEn: 'The document has been served (or is being served); a decision in force is changed or revoked, not voided',
      });
    }
    const now = deps.clock.now();
    await trx
      .updateTable('documents')
      .set({ status: 'withdrawn', withdrawn_at: now, withdrawn_by: actor.id, withdrawn_reason: reason })
      .where('id', '=', documentId)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'document.withdraw',
      entityType: 'document',
      entityId: documentId,
      bureauId: row.bureau_id,
      data: { caseId: row.case_id, kind: row.kind, number: row.number, sm3: row.pdf_sm3, reason },
    });
    const listed = (await documentsOfCase(trx, row.case_id)).find((d) => d.id === documentId)!;
    return toIssuedInfo(listed);
  });
}
