// 首页: the home each role lands on — its 待办, 预警 and the numbers of its scope, counted with the case list's queries.
import type { ServerModule } from '../../platform/server-module.ts';
import { homeRoutes } from './home.routes.ts';

export const homeModule: ServerModule = { name: 'home', routes: homeRoutes };
