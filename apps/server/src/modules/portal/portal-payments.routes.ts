// Paying through the portal: the amount due today (fine + G2 surcharge − paid, from the payments module), a
// checkout on the provider's cashier (the sandbox in this installation), and 暂缓 / 分期 applications (处罚法 Art. 66).
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Checkout, DeferralApplicationBody, ErrorBody, PaymentSummary } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { metaOf } from '../../http/auth-hook.ts';
import { channelActor } from '../cases/index.ts';
import { applyForDeferral, paymentSummary, startCheckout } from '../payments/index.ts';
import type { PortalSession } from './portal-session.ts';
import { loadPortalCase, PORTAL_ROLES } from './use-cases/get-portal-case.ts';
import { auditedAttempt } from './use-cases/portal-steps.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const TAGS = ['portal'];

export function portalPaymentRoutes(scope: RouteApp, deps: Deps, session: (r: FastifyRequest) => Promise<PortalSession>): void {
  scope.get(
    '/api/portal/payment',
    {
      schema: {
        tags: TAGS,
        summary: '应缴金额（含加处罚款）/ the amount due today',
        security: [],
        response: { 200: PaymentSummary, 401: ErrorBody },
      },
    },
    async (request) => {
      const s = await session(request);
      return paymentSummary(deps.db, deps, s.caseId);
    },
  );
  scope.post(
    '/api/portal/payment/checkout',
    {
      schema: {
        tags: TAGS,
        summary: '去缴款：打开收银台 / start a checkout on the cashier',
        security: [],
        response: { 200: Checkout, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const s = await session(request);
      const l = await loadPortalCase(deps, s);
      return auditedAttempt(deps, metaOf(request), s, 'payment', l, () => startCheckout(deps, { caseId: s.caseId, channel: 'portal' }));
    },
  );
  scope.post(
    '/api/portal/payment/deferral',
    {
      schema: {
        tags: TAGS,
        summary: '申请暂缓或分期缴纳 / apply for deferral or instalments (Art. 66)',
        security: [],
        body: DeferralApplicationBody,
        response: { 201: Type.Object({ id: Type.String() }), 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const s = await session(request);
      const l = await loadPortalCase(deps, s);
      const body = request.body;
      const created = await auditedAttempt(deps, metaOf(request), s, body.kind, l, () =>
        applyForDeferral(deps, channelActor(l.row, 'portal', PORTAL_ROLES), metaOf(request), { ...body, caseId: s.caseId, via: 'portal' }),
      );
      return reply.status(201).send(created);
    },
  );
}
