import { Type } from '@sinclair/typebox';
import { CreateOrgBody, ErrorBody, Org, Uuid, UpdateOrgBody } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listOrgTree } from './use-cases/list-org-tree.ts';
import { getOrg } from './use-cases/get-org.ts';
import { createOrg } from './use-cases/create-org.ts';
import { updateOrg } from './use-cases/update-org.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const IdParams = Type.Object({ id: Uuid });
// The tree is recursive; the OpenAPI document describes one level and its children loosely.
const OrgNodeSchema = Type.Intersect([Org, Type.Object({ children: Type.Array(Type.Unknown()) })]);

export function orgRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/orgs/tree',
    { schema: { tags: ['org'], summary: '组织机构树 / org tree', response: { 200: Type.Array(OrgNodeSchema) } } },
    async (request) => listOrgTree(deps, actorOf(request)),
  );
  app.get('/api/v1/orgs/:id', { schema: { tags: ['org'], params: IdParams, response: { 200: Org, 404: ErrorBody } } }, async (request) =>
    getOrg(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/orgs',
    {
      schema: {
        tags: ['org'],
        summary: '新增机构 / create unit',
        body: CreateOrgBody,
        response: { 201: Org, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrg(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.patch(
    '/api/v1/orgs/:id',
    { schema: { tags: ['org'], params: IdParams, body: UpdateOrgBody, response: { 200: Org, 400: ErrorBody, 404: ErrorBody } } },
    async (request) => updateOrg(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}
