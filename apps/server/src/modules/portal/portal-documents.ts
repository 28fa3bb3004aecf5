// The party's documents in the portal: only documents addressed to the party (notices, decisions, receipts, the
// 笔录 he signed), never the bureau's internal ones (立案审批表, 调查终结报告, 法制审核意见书, 集体讨论记录 …).
// Issued PDFs come from the documents module; numbered case documents without a PDF yet are listed by number.
import type { Deps, Executor } from '../../context.ts';
import { listCaseDocuments, readDocumentPdf } from '../documents/issue-document.ts';
import { documentNumbersOfCase } from './portal.repository.ts';

export const PARTY_DOCUMENT_KINDS: ReadonlySet<string> = new Set([
  'inspection_record',
  'questioning_record',
  'correction_order',
  'preservation_notice',
  'prior_notice',
  'hearing_notice',
  'hearing_record',
  'decision',
  'summary_decision',
  'no_penalty_decision',
  'service_receipt',
  'payment_reminder',
  'cash_receipt',
  'e_service_consent',
]);

/** case_documents.doc_type → the party's document kind and title. */
const NUMBERED: Record<string, { kind: string; title: string }> = {
  filing: { kind: 'filing_approval', title: '立案审批表' },
  prior_notice: { kind: 'prior_notice', title: '行政处罚事先告知书' },
  hearing_notice: { kind: 'hearing_notice', title: '听证通知书' },
  decision: { kind: 'decision', title: '行政处罚决定书' },
  no_penalty_decision: { kind: 'no_penalty_decision', title: '不予行政处罚决定书' },
  transfer_letter: { kind: 'transfer_letter', title: '案件移送书' },
  summary_decision: { kind: 'summary_decision', title: '当场行政处罚决定书' },
};

export type PartyDocument = { id: string; kind: string; title: string; number: string | null; issuedOn: string; hasPdf: boolean };

/** Every document of the case the party may read: issued PDFs first, then numbered documents not issued yet. */
export async function partyDocuments(db: Executor, caseId: string): Promise<PartyDocument[]> {
  // Issued (frozen, signed) PDFs; a withdrawn document is no longer the party's to read.
  const pdfs = (await listCaseDocuments(db, caseId)).filter((d) => d.status === 'issued' && PARTY_DOCUMENT_KINDS.has(d.kind));
  const out: PartyDocument[] = pdfs.map((d) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    number: d.number,
    issuedOn: d.issued_on,
    hasPdf: true,
  }));
  const numbers = new Set(out.map((d) => d.number).filter((n): n is string => n !== null));
  for (const r of await documentNumbersOfCase(db, caseId)) {
    const k = NUMBERED[r.doc_type];
    if (!k || !PARTY_DOCUMENT_KINDS.has(k.kind) || numbers.has(r.number)) continue;
    out.push({ id: r.id, kind: k.kind, title: k.title, number: r.number, issuedOn: r.issued_on, hasPdf: false });
  }
  return out.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
}

/** The PDF of one of the party's documents; null when it is not one of his case's (the route answers 404). */
export async function partyDocumentPdf(deps: Deps, caseId: string, documentId: string): Promise<Buffer | null> {
  const mine = (await partyDocuments(deps.db, caseId)).find((d) => d.id === documentId && d.hasPdf);
  if (!mine) return null;
  return readDocumentPdf(deps.db, documentId, deps);
}
