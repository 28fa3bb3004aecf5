import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { readDocumentPdfOrNull } from '../../documents/index.ts';
import { findService } from '../service.repository.ts';

/** The frozen 送达回证 PDF of one service record (404 until the documents module issued it). */
export async function getServiceReceipt(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  serviceId: string,
): Promise<{ pdf: Buffer; filename: string }> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const s = await findService(deps.db, row.id, serviceId);
  if (!s?.receipt_document_id) throw new AppError('NOT_FOUND');
  const pdf = await readDocumentPdfOrNull(deps, deps.db, s.receipt_document_id, { actor, meta });
  if (!pdf) throw new AppError('NOT_FOUND');
  return { pdf, filename: `送达回证-${s.document_title}-${s.served_on ?? ''}.pdf` };
}
