import { ErrorBody, RoleHome } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/auth-hook.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getRoleHome } from './use-cases/get-role-home.ts';

export function homeRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/home',
    {
      schema: {
        tags: ['home'],
        summary: '首页 / role home: my 待办, 预警 and the numbers of my scope',
        response: { 200: RoleHome, 401: ErrorBody },
      },
    },
    async (request) => getRoleHome(deps, actorOf(request)),
  );
}
