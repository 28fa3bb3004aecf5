import { Type } from '@sinclair/typebox';
import {
  CreateOfficerBody,
  Credential,
  CredentialBody,
  ErrorBody,
  Officer,
  OfficerListQuery,
  Page,
  UpdateCredentialBody,
  UpdateOfficerBody,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import { listOfficers } from './use-cases/list-officers.ts';
import { getOfficer } from './use-cases/get-officer.ts';
import { createOfficer } from './use-cases/create-officer.ts';
import { updateOfficer } from './use-cases/update-officer.ts';
import { unlockOfficer } from './use-cases/unlock-officer.ts';
import { addCredential, updateCredential } from './use-cases/credentials.ts';
import { exportOfficers } from './use-cases/export-officers.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { teamRoutes } from './team/team.routes.ts';

const IdParams = Type.Object({ id: Uuid });

export function staffRoutes(app: RouteApp, deps: Deps): void {
  teamRoutes(app, deps);
  app.get(
    '/api/v1/officers',
    {
      schema: {
        tags: ['staff'],
        summary: '人员列表 / officers',
        querystring: OfficerListQuery,
        response: { 200: Page(Officer), 400: ErrorBody },
      },
    },
    async (request) => listOfficers(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/officers/export.xlsx',
    { schema: { tags: ['staff'], summary: '导出人员 / export officers (Excel)', querystring: OfficerListQuery } },
    async (request, reply) => sendXlsx(reply, '人员与执法证.xlsx', await exportOfficers(deps, actorOf(request), request.query)),
  );
  app.get(
    '/api/v1/officers/:id',
    { schema: { tags: ['staff'], params: IdParams, response: { 200: Officer, 404: ErrorBody } } },
    async (request) => getOfficer(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/officers',
    {
      schema: {
        tags: ['staff'],
        summary: '新增人员 / create officer (roles: R2–R5)',
        body: CreateOfficerBody,
        response: { 201: Officer, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createOfficer(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.patch(
    '/api/v1/officers/:id',
    {
      schema: {
        tags: ['staff'],
        summary: '修改人员 / update officer (roles: R1–R5)',
        params: IdParams,
        body: UpdateOfficerBody,
        response: { 200: Officer, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => updateOfficer(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/officers/:id/unlock',
    {
      schema: {
        tags: ['staff'],
        summary: '解除账户锁定 / unlock an account locked by failed logins',
        params: IdParams,
        response: { 200: Officer, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => unlockOfficer(deps, actorOf(request), metaOf(request), request.params.id),
  );
  app.post(
    '/api/v1/officers/:id/credentials',
    {
      schema: {
        tags: ['staff'],
        summary: '登记执法证 / add credential',
        params: IdParams,
        body: CredentialBody,
        response: { 201: Credential, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCredential(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/v1/credentials/:id',
    {
      schema: {
        tags: ['staff'],
        params: IdParams,
        body: UpdateCredentialBody,
        response: { 200: Credential, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => updateCredential(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}
