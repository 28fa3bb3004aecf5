// The bureau's SM2 key: created on first use, the private key stored encrypted under the installation's key secret
// (shared/sm2-keys.ts, label 'doc-key'). The signed message is the 32-byte SM3 digest of the PDF.
import type { Deps, Executor } from '../../context.ts';
import { generateKeyPair, keyFingerprint, sealPrivateKey, unsealPrivateKey } from '../../shared/sm2-keys.ts';
import { findKey, insertKeyIfAbsent, type KeyRow } from './documents.repository.ts';

export { keySecret as documentSecret, keyFingerprint, signDigest, verifyDigest } from '../../shared/sm2-keys.ts';

const LABEL = 'doc-key';

export type BureauKey = { publicKey: string; fingerprint: string; privateKey: string };

/** The bureau's key pair, created (and stored encrypted) on first use. */
export async function bureauKey(
  db: Executor,
  deps: Pick<Deps, 'config'>,
  bureauId: string,
  /** The key row when the caller read it already in this transaction (documentReference). */
  known?: Pick<KeyRow, 'public_key' | 'private_key_enc' | 'fingerprint'>,
): Promise<BureauKey> {
  let row = known ?? (await findKey(db, bureauId));
  if (!row) {
    const pair = generateKeyPair();
    await insertKeyIfAbsent(db, {
      bureau_id: bureauId,
      public_key: pair.publicKey,
      private_key_enc: sealPrivateKey(deps.config, LABEL, pair.privateKey),
      fingerprint: keyFingerprint(pair.publicKey),
    });
    row = (await findKey(db, bureauId))!;
  }
  return { publicKey: row.public_key, fingerprint: row.fingerprint, privateKey: unsealPrivateKey(deps.config, LABEL, row.private_key_enc) };
}
