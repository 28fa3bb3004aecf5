// A citizen's photo for his complaint: type-checked by its bytes (the party's photo types, no PDF; ≤ 10 MB),
// content-addressed by SM3 in the file store, held by the citizen until a complaint attaches it.
import type { Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { acceptedFileType, addHolder, storeFile } from '../../files/index.ts';
import type { CitizenSession } from '../citizen-session.ts';
import { MAX_PORTAL_FILE_BYTES, PORTAL_FILE_TYPES } from './portal-steps.ts';

/** Photos only: a complaint's evidence is what the citizen saw. */
export const CITIZEN_PHOTO_TYPES = PORTAL_FILE_TYPES.filter((t) => t.startsWith('image/'));

export async function uploadCitizenFile(deps: Deps, meta: RequestMeta, session: CitizenSession, bytes: Buffer, declaredType: string) {
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', { field: 'body', message: 'body：文件为空', messageEn: 'body: empty file' });
  if (bytes.length > MAX_PORTAL_FILE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', { field: 'body', message: 'body：文件超过 10 MB', messageEn: 'body: the file exceeds 10 MB' });
  }
  const mime = acceptedFileType(bytes, declaredType, CITIZEN_PHOTO_TYPES);
  const sm3 = await deps.db.transaction().execute(async (trx) => {
    const stored = await storeFile(deps, trx, { bytes, mime, bureauId: null, createdBy: null });
    await addHolder(trx, stored, 'citizen', session.citizenId);
    await recordAudit(trx, deps, null, meta, {
      action: 'portal.citizen_file_upload',
      entityType: 'portal_citizen',
      entityId: session.citizenId,
      bureauId: null,
      data: { sm3: stored, size: bytes.length, mime, sessionId: session.id },
    });
    return stored;
  });
  return { sm3, size: bytes.length, mime };
}
