import { Type } from '@sinclair/typebox';
import { ErrorBody, OfficerFile, SaveProfileBody, TransferBody, Uuid } from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { actorOf, metaOf } from '../../../http/auth-hook.ts';
import type { RouteApp } from '../../../platform/server-module.ts';
import { officerFile, saveProfile, transferOfficer } from './team.service.ts';

const TAGS = ['staff'];
const IdParams = Type.Object({ id: Uuid });
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function teamRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/officers/:id/file',
    {
      schema: {
        tags: TAGS,
        summary: '队员档案（执法证、培训、资格考试、复议诉讼、案件）/ the officer’s file',
        params: IdParams,
        response: { 200: OfficerFile, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => officerFile(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/api/v1/officers/:id/profile',
    {
      schema: {
        tags: TAGS,
        summary: '设定职级与岗位标签 / set rank and post tags',
        params: IdParams,
        body: SaveProfileBody,
        response: { 200: OfficerFile, ...WRITE_ERRORS },
      },
    },
    async (request) => saveProfile(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/officers/:id/transfers',
    {
      schema: {
        tags: TAGS,
        summary: '调动队员（保留调动历史）/ transfer an officer',
        params: IdParams,
        body: TransferBody,
        response: { 200: OfficerFile, ...WRITE_ERRORS },
      },
    },
    async (request) => transferOfficer(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}
