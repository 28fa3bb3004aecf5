// SM2 key pairs of the platform (GM/T 0003, signatures with SM3 and the default user id 1234567812345678), kept in the
// database with the private key encrypted (SM4-CBC) under a key derived with SM3 from the installation's key secret:
// env DOC_KEY_SECRET, or a random secret kept in DATA_DIR/secrets/doc-key-secret (created on first use, mode 0600),
// or for an in-memory test database a value derived from the configuration. Each use of a key pair (a bureau's
// documents, the audit checkpoints) derives its own encryption key from the secret with its own label.
// The signed message is always a 32-byte SM3 digest.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sm2, sm4 } from 'sm-crypto-v2';
import type { Deps } from '../context.ts';
import { sm3Hex } from './sm3.ts';

const SECRETS = new Map<string, string>();

/** The key secret of this installation (see the file comment; DOC_KEY_SECRET is checked by loadConfig). */
export function keySecret(config: Deps['config']): string {
  if (config.docKeySecret) return config.docKeySecret;
  const dir = config.dataDir;
  const cached = SECRETS.get(dir);
  if (cached) return cached;
  let secret: string;
  if (dir.startsWith('memory://')) secret = sm3Hex(`chengguan documents test secret\n${dir}\n${config.version}`);
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

/** The label names the use ('doc-key' for the bureaus' document keys, 'audit-key' for the audit checkpoints). */
const sm4Key = (secret: string, label: string) => sm3Hex(`${label}\n${secret}`).slice(0, 32);

export type Sm2KeyPair = { publicKey: string; privateKey: string };

export function generateKeyPair(): Sm2KeyPair {
  const pair = sm2.generateKeyPairHex();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The private key as stored: `sm4-cbc:<iv>:<ciphertext>`. */
export function sealPrivateKey(config: Deps['config'], label: string, privateKey: string): string {
  const iv = randomBytes(16).toString('hex');
  return `sm4-cbc:${iv}:${sm4.encrypt(privateKey, sm4Key(keySecret(config), label), { mode: 'cbc', iv })}`;
}

export function unsealPrivateKey(config: Deps['config'], label: string, sealed: string): string {
  const [, iv, enc] = sealed.split(':');
  return sm4.decrypt(enc!, sm4Key(keySecret(config), label), { mode: 'cbc', iv: iv! });
}

/** 16 hex groups of the public key's SM3, as printed on the verify page and in the audit checkpoints. */
export function keyFingerprint(publicKey: string): string {
  return (sm3Hex(Buffer.from(publicKey, 'hex')).slice(0, 32).toUpperCase().match(/.{4}/g) ?? []).join(' ');
}

export function signDigest(digestHex: string, key: Sm2KeyPair): string {
  return sm2.doSignature(sm2.hexToArray(digestHex), key.privateKey, { hash: true, publicKey: key.publicKey });
}

export function verifyDigest(digestHex: string, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(sm2.hexToArray(digestHex), signature, publicKey, { hash: true });
  } catch {
    return false;
  }
}
