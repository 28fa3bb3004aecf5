import type { Deps } from '../../context.ts';
import { lawImportRoutes, lawLibraryRoutes } from './law-library.routes.ts';
import { lawToolsRoutes } from './law-tools.routes.ts';
import { type RouteApp, withSchemaTypes } from '../../platform/server-module.ts';

/** Everything under /api/v1/law. */
export function lawRoutes(app: RouteApp, deps: Deps): void {
  lawLibraryRoutes(app, deps);
  lawToolsRoutes(app, deps);
  // Encapsulated: inherits the scope's authentication and idempotency hooks, keeps its body parsers to itself.
  void app.register(async (scope) => lawImportRoutes(withSchemaTypes(scope), deps));
}
