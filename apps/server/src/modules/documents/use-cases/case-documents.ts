// The case page's 文书 tab: the documents issued for the case and those its stage allows (server-decided, with
// the rule of each refusal); preview (样稿, not stored), issue and download.
import {
  DOCUMENT_KIND_TITLES,
  type CaseDocumentsAnswer,
  type IssueDocumentBody,
  type IssuedDocumentCreated,
  type IssuedDocumentInfo,
} from '@chengguan/contracts';
import { documentAvailability } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { inJurisdiction } from '../../cases/case-access.ts';
import { loadCaseOrFail } from '../../cases/case-loader.ts';
import { caseRecords, findCase } from '../../cases/cases.repository.ts';
import { documentsOfCase, findDocumentRow, type DocumentListRow } from '../documents.repository.ts';
import { assertKindAvailable, canIssueDocuments, issueCaseDocument, prepareCaseDocument, readDocumentPdf } from '../issue-document.ts';

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
  };
}

export async function getCaseDocuments(deps: Deps, actor: Actor, caseId: string): Promise<CaseDocumentsAnswer> {
  assertPermission(actor, 'case:read');
  const loaded = await loadCaseOrFail(deps, deps.db, actor, caseId);
  const [rows, records] = await Promise.all([documentsOfCase(deps.db, caseId), caseRecords(deps.db, caseId)]);
  const facts = {
    hasInspectionRecord: records.some((r) => r.kind === 'inspection'),
    hasQuestioningRecord: records.some((r) => r.kind === 'questioning'),
  };
  const canIssue = canIssueDocuments(actor);
  return {
    issued: rows.map((r) => toIssuedInfo(r)),
    available: documentAvailability(loaded.snapshot, facts, loaded.ctx).map((a) => ({
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
  const row = (await documentsOfCase(deps.db, caseId)).find((r) => r.id === issued.id)!;
  return { document: toIssuedInfo(row, issued.verifyPath), verifyPath: issued.verifyPath };
}

/** The PDF the issue would produce now, marked 「样稿」, with a dummy verify code; nothing is stored or numbered. */
export async function previewCaseDocument(deps: Deps, actor: Actor, caseId: string, body: IssueDocumentBody): Promise<Buffer> {
  assertPermission(actor, 'case:read');
  if (!canIssueDocuments(actor)) throw new AppError('FORBIDDEN');
  const loaded = await loadCaseOrFail(deps, deps.db, actor, caseId);
  await assertKindAvailable(deps.db, loaded, body.kind);
  const doc = await prepareCaseDocument(deps.db, deps, loaded, {
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
  documentId: string,
): Promise<{ bytes: Buffer; filename: string; sm3: string }> {
  assertPermission(actor, 'case:read');
  const row = await findDocumentRow(deps.db, documentId);
  const c = row ? await findCase(deps.db, row.case_id) : undefined;
  if (!row || !c || !inJurisdiction(actor, c.org_path)) throw new AppError('NOT_FOUND');
  const bytes = await readDocumentPdf(deps.db, documentId, deps);
  return { bytes, filename: `${row.title}${row.number ? `-${row.number}` : ''}.pdf`, sm3: row.pdf_sm3 };
}
