import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  RecordServiceBody,
  ServiceConsent,
  ServiceConsentBody,
  ServiceOverview,
  ServiceRecord,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { getServiceOverview } from './use-cases/get-service-overview.ts';
import { sendStoredFile } from '../files/index.ts';
import { getConsentFile, getServiceFile, SERVICE_FILE_PARTS } from './use-cases/get-service-file.ts';
import { getServiceReceipt } from './use-cases/get-service-receipt.ts';
import { recordPaperConsent } from './use-cases/record-paper-consent.ts';
import { recordService } from './use-cases/record-service.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const IdParams = Type.Object({ id: Uuid });
const ServiceParams = Type.Object({ id: Uuid, serviceId: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** 送达: records of service by each lawful method, the F2 consent, the 送达回证. */
export function serviceRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/cases/:id/services',
    {
      schema: {
        tags: ['service'],
        summary: '送达记录 / service records of a case',
        params: IdParams,
        response: { 200: ServiceOverview, 404: ErrorBody },
      },
    },
    async (request) => getServiceOverview(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/cases/:id/service-consents',
    {
      schema: {
        tags: ['service'],
        summary: '登记电子送达地址确认书（纸质）/ record a paper e-service consent (F2)',
        params: IdParams,
        body: ServiceConsentBody,
        response: { 201: ServiceConsent, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordPaperConsent(deps, actorOf(request), metaOf(request), {
          caseId: request.params.id,
          body: request.body,
        }),
      ),
  );
  app.post(
    '/api/v1/cases/:id/services',
    {
      schema: {
        tags: ['service'],
        summary: '登记送达 / record a service (direct, lien, mail, electronic, public notice; F1–F4)',
        params: IdParams,
        body: RecordServiceBody,
        response: { 201: ServiceRecord, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordService(deps, actorOf(request), metaOf(request), {
          caseId: request.params.id,
          body: request.body,
        }),
      ),
  );
  app.get(
    '/api/v1/cases/:id/services/:serviceId/receipt.pdf',
    { schema: { tags: ['service'], summary: '送达回证 PDF / proof of service', params: ServiceParams } },
    async (request, reply) => {
      const p = request.params;
      const { pdf, filename } = await getServiceReceipt(deps, actorOf(request), metaOf(request), p.id, p.serviceId);
      return sendStoredFile(reply, { bytes: pdf, mime: 'application/pdf', sm3: '', filename }, { inline: true }).removeHeader(
        'x-content-sm3',
      );
    },
  );
  app.get(
    '/api/v1/cases/:id/services/:serviceId/files/:part',
    {
      schema: {
        tags: ['service'],
        summary: '送达记录的签收签名或留置送达影像 / the signature or the lien photo / video of a service record',
        params: Type.Object({ id: Uuid, serviceId: Uuid, part: Type.Union(SERVICE_FILE_PARTS.map((p) => Type.Literal(p))) }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const p = request.params;
      return sendStoredFile(
        reply,
        await getServiceFile(deps, actorOf(request), metaOf(request), { caseId: p.id, serviceId: p.serviceId, part: p.part }),
      );
    },
  );
  app.get(
    '/api/v1/cases/:id/service-consents/:consentId/file',
    {
      schema: {
        tags: ['service'],
        summary: '电子送达地址确认书扫描件或当事人签名 / the scan or the party’s signature of an e-service consent',
        params: Type.Object({ id: Uuid, consentId: Uuid }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const p = request.params;
      return sendStoredFile(reply, await getConsentFile(deps, actorOf(request), metaOf(request), { caseId: p.id, consentId: p.consentId }));
    },
  );
}
