// The documents this feature serves and issues (送达回证, 催告书, 强制执行申请书). The documents module
// (modules/documents) issues frozen PDFs; the numbered case documents (case_documents, written by the case steps)
// are servable too, so a decision can be served before its PDF exists.
import type { Deps, Executor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
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

/** The frozen PDF, or null for a numbered step document that has none (its id is not a document's). */
export async function readPdf(deps: Deps, db: Executor, documentId: string): Promise<Buffer | null> {
  try {
    return await readDocumentPdf(db, documentId, deps);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}
