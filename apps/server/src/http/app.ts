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
import { installErrorHandler } from './error-handler.ts';
import { installAuthHook } from './auth-hook.ts';
import { installIdempotency } from './idempotency.ts';
import { meRoutes, publicAuthRoutes } from '../modules/auth/auth.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { staffRoutes } from '../modules/staff/staff.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { lawRoutes } from '../modules/law/law.routes.ts';
import { caseRoutes } from '../modules/cases/cases.routes.ts';
import { filesRoutes } from '../modules/files/files.routes.ts';
import { partyConfirmationRoutes, publicPartyConfirmationRoutes } from '../modules/party-confirmations/party-confirmations.routes.ts';
import { messagingRoutes } from '../modules/messaging/messaging.routes.ts';
import { publicPortalRoutes } from '../modules/portal/portal.routes.ts';
import { disclosureRoutes, publicDisclosureRoutes } from '../modules/disclosure/disclosure.routes.ts';
import { installDisclosureHooks } from '../modules/disclosure/disclosure.hooks.ts';
import { serviceRoutes } from '../modules/service/service.routes.ts';
import { installServiceHooks } from '../modules/service/service.install.ts';
import { enforcementRoutes } from '../modules/enforcement/enforcement.routes.ts';
import { installEnforcementHooks } from '../modules/enforcement/enforcement.install.ts';
import { paymentRoutes, publicPaymentRoutes } from '../modules/payments/payments.routes.ts';
import { installPaymentHooks } from '../modules/payments/payments.hooks.ts';
import { documentRoutes, publicDocumentRoutes } from '../modules/documents/documents.routes.ts';

export type BuildAppOptions = {
  deps: Deps;
  databaseKind: DatabaseKind;
  logger?: boolean | { level: string };
};

/** Feature route registrations under /api/v1 (authenticated, idempotent writes). Later modules add theirs here. */
const V1_ROUTES = [
  meRoutes,
  orgRoutes,
  staffRoutes,
  auditRoutes,
  lawRoutes,
  filesRoutes,
  caseRoutes,
  partyConfirmationRoutes,
  messagingRoutes,
  disclosureRoutes,
  serviceRoutes,
  enforcementRoutes,
  paymentRoutes,
  documentRoutes,
];

export async function buildApp({ deps, databaseKind, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  installServiceHooks();
  installEnforcementHooks();
  installPaymentHooks();
  installDisclosureHooks();
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: true } },
  });
  installErrorHandler(app);
  await app.register(cookie);
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
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  publicAuthRoutes(app, deps);
  // 当事人扫码确认: the party's phone has no session; the link's token is the only key.
  publicPartyConfirmationRoutes(app, deps);
  // 文书核验: anyone holding the QR code's link (document id + code) may check the document.
  publicDocumentRoutes(app, deps);
  // 当事人门户: the party's own session (cookie cg_portal), scoped to one case.
  publicPortalRoutes(app, deps);
  // 行政执法公示: published decisions, redacted (I1/I2).
  publicDisclosureRoutes(app, deps);
  // 支付渠道回调（验签）与沙箱收银台: the provider's signature is the only key.
  publicPaymentRoutes(app, deps);

  await app.register(async (v1) => {
    installAuthHook(v1, deps);
    installIdempotency(v1, deps);
    for (const register of V1_ROUTES) register(v1, deps);
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
      if (html) return reply.type('text/html').send(html);
    }
    return reply.status(404).send(new AppError('NOT_FOUND').toBody(String(request.id)));
  });
}
