// 执法文书: PDFs of the case's documents from editable templates, frozen by SM3, signed with the bureau's SM2 key.
import type { ServerModule } from '../../platform/server-module.ts';
import { documentRoutes, publicDocumentRoutes } from './documents.routes.ts';
import { installStepDocumentHooks } from './step-documents.ts';

export { caseDocumentList, servableCaseDocuments, type CaseDocumentEntry } from './case-document-list.ts';
export { issueStandaloneDocument, type StandaloneDocumentRequest } from './standalone-document.ts';
/** The bulletins of modules/cockpit set their text in the documents' primary font. */
export { PRIMARY_BOLD, PRIMARY_REGULAR } from './pdf/fonts.ts';
/** The supervision bulletins' printable tables. */
export { renderTablePdf, type PdfTable } from './pdf/table-pdf.ts';
export { issueCaseDocument, readDocumentPdf, readDocumentPdfOrNull, type IssueRequest, type IssuedDocument } from './issue-document.ts';

export const documentsModule: ServerModule = {
  name: 'documents',
  routes: documentRoutes,
  publicRoutes: publicDocumentRoutes,
  // A step that numbers a document issues it in the step's transaction.
  hooks: installStepDocumentHooks,
};
