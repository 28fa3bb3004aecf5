// Open311 GeoReport v2 under /open311/v2 (outside the session-authenticated API): discovery, services, service
// definitions, POST/GET requests, a request by id, tokens — each in .xml and .json, refusals in the
// specification's error format. The partner routes (everything that reads or writes requests) take an api_key and
// are counted per client address like the other public routes (a valid key refunds its count). The administrator's
// key routes live under /api/v1/open311-keys.
import { Type } from '@sinclair/typebox';
import {
  CreatedOpen311Key,
  CreateOpen311KeyBody,
  ErrorBody,
  MultilineText,
  Open311Key,
  Open311KeyListQuery,
  Page,
  Text,
  Uuid,
} from '@chengguan/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { actorOf, metaOf } from '../../../http/auth-hook.ts';
import { type RouteApp, withSchemaTypes } from '../../../platform/server-module.ts';
import { addressKey, countAttemptIn, refundAttempt, throttledError } from '../../throttle/index.ts';
import { formatOf, list, Open311Error, open311Error, send, sendError, type Open311Format } from './open311-format.ts';
import { createOpen311Key, exportOpen311Keys, listOpen311Keys, partnerOf, revokeOpen311Key } from './open311-keys.ts';
import { listWithExportRoutes } from '../../../http/xlsx.ts';
import { requestById, requestOfToken, searchRequests, submitRequest, SERVICE_NOTICE, type Open311Params } from './open311-requests.ts';
import { listServices, serviceDefinition, serviceEntry, serviceOrFail } from './open311-services.ts';

export const OPEN311_PREFIX = '/open311/v2';
/** When this interface's discovery document last changed (GeoReport "changeset"). */
const CHANGESET = '2026-12-05T00:00:00+08:00';
const TAGS = ['open311'];

const S = (description: string, max = 2000) => Type.Optional(Text(max, { description }));
const Format = Type.Union([Type.Literal('xml'), Type.Literal('json')], { description: 'response format' });
const FormatParams = Type.Object({ format: Format });
const KeyQuery = Type.Object({ api_key: S('partner key'), jurisdiction_id: S('ignored: one jurisdiction') });
const RequestFields = {
  api_key: S('partner key (required)'),
  jurisdiction_id: S('ignored: one jurisdiction'),
  service_code: S('required: a code of GET services'),
  lat: S('WGS-84 latitude, decimal degrees (lat/long or address_string required)'),
  long: S('WGS-84 longitude, decimal degrees'),
  address_string: S('address'),
  address_id: S('not offered: give lat/long or address_string'),
  email: S('reporter e-mail (never shown)'),
  device_id: S('device id (with description, service and place: a retry the same day is one request)'),
  account_id: S('partner account id'),
  first_name: S('reporter given name (never shown)'),
  last_name: S('reporter family name (never shown)'),
  phone: S('reporter phone (never shown)'),
  description: Type.Optional(MultilineText(4000, { description: 'up to 4000 characters' })),
  media_url: S('http(s) URL of a photo'),
};
// attribute[CODE] fields are the service definition's, so the body admits further properties.
const PostRequestBody = Type.Object(RequestFields, { additionalProperties: true });
const RequestsQuery = Type.Object({
  api_key: S('partner key (required here)'),
  jurisdiction_id: S('ignored: one jurisdiction'),
  service_request_id: S('comma-separated ids; the other filters are then ignored'),
  service_code: S('comma-separated codes'),
  start_date: S('ISO 8601 with time zone; default: end_date - 90 days'),
  end_date: S('ISO 8601 with time zone; default: now or start_date + 90 days'),
  status: S('open, closed or both comma-separated'),
});
const XML_OR_JSON = {
  200: {
    description: 'text/xml or application/json per the path’s format (GeoReport v2)',
    content: { 'text/xml': { schema: Type.String() }, 'application/json': { schema: Type.Unknown() } },
  },
};

/** The form fields of a POST (application/x-www-form-urlencoded, as GeoReport clients send them): repeats become lists. */
function parseForm(text: string): Open311Params {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prior = out[k];
    out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  return out;
}

/** Query and body together, each value a string or a list of strings (a JSON body's numbers as written). */
function paramsOf(request: FastifyRequest): Open311Params {
  const out: Open311Params = {};
  const put = (source: unknown) => {
    if (!source || typeof source !== 'object' || Array.isArray(source)) return;
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
    }
  };
  put(request.query);
  put(request.body);
  return out;
}

const str = (p: Open311Params, name: string): string | undefined => {
  const v = p[name];
  return (Array.isArray(v) ? v[0] : v) || undefined;
};

