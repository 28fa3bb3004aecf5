// The catalogue and the partner keys (administrator, under /api/v1); the sharing interfaces a partner calls with its
// key (/api/share/v1, outside the session-authenticated API); the daily digests, their proofs and the verify
// endpoint (/api/public/digests, no login: anyone may check a record).
import { Type } from '@sinclair/typebox';
import {
  AssetCodeParams,
  CreatedSharingKey,
  CreateSharingKeyBody,
  DataAsset,
  DataAssetListQuery,
  DigestDayParams,
  ErrorBody,
  MakeDigestBody,
  Page,
  ProofQuery,
  PublicationDigest,
  PublicationDigestListQuery,
  PublicationProof,
  SharedRecordsQuery,
  SharingKey,
  SharingKeyIdParams,
  Text,
  UpdateDataAssetBody,
  VerifyPublicationBody,
  VerifyPublicationResult,
} from '@chengguan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { exportDataAssets, getDataAsset, listDataAssets, syncCatalogue, updateDataAsset } from './use-cases/catalogue.ts';
import { getDigest, getProof, listDigests, makeDigestNow, verifyPublication } from './use-cases/digest.ts';
import { createSharingKey, listSharingKeys, revokeSharingKey } from './use-cases/keys.ts';
import { partnerAssets, partnerRecords } from './use-cases/partner-export.ts';

