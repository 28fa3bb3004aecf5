import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../context.ts';
import type { DatabaseKind } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { answerFrameworkError, installErrorHandler } from './error-handler.ts';
import { installJsonParser } from './json-body.ts';
import { compileRequestValidator } from './validation.ts';
import { buildSerializer } from './serialization.ts';
import { installAuthHook } from './auth-hook.ts';
import { installUnitOfWork } from './unit-of-work.ts';
import { installOriginCheck } from './origin-check.ts';
import { installSecurityHeaders, markNoReferrerPage } from './security-headers.ts';
import { buildModules, type Modules } from '../platform/build-modules.ts';
import { publishedOpenApi } from './openapi-document.ts';

export type BuildAppOptions = {
  deps: Deps;
  databaseKind: DatabaseKind;
  logger?: boolean | { level: string };
  /** The wired modules; built here when not given (tests). */
  modules?: Modules;
};

export async function buildApp({
  deps,
  databaseKind,
  logger = false,
  modules = buildModules(deps),
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
    // Off unless TRUST_PROXY names the proxies: otherwise any client could write X-Forwarded-For into the audit log.
    trustProxy: deps.config.trustProxy,
    frameworkErrors: answerFrameworkError,
    // Formats constrain what a client sends; an answer is serialized whatever an older row holds.
    serializerOpts: { ajv: { formats: { text: true, 'multiline-text': true } } },
    // Answers' unions that need no choosing are serialized without a validation per field (http/serialization.ts).
    schemaController: { compilersFactory: { buildSerializer } },
  });
  // Bodies are never converted ("10000" is no amount); query and path strings strictly (http/validation.ts).
  app.setValidatorCompiler(compileRequestValidator);
  installErrorHandler(app);
  installJsonParser(app);
  // Before any route: every write route registered below is wrapped in its unit of work.
  installUnitOfWork(app, deps);
  await installSecurityHeaders(app, deps.config);
  await app.register(cookie);
  // After the cookie parser, before any handler: a cookie-authenticated write from another site never starts.
  installOriginCheck(app, deps.config);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '城管执法平台 API (chengguan)', version: deps.config.version, description: 'Urban-management enforcement platform' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'cg_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查 / health',
        response: { 200: Type.Object({ status: Type.String(), database: Type.String(), version: Type.String() }) },
      },
    },
    async () => {
      await deps.db.selectFrom('orgs').select('id').limit(1).execute();
      return { status: 'ok', database: databaseKind, version: deps.config.version };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => publishedOpenApi(app.swagger()));
  // Public routes carry their own key: the login form, the party's confirmation link, a document's QR code, the
  // party's portal session, the published decisions, a payment provider's signature.
  modules.registerPublicRoutes(app);

  await app.register(async (v1) => {
    installAuthHook(v1, deps);
    modules.registerRoutes(v1);
  });

  await serveWeb(app, deps.config.webDist);
  return app;
}

/**
 * The built console, with every non-API GET answered by index.html (client-side routing).
 * Files are looked up per request (wildcard), so a rebuilt console is served without a restart.
 * Unknown API paths answer the coded NOT_FOUND.
 */
async function serveWeb(app: FastifyInstance, webDist: string | null): Promise<void> {
  const index = webDist ? path.join(webDist, 'index.html') : null;
  if (webDist && fs.existsSync(webDist)) await app.register(fastifyStatic, { root: webDist, wildcard: true });
  app.setNotFoundHandler(async (request, reply) => {
    if (index && request.method === 'GET' && !request.url.startsWith('/api/')) {
      const html = await fs.promises.readFile(index).catch(() => null);
      if (html) {
        markNoReferrerPage(request.url, reply);
        return reply.type('text/html').send(html);
      }
    }
    return reply.status(404).send(new AppError('NOT_FOUND').toBody(String(request.id)));
  });
}
