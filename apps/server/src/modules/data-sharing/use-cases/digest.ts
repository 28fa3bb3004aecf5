// The daily signed digest of what was published (公共数据上链, 000; docs/data-sharing.md §3): the day's penalty
// disclosures, 双随机 draws and campaign statistics become leaves of an SM3 Merkle tree (DS1, packages/domain); its
// root is signed with the platform's SM2 digest key and kept with every leaf, so the public page can give any record
// with its proof, and anyone can check a record against the signed root: changed by a single character, it fails.
import type {
  MakeDigestBody,
  PageOf,
  PublicationDigest,
  PublicationDigestListQuery,
  PublicationProof,
  ProofQuery,
  VerifyPublicationBody,
  VerifyPublicationResult,
} from '@chengguan/contracts';
import { addDays, digestMessage, leafHash, merkleProof, merkleRoot, rootFromProof, type MerkleStep } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertCatalogueAdmin } from './catalogue.ts';
import { generateKeyPair, keyFingerprint, sealPrivateKey, signDigest, unsealPrivateKey, verifyDigest } from '../../../shared/sm2-keys.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { shanghaiDate, shanghaiInstant } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { campaignProgress } from '../../campaigns/index.ts';
import { disclosuresPublishedOn } from '../../disclosure/index.ts';
import { drawsPublishedBetween } from '../../random-inspections/index.ts';

const LABEL = 'digest-key';

type DigestKey = { publicKey: string; privateKey: string; fingerprint: string };

/** The platform's digest key (its own, not a bureau's document key nor the audit key), made on first use. */
async function digestKey(trx: Executor, deps: Pick<Deps, 'config' | 'clock' | 'newId'>): Promise<DigestKey> {
  const newest = () => trx.selectFrom('publication_signing_keys').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  let row = await newest();
  if (!row) {
    const pair = generateKeyPair();
    await trx
      .insertInto('publication_signing_keys')
      .values({
        id: deps.newId(),
        public_key: pair.publicKey,
        private_key_enc: sealPrivateKey(deps.config, LABEL, pair.privateKey),
        fingerprint: keyFingerprint(pair.publicKey),
        created_at: deps.clock.now(),
      })
      .execute();
    row = (await newest())!;
  }
  return { publicKey: row.public_key, fingerprint: row.fingerprint, privateKey: unsealPrivateKey(deps.config, LABEL, row.private_key_enc) };
}

type Leaf = { kind: 'disclosure' | 'random_draw' | 'statistic'; id: string; record: unknown };

/** Everything published on the day, in a fixed order (kind, then id). */
async function publishedOn(db: Executor, day: string): Promise<Leaf[]> {
  const [disclosures, draws, progress] = await Promise.all([
    disclosuresPublishedOn(db, day),
    drawsPublishedBetween(db, shanghaiInstant(day), shanghaiInstant(addDays(day, 1))),
    campaignProgress(db, { jurisdictionPath: '/', activeOn: day }),
  ]);
  return [
    ...disclosures.map((d) => ({ kind: 'disclosure' as const, ...d })),
    ...draws.map((d) => ({ kind: 'random_draw' as const, ...d })),
    // The day's statistics: each running campaign's progress as it stood when the digest was made.
    ...progress.map((p) => ({ kind: 'statistic' as const, id: `campaign-progress:${p.campaignId}`, record: { day, ...p } })),
  ];
}