/** Runs a GeoReport handler: its refusals (and the platform's) answered in the specification's error format. */
async function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (format: Open311Format) => Promise<{ root: string; value: Parameters<typeof send>[3]; status?: number }>,
): Promise<FastifyReply> {
  let format: Open311Format = 'xml';
  try {
    format = formatOf((request.params as { format?: string }).format);
    // The routes' schemas are checked here, so that a refusal is in the specification's format too.
    const invalid = request.validationError;
    if (invalid) {
      const where = invalid.validationContext ? `${invalid.validationContext}: ` : '';
      throw open311Error(400, `参数不符合要求（${where}${invalid.message}）`, `invalid parameter (${where}${invalid.message})`);
    }
    const r = await run(format);
    return send(reply, format, r.root, r.value, r.status ?? 200);
  } catch (e) {
    if (e instanceof Open311Error) return sendError(reply, format, e);
    if (e instanceof AppError && e.status < 500) {
      if (e.retryAfterSeconds) reply.header('retry-after', String(e.retryAfterSeconds));
      const status = e.status === 403 || e.status === 404 || e.status === 429 ? e.status : 400;
      return sendError(reply, format, open311Error(status, e.messageZh, e.messageEn));
    }
    throw e;
  }
}

/**
 * The partner routes' count per client address (the public routes' limit): a refusal is answered in the GeoReport
 * error format with Retry-After; the count stays whatever the request's outcome, and a valid key refunds it.
 */
function throttle(deps: Deps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const counted = await deps.db
      .transaction()
      .execute((trx) => countAttemptIn(trx, deps, metaOf(request), [addressKey('public_address', request.ip)]));
    const refusal = throttledError(counted);
    if (!refusal) return;
    const raw = (request.params as { format?: string }).format;
    const format: Open311Format = raw === 'json' ? 'json' : 'xml';
    reply.header('retry-after', String(refusal.retryAfterSeconds ?? 60));
    return sendError(reply, format, open311Error(429, refusal.messageZh, refusal.messageEn));
  };
}

/** The format a refused request asked for, as far as its path says (XML otherwise, the format every client reads). */
function guessFormat(request: FastifyRequest): Open311Format {
  return (request.url.split('?')[0] ?? '').endsWith('.json') ? 'json' : 'xml';
}

