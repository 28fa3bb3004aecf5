import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { lawImportRoutes, lawLibraryRoutes } from './law-library.routes.ts';
import { lawToolsRoutes } from './law-tools.routes.ts';

/** Everything under /api/v1/law. */
export function lawRoutes(app: FastifyInstance, deps: Deps): void {
  lawLibraryRoutes(app, deps);
  lawToolsRoutes(app, deps);
  // Encapsulated: inherits the scope's authentication and idempotency hooks, keeps its body parsers to itself.
  void app.register(async (scope) => lawImportRoutes(scope, deps));
}
