import { Type } from '@sinclair/typebox';
import { CasePortalSubmission, ErrorBody, Sm3Hex, Uuid } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendStoredFile } from '../files/index.ts';
import { getSubmissionFile, listCaseSubmissions } from './use-cases/case-submissions.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const TAGS = ['portal'];

/** Under /api/v1: what the party handed in through the portal, for the officers of his case. */
export function portalCaseRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/cases/:id/portal-submissions',
    {
      schema: {
        tags: TAGS,
        summary: '当事人网上提交（陈述申辩及附件、听证申请、确认书）/ what the party handed in through the portal',
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Array(CasePortalSubmission), 404: ErrorBody },
      },
    },
    async (request) => listCaseSubmissions(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/cases/:id/portal-submissions/:submissionId/files/:sm3',
    {
      schema: {
        tags: TAGS,
        summary: '当事人提交的附件或签名（经 SM3 校验）/ an attachment or the signature of a submission, checked against its SM3',
        params: Type.Object({ id: Uuid, submissionId: Uuid, sm3: Sm3Hex }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const p = request.params;
      return sendStoredFile(
        reply,
        await getSubmissionFile(deps, actorOf(request), metaOf(request), { caseId: p.id, submissionId: p.submissionId, sm3: p.sm3 }),
      );
    },
  );
}
