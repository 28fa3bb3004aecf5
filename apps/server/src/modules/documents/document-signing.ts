// The bureau's SM2 key (GM/T 0003, signatures with SM3 and the default user id 1234567812345678): created on first
// use, the private key stored encrypted with SM4-CBC under a key derived (SM3) from the documents secret —
// env DOC_KEY_SECRET, or a random secret kept in DATA_DIR/secrets/doc-key-secret (created on first use, mode 0600),
// or for an in-memory test database a value derived from the configuration. The signed message is the 32-byte
// SM3 digest of the PDF.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sm2, sm3, sm4 } from 'sm-crypto-v2';
import type { Deps, Executor } from '../../context.ts';
import { findKey, insertKeyIfAbsent } from './documents.repository.ts';

const SECRETS = new Map<string, string>();

/** The documents secret for this installation (see the file comment; DOC_KEY_SECRET is checked by loadConfig). */
export function documentSecret(config: Deps['config']): string {
  if (config.docKeySecret) return config.docKeySecret;
  const dir = config.dataDir;
  const cached = SECRETS.get(dir);
  if (cached) return cached;
  let secret: string;
  if (dir.startsWith('memory://')) secret = sm3(`chengguan documents test secret\n${dir}\n${config.version}`);
  else {
    const file = path.join(dir, 'secrets', 'doc-key-secret');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        // Another process created it first: use that one.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    secret = fs.readFileSync(file, 'utf8').trim();
  }
  SECRETS.set(dir, secret);
  return secret;
}

const sm4Key = (secret: string) => sm3(`doc-key\n${secret}`).slice(0, 32);

/** 16 hex groups of the public key's SM3, as printed on the verify page. */
export function keyFingerprint(publicKey: string): string {
  return (sm3(sm2.hexToArray(publicKey)).slice(0, 32).toUpperCase().match(/.{4}/g) ?? []).join(' ');
}

export type BureauKey = { publicKey: string; fingerprint: string; privateKey: string };

/** The bureau's key pair, created (and stored encrypted) on first use. */
export async function bureauKey(db: Executor, deps: Pick<Deps, 'config'>, bureauId: string): Promise<BureauKey> {
  const key = sm4Key(documentSecret(deps.config));
  let row = await findKey(db, bureauId);
  if (!row) {
    const pair = sm2.generateKeyPairHex();
    const iv = randomBytes(16).toString('hex');
    const enc = sm4.encrypt(pair.privateKey, key, { mode: 'cbc', iv });
    await insertKeyIfAbsent(db, {
      bureau_id: bureauId,
      public_key: pair.publicKey,
      private_key_enc: `sm4-cbc:${iv}:${enc}`,
      fingerprint: keyFingerprint(pair.publicKey),
    });
    row = (await findKey(db, bureauId))!;
  }
  const [, iv, enc] = row.private_key_enc.split(':');
  const privateKey = sm4.decrypt(enc!, key, { mode: 'cbc', iv: iv! });
  return { publicKey: row.public_key, fingerprint: row.fingerprint, privateKey };
}

export function signDigest(sm3Hex: string, key: BureauKey): string {
  return sm2.doSignature(sm2.hexToArray(sm3Hex), key.privateKey, { hash: true, publicKey: key.publicKey });
}

export function verifyDigest(sm3Hex: string, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(sm2.hexToArray(sm3Hex), signature, publicKey, { hash: true });
  } catch {
    return false;
  }
}
