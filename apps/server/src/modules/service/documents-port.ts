// The documents this feature serves and issues (送达回证, 催告书, 强制执行申请书). The documents module
// (modules/documents) issues frozen PDFs; the numbered case documents (case_documents, written by the case steps)
// are servable too, so a decision can be served before its PDF exists.
import type { Transaction } from 'kysely';
import type { Deps, Executor, RequestMeta, StepActor } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { issueCaseDocument, listCaseDocuments, readDocumentPdf, type IssueRequest } from '../documents/issue-document.ts';
import { listCaseDocumentRows } from './service.repository.ts';

export type ServableDoc = { id: string; kind: string; title: string; number: string | null; issuedOn: string };

export type IssuedDoc = {
  id: string;
  kind: string;
  title: string;
  number: string | null;
  sm3: string;
  issuedOn: string;
  verifyPath: string;
};

export type { IssueRequest };

/** case_documents.doc_type → the document kind and its printed title. */
const CASE_DOC_KINDS: Record<string, { kind: string; title: string }> = {
  filing: { kind: 'filing_approval', title: '立案审批表' },
  prior_notice: { kind: 'prior_notice', title: '行政处罚事先告知书' },
  hearing_notice: { kind: 'hearing_notice', title: '听证通知书' },
  decision: { kind: 'decision', title: '行政处罚决定书' },
  no_penalty_decision: { kind: 'no_penalty_decision', title: '不予行政处罚决定书' },
  transfer_letter: { kind: 'transfer_letter', title: '案件移送书' },
  summary_decision: { kind: 'summary_decision', title: '当场行政处罚决定书' },
};

/** Kinds that are served on the party (the 立案审批表 is internal). */
const NOT_SERVED = new Set(['filing_approval', 'service_receipt', 'court_application', 'closing_report', 'investigation_report']);

/** Documents that are served on the party (the 立案审批表, reports and the court application are internal). */
export async function servableDocuments(db: Executor, caseId: string): Promise<ServableDoc[]> {
  return (await allCaseDocuments(db, caseId)).filter((d) => !NOT_SERVED.has(d.kind));
}

/** Issued documents first; numbered case documents not issued as PDFs yet are added (same kind and number = one). */
export async function allCaseDocuments(db: Executor, caseId: string): Promise<ServableDoc[]> {
  const issued: ServableDoc[] = (await listCaseDocuments(db, caseId)).map((d) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    number: d.number,
    issuedOn: d.issued_on,
  }));
  const key = (d: Pick<ServableDoc, 'kind' | 'number'>) => `${d.kind}|${d.number ?? ''}`;
  const seen = new Set(issued.map(key));
  const numbered = (await listCaseDocumentRows(db, caseId)).flatMap((r) => {
    const k = CASE_DOC_KINDS[r.doc_type] ?? { kind: r.doc_type, title: r.doc_type };
    const d: ServableDoc = { id: r.id, kind: k.kind, title: k.title, number: r.number, issuedOn: r.issued_on };
    return seen.has(key(d)) ? [] : [d];
  });
  return [...issued, ...numbered];
}

/** Issues (or, for the same sourceId, returns again) a frozen document of the case. */
export async function issueDocument(
  trx: Transaction<DB>,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  req: IssueRequest,
): Promise<IssuedDoc> {
  return issueCaseDocument(trx, deps, actor, meta, req);
}

export async function readPdf(deps: Deps, db: Executor, documentId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst();
  return row ? readDocumentPdf(db, documentId, deps) : null;
}