function toDigest(r: {
  day: string;
  leaf_count: number;
  root: string;
  signature: string;
  public_key: string;
  fingerprint: string;
  created_at: Date;
}): PublicationDigest {
  const day = String(r.day).slice(0, 10);
  return {
    day,
    leafCount: r.leaf_count,
    root: r.root,
    signature: r.signature,
    signedMessage: digestMessage(day, r.leaf_count, r.root),
    publicKey: r.public_key,
    fingerprint: r.fingerprint,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Makes the digest of a day once (a second call answers the one made). Called by the daily job and the administrator. */
export async function makeDigest(deps: Deps, day: string, actor: Actor | null, meta: RequestMeta): Promise<PublicationDigest> {
  return deps.db.transaction().execute(async (trx) => {
    const made = await trx.selectFrom('publication_digests').selectAll().where('day', '=', day).executeTakeFirst();
    if (made) return toDigest(made);
    const leaves = await publishedOn(trx, day);
    const hashes = leaves.map(leafHash);
    const root = merkleRoot(hashes);
    const key = await digestKey(trx, deps);
    const signature = signDigest(sm3Hex(digestMessage(day, leaves.length, root)), key);
    const now = deps.clock.now();
    await trx
      .insertInto('publication_digests')
      .values({ day, leaf_count: leaves.length, root, signature, public_key: key.publicKey, fingerprint: key.fingerprint, created_at: now })
      .execute();
    for (let i = 0; i < leaves.length; i += 500) {
      await trx
        .insertInto('publication_leaves')
        .values(
          leaves.slice(i, i + 500).map((l, j) => ({
            day,
            leaf_index: i + j,
            kind: l.kind,
            record_id: l.id,
            leaf_hash: hashes[i + j]!,
            record: JSON.stringify(l.record),
          })),
        )
        .execute();
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'publication_digest.make',
      entityType: 'publication_digest',
      entityId: null,
      bureauId: null,
      data: { day, leafCount: leaves.length, root, fingerprint: key.fingerprint },
    });
    return toDigest((await trx.selectFrom('publication_digests').selectAll().where('day', '=', day).executeTakeFirst())!);
  });
}

export async function makeDigestNow(deps: Deps, actor: Actor, meta: RequestMeta, body: MakeDigestBody): Promise<PublicationDigest> {
  assertCatalogueAdmin(actor);
  if (body.day >= shanghaiDate(deps.clock.now())) {
    throw fieldError('day', '只能为已经结束的日期生成摘要', 'must be a day that has ended');
  }
  return makeDigest(deps, body.day, actor, meta);
}

export async function listDigests(deps: Deps, q: PublicationDigestListQuery): Promise<PageOf<PublicationDigest>> {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  const [rows, total] = await Promise.all([
    deps.db
      .selectFrom('publication_digests')
      .selectAll()
      .orderBy('day', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    deps.db
      .selectFrom('publication_digests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDigest), total: Number(total.n), page, pageSize };
}

export async function getDigest(deps: Deps, day: string): Promise<PublicationDigest> {
  const row = await deps.db.selectFrom('publication_digests').selectAll().where('day', '=', day).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: '该日尚未生成摘要', messageEn: 'No digest was made for this day' });
  return toDigest(row);
}

export async function getProof(deps: Deps, day: string, q: ProofQuery): Promise<PublicationProof> {
  const digest = await getDigest(deps, day);
  const leaves = await deps.db
    .selectFrom('publication_leaves')
    .select(['leaf_index', 'kind', 'record_id', 'leaf_hash', 'record'])
    .where('day', '=', day)
    .orderBy('leaf_index')
    .execute();
  const at = leaves.findIndex((l) => l.kind === q.kind && l.record_id === q.id);
  if (at < 0) throw new AppError('NOT_FOUND', { message: '该记录不在当日摘要中', messageEn: 'The record is not in this day’s digest' });
  const leaf = leaves[at]!;
  return {
    day,
    leafIndex: at,
    leafHash: leaf.leaf_hash,
    path: merkleProof(
      leaves.map((l) => l.leaf_hash),
      at,
    ),
    root: digest.root,
    signature: digest.signature,
    publicKey: digest.publicKey,
    published: { kind: leaf.kind as 'disclosure', id: leaf.record_id, record: leaf.record },
  };
}

/** DS1: the record and its path give the day's signed root — else it is not what was published that day. */
export async function verifyPublication(deps: Deps, body: VerifyPublicationBody): Promise<VerifyPublicationResult> {
  let record: unknown;
  try {
    record = JSON.parse(body.recordJson);
  } catch {
    throw fieldError('recordJson', '不是有效的 JSON 文本', 'is not valid JSON text');
  }
  const computedRoot = rootFromProof(leafHash({ kind: body.kind, id: body.id, record }), body.path as MerkleStep[]);
  const row = await deps.db.selectFrom('publication_digests').selectAll().where('day', '=', body.day).executeTakeFirst();
  if (!row) {
    return {
      valid: false,
      computedRoot,
      publishedRoot: null,
      signatureValid: false,
      reason: '该日没有已签名的摘要',
      reasonEn: 'No signed digest exists for this day',
    };
  }
  const d = toDigest(row);
  const signatureValid = verifyDigest(sm3Hex(d.signedMessage), d.signature, d.publicKey);
  const match = computedRoot === d.root;
  const valid = match && signatureValid;
  return {
    valid,
    computedRoot,
    publishedRoot: d.root,
    signatureValid,
    reason: valid
      ? '记录与当日公开时一致，摘要签名有效'
      : match
        ? '摘要签名无效'
        : '记录或证明路径与当日公开的摘要不符：记录已被改动或不是当日公开的',
    reasonEn: valid
      ? 'The record is as published that day and the digest’s signature is valid'
      : match
        ? 'The digest’s signature is invalid'
        : 'The record or its path does not give the day’s root: it was changed, or not published that day',
  };
}
