// The files of service records, served only through the record and its case (in the reader's jurisdiction): the
// recipient's signature or the photo / video of a lien service, and the scan (or the party's drawn signature) of an
// e-service consent. A hash alone opens nothing.
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { fileNameFor, findFile, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { findConsent, findService } from '../service.repository.ts';

export const SERVICE_FILE_PARTS = ['signature', 'media'] as const;
export type ServiceFilePart = (typeof SERVICE_FILE_PARTS)[number];

async function served(deps: Deps, actor: Actor, meta: RequestMeta, sm3: string | null, objectType: string, objectId: string, name: string) {
  if (!sm3) throw new AppError('NOT_FOUND');
  const file = await findFile(deps.db, sm3);
  if (!file) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, sm3, { actor, meta, objectType, objectId });
  return { bytes, mime: file.mime, sm3, filename: fileNameFor(name, file.mime) } satisfies ServedFile;
}

export async function getServiceFile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  o: { caseId: string; serviceId: string; part: ServiceFilePart },
): Promise<ServedFile> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, o.caseId);
  const s = await findService(deps.db, row.id, o.serviceId);
  if (!s) throw new AppError('NOT_FOUND');
  const sm3 = o.part === 'signature' ? s.signature_sm3 : s.media_sm3;
  const label = o.part === 'signature' ? '签收签名' : '留置送达影像';
  return served(deps, actor, meta, sm3, 'case_service', s.id, `${label}-${s.document_title}-${s.served_on ?? ''}`);
}

export async function getConsentFile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  o: { caseId: string; consentId: string },
): Promise<ServedFile> {
  assertPermission(actor, 'case:read');
  const row = await getCaseRowOrFail(deps.db, actor, o.caseId);
  const c = await findConsent(deps.db, row.id, o.consentId);
  if (!c) throw new AppError('NOT_FOUND');
  return served(deps, actor, meta, c.signature_sm3, 'case_service_consent', c.id, `电子送达地址确认书-${c.signed_on}`);
}
