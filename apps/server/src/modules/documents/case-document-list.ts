// Every document a case holds, once: the issued PDFs (frozen, signed; a withdrawn one no longer counts) and the
// numbered documents of the case's steps (case_documents: decision, prior notice …) whose PDF is not issued yet —
// they can be served and shown by number before a PDF exists. Service, enforcement and the portal all list from here.
import { DOCUMENT_KIND_TITLES, isDocumentKind } from '@chengguan/contracts';
import type { Executor } from '../../context.ts';
import { caseDocuments } from '../cases/index.ts';
import { documentsOfCase } from './documents.repository.ts';
import { NUMBERED_KINDS } from './issue-document.ts';

export type CaseDocumentEntry = { id: string; kind: string; title: string; number: string | null; issuedOn: string; hasPdf: boolean };

/** Titles of step documents that are no document kind of their own. */
const OTHER_STEP_TITLES: Record<string, string> = { transfer_letter: '案件移送书' };

/** case_documents.doc_type → the document kind it is printed as, and its title. */
export function stepDocumentKind(docType: string): { kind: string; title: string } {
  const kind = Object.entries(NUMBERED_KINDS).find(([, t]) => t === docType)?.[0] ?? docType;
  const title = isDocumentKind(kind) ? DOCUMENT_KIND_TITLES[kind].zh : (OTHER_STEP_TITLES[docType] ?? docType);
  return { kind, title };
}

/** Issued documents first; numbered step documents not issued yet are added (same kind and number = one). */
export async function caseDocumentList(db: Executor, caseId: string): Promise<CaseDocumentEntry[]> {
  const issued: CaseDocumentEntry[] = (await documentsOfCase(db, caseId))
    .filter((d) => d.status === 'issued')
    .map((d) => ({ id: d.id, kind: d.kind, title: d.title, number: d.number, issuedOn: d.issued_on, hasPdf: true }));
  const key = (d: Pick<CaseDocumentEntry, 'kind' | 'number'>) => `${d.kind}|${d.number ?? ''}`;
  const seen = new Set(issued.map(key));
  const numbered = (await caseDocuments(db, caseId)).flatMap((r) => {
    const d: CaseDocumentEntry = { id: r.id, ...stepDocumentKind(r.doc_type), number: r.number, issuedOn: r.issued_on, hasPdf: false };
    return seen.has(key(d)) ? [] : [d];
  });
  return [...issued, ...numbered];
}

/** Kinds that are never served on the party (internal forms and reports). */
const NOT_SERVED = new Set(['filing_approval', 'service_receipt', 'court_application', 'closing_report', 'investigation_report']);

/** Documents that are served on the party (the 立案审批表, reports and the court application are internal). */
export async function servableCaseDocuments(db: Executor, caseId: string): Promise<CaseDocumentEntry[]> {
  return (await caseDocumentList(db, caseId)).filter((d) => !NOT_SERVED.has(d.kind));
}
