// 数据资源目录与共享 (issue 16 §4; docs/data-sharing.md): every data asset (a table or view) described — owner, fields
// with their labels, update frequency, sharing level (公开 / 共享 / 不予共享); partner keys scoped to assets and a
// jurisdiction; bulk export in CSV and JSON lines paged by keyset; and the daily signed digest (SM2 over an SM3 Merkle
// root) of everything published that day, with the proof of each record.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';

export const SHARING_LEVELS = ['public', 'shared', 'restricted'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];
export const SharingLevelSchema = literals(SHARING_LEVELS);

export const UPDATE_FREQUENCIES = ['realtime', 'daily', 'weekly', 'monthly', 'yearly', 'on_change'] as const;
export const UpdateFrequencySchema = literals(UPDATE_FREQUENCIES);

const AssetCode = Code('^[a-z][a-z0-9_]{1,62}$', 63, 'asset code (the table or view name)');

export const DataAssetField = Type.Object({
  name: Code('^[a-z_][a-z0-9_]{0,62}$', 63, 'column name'),
  label: Text(60, { minLength: 1 }),
  labelEn: Text(80, { minLength: 1 }),
  type: Text(40),
});
export type DataAssetField = Static<typeof DataAssetField>;

export const DataAsset = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  owner: Type.String(),
  description: Nullable(Type.String()),
  fields: Type.Array(DataAssetField),
  updateFrequency: UpdateFrequencySchema,
  sharingLevel: SharingLevelSchema,
  /** A standard sharing interface exports this asset (GET /api/share/v1/assets/{code}/records). */
  exportable: Type.Boolean(),
  updatedAt: IsoDateTime,
});
export type DataAsset = Static<typeof DataAsset>;

export const DataAssetListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Text(60)),
  sharingLevel: Type.Optional(SharingLevelSchema),
  exportable: Type.Optional(Type.Boolean()),
});
export type DataAssetListQuery = Static<typeof DataAssetListQuery>;

export const UpdateDataAssetBody = Type.Object(
  {
    name: Type.Optional(Text(60, { minLength: 1 })),
    nameEn: Type.Optional(Text(100, { minLength: 1 })),
    owner: Type.Optional(Text(60, { minLength: 1 })),
    description: Type.Optional(Nullable(MultilineText(1000))),
    updateFrequency: Type.Optional(UpdateFrequencySchema),
    sharingLevel: Type.Optional(SharingLevelSchema),
    fields: Type.Optional(Type.Array(DataAssetField, { maxItems: 300 })),
  },
  { additionalProperties: false },
);
export type UpdateDataAssetBody = Static<typeof UpdateDataAssetBody>;

export const CreateSharingKeyBody = Type.Object(
  {
    partnerName: Text(100, { minLength: 1, description: 'the partner system the key is for' }),
    /** The jurisdiction the key reads (an org in the administrator's). */
    scopeOrgId: Uuid,
    assetCodes: Type.Array(AssetCode, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type CreateSharingKeyBody = Static<typeof CreateSharingKeyBody>;

export const SharingKey = Type.Object({
  id: Uuid,
  partnerName: Type.String(),
  scopeOrgId: Uuid,
  scopeOrgName: Type.String(),
  assetCodes: Type.Array(Type.String()),
  keyHint: Type.String(),
  createdAt: IsoDateTime,
  revokedAt: Nullable(IsoDateTime),
  lastUsedAt: Nullable(IsoDateTime),
});
export type SharingKey = Static<typeof SharingKey>;

export const CreatedSharingKey = Type.Composite([SharingKey, Type.Object({ apiKey: Type.String() })]);
export type CreatedSharingKey = Static<typeof CreatedSharingKey>;

export const SharedRecordsQuery = Type.Object({
  format: Type.Optional(literals(['jsonl', 'csv'] as const)),
  /** Keyset: the last id of the previous page (the answer's X-Next-Cursor header). */
  after: Type.Optional(Text(100)),
  limit: Type.Optional(Int(1, 10_000, { default: 1000 })),
  /** A narrower jurisdiction inside the key's scope. */
  orgId: Type.Optional(Uuid),
});
export type SharedRecordsQuery = Static<typeof SharedRecordsQuery>;

export const PublicationLeafKind = literals(['disclosure', 'random_draw', 'statistic'] as const);

export const PublicationDigest = Type.Object({
  day: IsoDate,
  leafCount: Type.Integer(),
  /** SM3 Merkle root, hex. */
  root: Type.String(),
  /** SM2 signature (hex r‖s) over the SM3 of `chengguan-publication-digest\n{day}\n{leafCount}\n{root}`. */
  signature: Type.String(),
  signedMessage: Type.String(),
  publicKey: Type.String(),
  fingerprint: Type.String(),
  createdAt: IsoDateTime,
});
export type PublicationDigest = Static<typeof PublicationDigest>;

export const PublicationDigestListQuery = Type.Object({ ...PageQuery });
export type PublicationDigestListQuery = Static<typeof PublicationDigestListQuery>;

export const PublishedRecord = Type.Object({
  kind: PublicationLeafKind,
  id: Type.String(),
  record: Type.Unknown(),
});

export const ProofStep = Type.Object({ side: literals(['left', 'right'] as const), hash: Sm3Hex });

export const PublicationProof = Type.Object({
  day: IsoDate,
  leafIndex: Type.Integer(),
  leafHash: Type.String(),
  path: Type.Array(ProofStep),
  root: Type.String(),
  signature: Type.String(),
  publicKey: Type.String(),
  published: PublishedRecord,
});
export type PublicationProof = Static<typeof PublicationProof>;

export const ProofQuery = Type.Object({ kind: PublicationLeafKind, id: Text(100, { minLength: 1 }) });
export type ProofQuery = Static<typeof ProofQuery>;

export const VerifyPublicationBody = Type.Object(
  {
    day: IsoDate,
    kind: PublicationLeafKind,
    id: Text(100, { minLength: 1 }),
    /** The record as JSON text (as the proof's `published.record` gives it; key order does not matter). */
    recordJson: MultilineText(1_000_000, { minLength: 1 }),
    path: Type.Array(ProofStep, { maxItems: 64 }),
  },
  { additionalProperties: false },
);
export type VerifyPublicationBody = Static<typeof VerifyPublicationBody>;

export const VerifyPublicationResult = Type.Object({
  valid: Type.Boolean(),
  /** The root the record and path give. */
  computedRoot: Type.String(),
  /** The day's published root (null when no digest was made that day). */
  publishedRoot: Nullable(Type.String()),
  signatureValid: Type.Boolean(),
  reason: Type.String(),
  reasonEn: Type.String(),
});
export type VerifyPublicationResult = Static<typeof VerifyPublicationResult>;

export const MakeDigestBody = Type.Object({ day: IsoDate }, { additionalProperties: false });
export type MakeDigestBody = Static<typeof MakeDigestBody>;

export const SharingKeyIdParams = Type.Object({ id: Uuid });
export const AssetCodeParams = Type.Object({ code: AssetCode });
export const DigestDayParams = Type.Object({ day: IsoDate });
