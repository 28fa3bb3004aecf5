// The audit key: the platform's own SM2 key pair that signs the checkpoints of the audit chain. Not a bureau's
// document key: a checkpoint speaks for the whole installation, not for one 区局, and must be signable before any
// document was ever issued; and a key that signs one kind of statement cannot be used to pass off another. It is
// kept the way the document keys are (shared/sm2-keys.ts): created on first use, the private key encrypted under
// the installation's key secret with the label 'audit-key', so a copy of the database alone cannot sign.
import type { Deps, Executor } from '../../context.ts';
import { generateKeyPair, keyFingerprint, sealPrivateKey, unsealPrivateKey } from '../../shared/sm2-keys.ts';
import { findNewestSigningKey, insertSigningKey } from './audit.repository.ts';

const LABEL = 'audit-key';

export type AuditSigningKey = { id: string; publicKey: string; privateKey: string; fingerprint: string };

/** The newest audit key, created if there is none. Call under the checkpoint writers' lock (one key is created). */
export async function auditSigningKey(trx: Executor, deps: Pick<Deps, 'config' | 'clock' | 'newId'>): Promise<AuditSigningKey> {
  let row = await findNewestSigningKey(trx);
  if (!row) {
    const pair = generateKeyPair();
    await insertSigningKey(trx, {
      id: deps.newId(),
      algorithm: 'SM2-SM3',
      public_key: pair.publicKey,
      private_key_enc: sealPrivateKey(deps.config, LABEL, pair.privateKey),
      fingerprint: keyFingerprint(pair.publicKey),
      created_at: deps.clock.now(),
    });
    row = (await findNewestSigningKey(trx))!;
  }
  return {
    id: row.id,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    privateKey: unsealPrivateKey(deps.config, LABEL, row.private_key_enc),
  };
}
