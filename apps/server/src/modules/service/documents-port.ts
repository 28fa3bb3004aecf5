// The documents this feature serves and issues (送达回证, 催告书, 强制执行申请书). The documents module
// (modules/documents) issues frozen PDFs; the numbered case documents (case_documents, written by the case steps)
// are servable too, so a decision can be served before its PDF exists.
import type { Deps, Executor } from '../../context.ts';
import { caseDocumentList, type CaseDocumentEntry } from '../documents/case-document-list.ts';
import { issueCaseDocument, readDocumentPdf, type IssuedDocument, type IssueRequest } from '../documents/issue-document.ts';

export type ServableDoc = CaseDocumentEntry;

export type IssuedDoc = IssuedDocument;

export type { IssueRequest };

/** Every document of the case (issued PDFs and numbered step documents without one yet). */
export const allCaseDocuments = caseDocumentList;

/** Kinds that are served on the party (the 立案审批表 is internal). */
const NOT_SERVED = new Set(['filing_approval', 'service_receipt', 'court_application', 'closing_report', 'investigation_report']);

/** Documents that are served on the party (the 立案审批表, reports and the court application are internal). */
export async function servableDocuments(db: Executor, caseId: string): Promise<ServableDoc[]> {
  return (await allCaseDocuments(db, caseId)).filter((d) => !NOT_SERVED.has(d.kind));
}

/** Issues (or, for the same sourceId, returns again) a frozen document of the case. */
export const issueDocument = issueCaseDocument;

export async function readPdf(deps: Deps, db: Executor, documentId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst();
  return row ? readDocumentPdf(db, documentId, deps) : null;
}
