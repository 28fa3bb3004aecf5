// The public verify page (no login): the QR code's link carries the document id and its random code; only the
// SM3 of the code is stored. A wrong code answers 404 like an unknown id, so a guess reveals nothing.
import { timingSafeEqual } from 'node:crypto';
import type { DocumentComparison, DocumentVerification } from '@chengguan/contracts';
import { maskName } from '@chengguan/domain';
import type { Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { readStoredFileOrNull } from '../../files/index.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { verifyDigest } from '../document-signing.ts';
import { type DocumentRow, findDocumentRow, findKey } from '../documents.repository.ts';
import { verifyCodeHash } from '../issue-document.ts';

async function documentByCodeOrFail(deps: Deps, id: string, code: string): Promise<DocumentRow> {
  const row = await findDocumentRow(deps.db, id);
  const given = Buffer.from(verifyCodeHash(code));
  if (!row || !timingSafeEqual(given, Buffer.from(row.verify_code_hash))) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * What the QR code's page shows. The stored PDF is read and hashed again: bytes altered since issue (or gone) make the
 * page say the document is not genuine, and the file is flagged for the administrators.
 */
export async function verifyDocument(deps: Deps, meta: RequestMeta, id: string, code: string): Promise<DocumentVerification> {
  const row = await documentByCodeOrFail(deps, id, code);
  const [key, bytes] = await Promise.all([
    findKey(deps.db, row.bureau_id),
    readStoredFileOrNull(deps, row.pdf_sm3, { actor: null, meta, objectType: 'document', objectId: row.id, channel: 'public' }),
  ]);
  return {
    id: row.id,
    kind: row.kind as DocumentVerification['kind'],
    title: row.title,
    number: row.number,
    agency: row.agency_name,
    issuedOn: row.issued_on,
    partyMasked: maskName(row.party_name),
    sm3: row.pdf_sm3,
    signatureValid: key ? verifyDigest(row.pdf_sm3, row.signature, key.public_key) : false,
    storedIntact: bytes !== null,
    publicKeyFingerprint: key?.fingerprint ?? '',
    publicKey: key?.public_key ?? '',
    status: row.status as DocumentVerification['status'],
    withdrawnReason: row.withdrawn_reason,
  };
}

/** Compares a PDF the citizen holds with the issued one (byte for byte, by SM3). Read-only, so naturally idempotent. */
export async function compareDocument(deps: Deps, id: string, code: string, bytes: Buffer): Promise<DocumentComparison> {
  const row = await documentByCodeOrFail(deps, id, code);
  const sm3 = sm3Hex(bytes);
  return { matches: sm3 === row.pdf_sm3, sm3, expectedSm3: row.pdf_sm3, size: bytes.length };
}
