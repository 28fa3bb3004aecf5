// 人员与执法证: officers, roles, credentials.
import type { ServerModule } from '../../platform/server-module.ts';
import { staffRoutes } from './staff.routes.ts';

/** For the demo and generated data. */
export { insertCredential, insertOfficer } from './staff.repository.ts';

export type { TeamTables } from './team/team.tables.ts';

export const staffModule: ServerModule = { name: 'staff', routes: staffRoutes };

/** The credential check of a write the officer's phone queued offline, as of the sync (http/auth-hook.ts). */
export { assertCredentialForSync } from './use-cases/field-sync-credential.ts';