function geoReportRoutes(app: FastifyInstance, deps: Deps): void {
  const typed = withSchemaTypes(app);
  // GeoReport clients post forms; the platform's own JSON parser stays for clients that send JSON.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, parseForm(body as string)),
  );
  // What fails before a handler runs — a body that does not parse, a content type not taken, a path or method that is
  // no GeoReport resource — is answered in the specification's format too; a 5xx goes to the platform's handler.
  app.setErrorHandler((error: unknown, request, reply) => {
    const status = error instanceof AppError ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) throw error;
    const zh = error instanceof AppError ? error.messageZh : '请求无法处理';
    const en = error instanceof AppError ? error.messageEn : (error as Error).message;
    if (error instanceof AppError && error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
    return sendError(reply, guessFormat(request), open311Error(status, zh, en));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, guessFormat(request), open311Error(404, '没有这一 GeoReport 资源或方法', 'no such GeoReport resource or method')),
  );
  const gate = throttle(deps);
  const keyed = async (request: FastifyRequest) => {
    const key = await partnerOf(deps.db, str(paramsOf(request), 'api_key'));
    await deps.db.transaction().execute((trx) => refundAttempt(trx, deps, [addressKey('public_address', request.ip)]));
    return key;
  };

  typed.get(
    '/discovery.:format',
    {
      attachValidation: true,
      schema: { tags: TAGS, summary: 'Open311 服务发现 / service discovery', params: FormatParams, response: XML_OR_JSON },
    },
    async (request, reply) =>
      answer(request, reply, async () => ({
        root: 'discovery',
        value: {
          changeset: CHANGESET,
          contact: '城管执法局指挥中心（合作方密钥由各区局管理员发放）',
          key_service: '向所在区城管执法局申请合作方密钥（api_key）',
          endpoints: list('endpoint', [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${deps.config.publicBaseUrl}${OPEN311_PREFIX}`,
              changeset: CHANGESET,
              type: 'production',
              formats: list('format', ['text/xml', 'application/json']),
            },
          ]),
        },
      })),
  );

  typed.get(
    '/services.:format',
    {
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Open311 服务列表 / GET services',
        params: FormatParams,
        querystring: KeyQuery,
        response: XML_OR_JSON,
      },
    },
    async (request, reply) =>
      answer(request, reply, async () => ({
        root: 'services',
        value: list('service', (await listServices(deps.db)).map(serviceEntry)),
      })),
  );

  typed.get(
    '/services/:service_code.:format',
    {
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Open311 服务定义 / GET service definition',
        params: Type.Object({ service_code: Text(20), format: Format }),
        querystring: KeyQuery,
        response: XML_OR_JSON,
      },
    },
    async (request, reply) =>
      answer(request, reply, async () => ({
        root: 'service_definition',
        value: serviceDefinition(await serviceOrFail(deps.db, request.params.service_code)),
      })),
  );

  typed.post(
    '/requests.:format',
    {
      attachValidation: true,
      preHandler: gate,
      schema: {
        tags: TAGS,
        summary: 'Open311 提交诉求 / POST service request',
        params: FormatParams,
        body: PostRequestBody,
        response: XML_OR_JSON,
      },
    },
    async (request, reply) =>
      answer(request, reply, async () => {
        const key = await keyed(request);
        const idem = request.headers['idempotency-key'];
        const done = await submitRequest(deps, key, metaOf(request), paramsOf(request), Array.isArray(idem) ? idem[0] : idem);
        return {
          root: 'service_requests',
          status: done.created ? 201 : 200,
          value: list('request', [
            {
              service_request_id: done.serviceRequestId,
              token: done.token,
              service_notice: SERVICE_NOTICE,
              account_id: str(paramsOf(request), 'account_id') ?? null,
            },
          ]),
        };
      }),
  );

  typed.get(
    '/tokens/:token.:format',
    {
      attachValidation: true,
      preHandler: gate,
      schema: {
        tags: TAGS,
        summary: 'Open311 由令牌查诉求编号 / GET service_request_id from a token',
        params: Type.Object({ token: Text(100), format: Format }),
        querystring: KeyQuery,
        response: XML_OR_JSON,
      },
    },
    async (request, reply) =>
      answer(request, reply, async () => {
        const key = await keyed(request);
        return { root: 'service_requests', value: list('request', [await requestOfToken(deps.db, key, request.params.token)]) };
      }),
  );

  typed.get(
    '/requests.:format',
    {
      attachValidation: true,
      preHandler: gate,
      schema: {
        tags: TAGS,
        summary: 'Open311 诉求列表 / GET service requests',
        params: FormatParams,
        querystring: RequestsQuery,
        response: XML_OR_JSON,
      },
    },
    async (request, reply) =>
      answer(request, reply, async () => {
        const key = await keyed(request);
        return {
          root: 'service_requests',
          value: list('request', await searchRequests(deps.db, key, paramsOf(request), deps.clock.now())),
        };
      }),
  );

  typed.get(
    '/requests/:service_request_id.:format',
    {
      attachValidation: true,
      preHandler: gate,
      schema: {
        tags: TAGS,
        summary: 'Open311 查询单个诉求 / GET service request',
        params: Type.Object({ service_request_id: Text(40), format: Format }),
        querystring: KeyQuery,
        response: XML_OR_JSON,
      },
    },
    async (request, reply) =>
      answer(request, reply, async () => {
        const key = await keyed(request);
        return { root: 'service_requests', value: list('request', [await requestById(deps.db, key, request.params.service_request_id)]) };
      }),
  );
}

export function open311PublicRoutes(app: RouteApp, deps: Deps): void {
  void app.register(async (scope) => geoReportRoutes(scope, deps), { prefix: OPEN311_PREFIX });
}

/** The administrator's partner keys (/api/v1, session-authenticated). */
export function open311KeyRoutes(app: RouteApp, deps: Deps): void {
  const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
  listWithExportRoutes<Open311KeyListQuery>(app, {
    path: '/api/v1/open311-keys',
    tags: TAGS,
    summary: 'Open311 合作方密钥（管辖范围；筛选、分页）/ partner keys',
    exportSummary: '导出 Open311 合作方密钥（Excel，不含密钥本身）/ export the partner keys',
    filename: '开放接口密钥.xlsx',
    querystring: Open311KeyListQuery,
    response: { 200: Page(Open311Key), 400: ErrorBody, 403: ErrorBody },
    list: (actor, query) => listOpen311Keys(deps, actor, query),
    exportXlsx: (actor, query) => exportOpen311Keys(deps, actor, query),
  });
  app.post(
    '/api/v1/open311-keys',
    {
      // The answer carries the key itself, never kept in the clear for a replay; a second key is harmless (revocable).
      config: { idempotencyKey: false },
      schema: {
        tags: TAGS,
        summary: '发放 Open311 合作方密钥（仅显示一次）/ issue a partner key (shown once)',
        body: CreateOpen311KeyBody,
        response: { 201: CreatedOpen311Key, ...ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await createOpen311Key(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/open311-keys/:id/revoke',
    {
      schema: {
        tags: TAGS,
        summary: '停用 Open311 合作方密钥 / revoke a partner key',
        params: Type.Object({ id: Uuid }),
        response: { 200: Open311Key, ...ERRORS },
      },
    },
    async (request) => revokeOpen311Key(deps, actorOf(request), metaOf(request), request.params.id),
  );
}
