// The party's documents in the portal: only documents addressed to the party (notices, decisions, receipts, the
// 笔录 he signed), never the bureau's internal ones (立案审批表, 调查终结报告, 法制审核意见书, 集体讨论记录 …).
// Issued PDFs come from the documents module; numbered case documents without a PDF yet are listed by number.
import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { type CaseDocumentEntry, caseDocumentList, readDocumentPdf } from '../documents/index.ts';

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
  'offsite_notice',
]);

export type PartyDocument = CaseDocumentEntry;

/** Every document of the case the party may read: issued PDFs and numbered documents not issued yet, by date. */
export async function partyDocuments(db: Executor, caseId: string): Promise<PartyDocument[]> {
  return (await caseDocumentList(db, caseId))
    .filter((d) => PARTY_DOCUMENT_KINDS.has(d.kind))
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
}

/** The PDF of one of the party's documents; null when it is not one of his case's (the route answers 404). */
export async function partyDocumentPdf(
  deps: Deps,
  meta: RequestMeta,
  caseId: string,
  documentId: string,
): Promise<{ bytes: Buffer; title: string } | null> {
  const mine = (await partyDocuments(deps.db, caseId)).find((d) => d.id === documentId && d.hasPdf);
  if (!mine) return null;
  const bytes = await readDocumentPdf(deps, deps.db, documentId, { actor: null, meta, channel: 'portal' });
  return { bytes, title: `${mine.title}${mine.number ? `-${mine.number}` : ''}` };
}