const TAGS = ['data-sharing'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const PARTNER_ERRORS = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

export function dataSharingRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<DataAssetListQuery>(app, {
    path: '/api/v1/data-assets',
    tags: TAGS,
    summary: '数据资源目录 / the data catalogue',
    exportSummary: '导出数据资源目录（Excel）/ export the catalogue',
    filename: '数据资源目录.xlsx',
    querystring: DataAssetListQuery,
    response: { 200: Page(DataAsset), ...READ_ERRORS },
    list: (actor, query) => listDataAssets(deps, actor, query),
    exportXlsx: (actor, query) => exportDataAssets(deps, actor, query),
  });
  app.post(
    '/api/v1/data-assets/sync',
    {
      schema: {
        tags: TAGS,
        summary: '同步数据资源目录（登记新表、新字段）/ add new tables and columns to the catalogue',
        response: { 200: Type.Object({ added: Type.Array(Type.String()), updated: Type.Array(Type.String()) }), ...WRITE_ERRORS },
      },
    },
    async (request) => syncCatalogue(deps, actorOf(request), metaOf(request)),
  );
  app.get(
    '/api/v1/data-assets/:code',
    {
      schema: { tags: TAGS, summary: '数据资源详情 / a data asset', params: AssetCodeParams, response: { 200: DataAsset, ...READ_ERRORS } },
    },
    async (request) => getDataAsset(deps, actorOf(request), request.params.code),
  );
  app.patch(
    '/api/v1/data-assets/:code',
    {
      schema: {
        tags: TAGS,
        summary: '编辑数据资源（责任部门、字段名称、更新频率、共享属性）/ edit an asset',
        params: AssetCodeParams,
        body: UpdateDataAssetBody,
        response: { 200: DataAsset, ...WRITE_ERRORS },
      },
    },
    async (request) => updateDataAsset(deps, actorOf(request), metaOf(request), request.params.code, request.body),
  );
  app.get(
    '/api/v1/sharing-keys',
    { schema: { tags: TAGS, summary: '共享接口密钥 / partner keys', response: { 200: Type.Array(SharingKey), ...READ_ERRORS } } },
    async (request) => listSharingKeys(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/sharing-keys',
    {
      // The answer carries the key itself, shown once: it is not kept for a replay.
      config: { idempotencyKey: false },
      schema: {
        tags: TAGS,
        summary: '为合作方系统生成共享密钥（限定数据资源与辖区）/ issue a partner key',
        body: CreateSharingKeyBody,
        response: { 201: CreatedSharingKey, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createSharingKey(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/sharing-keys/:id/revoke',
    {
      schema: {
        tags: TAGS,
        summary: '停用共享密钥 / revoke a key',
        params: SharingKeyIdParams,
        response: { 200: SharingKey, ...WRITE_ERRORS },
      },
    },
    async (request) => revokeSharingKey(deps, actorOf(request), metaOf(request), request.params.id),
  );
  app.post(
    '/api/v1/publication-digests',
    {
      schema: {
        tags: TAGS,
        summary: '生成某日的公开数据签名摘要（每日自动生成）/ make a day’s digest now',
        body: MakeDigestBody,
        response: { 200: PublicationDigest, ...WRITE_ERRORS },
      },
    },
    async (request) => makeDigestNow(deps, actorOf(request), metaOf(request), request.body),
  );
}

const presentedKey = (request: FastifyRequest): string | undefined => {
  const raw = request.headers['x-api-key'];
  return (Array.isArray(raw) ? raw[0] : raw) || undefined;
};

export function publicDataSharingRoutes(app: RouteApp, deps: Deps): void {
  const KeyHeader = Type.Object({ 'x-api-key': Type.Optional(Text(200, { description: 'partner key' })) });
  app.get(
    '/api/share/v1/assets',
    {
      schema: {
        tags: TAGS,
        summary: '本密钥可读取的数据资源（共享接口）/ the assets this key reads',
        headers: KeyHeader,
        security: [],
        response: { 200: Type.Array(DataAsset), ...PARTNER_ERRORS },
      },
    },
    async (request) => partnerAssets(deps, metaOf(request), presentedKey(request)),
  );
  app.get(
    '/api/share/v1/assets/:code/records',
    {
      schema: {
        tags: TAGS,
        summary: '批量导出（CSV 或 JSON Lines，按编号游标分页，下一页见 X-Next-Cursor）/ bulk export',
        headers: KeyHeader,
        security: [],
        params: AssetCodeParams,
        querystring: SharedRecordsQuery,
        response: {
          200: {
            description: 'text/csv or application/x-ndjson, streamed',
            content: { 'text/csv': { schema: Type.String() }, 'application/x-ndjson': { schema: Type.String() } },
          },
          ...PARTNER_ERRORS,
        },
      },
    },
    async (request, typedReply) => {
      // The body is a stream of lines, which the typed reply (JSON schemas) does not describe.
      const reply: FastifyReply = typedReply;
      const r = await partnerRecords(deps, metaOf(request), presentedKey(request), request.params.code, request.query);
      if (r.nextCursor) reply.header('x-next-cursor', r.nextCursor);
      return reply
        .header('content-type', r.contentType)
        .header('content-disposition', `attachment; filename="${r.filename}"`)
        .header('cache-control', 'no-store')
        .send(r.stream);
    },
  );
  app.get(
    '/api/public/digests',
    {
      schema: {
        tags: TAGS,
        summary: '公开数据每日签名摘要 / the daily signed digests',
        security: [],
        querystring: PublicationDigestListQuery,
        response: { 200: Page(PublicationDigest), 400: ErrorBody },
      },
    },
    async (request) => listDigests(deps, request.query),
  );
  app.get(
    '/api/public/digests/:day',
    {
      schema: {
        tags: TAGS,
        summary: '某日的签名摘要 / a day’s digest',
        security: [],
        params: DigestDayParams,
        response: { 200: PublicationDigest, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getDigest(deps, request.params.day),
  );
  app.get(
    '/api/public/digests/:day/proof',
    {
      schema: {
        tags: TAGS,
        summary: '某条公开记录的证明（默克尔路径）/ the proof of a published record',
        security: [],
        params: DigestDayParams,
        querystring: ProofQuery,
        response: { 200: PublicationProof, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getProof(deps, request.params.day, request.query),
  );
  app.post(
    '/api/public/digests/verify',
    {
      schema: {
        tags: TAGS,
        summary: '验证记录是否与当日公开时一致 / verify a record against the day’s signed digest',
        security: [],
        body: VerifyPublicationBody,
        response: { 200: VerifyPublicationResult, 400: ErrorBody },
      },
    },
    async (request) => verifyPublication(deps, request.body),
  );
}
