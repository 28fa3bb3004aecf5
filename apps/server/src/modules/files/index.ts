// 文件: content-addressed storage (the SM3 of the bytes is the name).
import type { ServerModule } from '../../platform/server-module.ts';
import { filesRoutes } from './files.routes.ts';

export { fileStorageOf, sm3OfBytes } from './file-storage.ts';
export { findFile, insertFile } from './files.repository.ts';
export type { FileTables } from './files.tables.ts';
export { getVerifiedFileOrFail } from './use-cases/verify-stored-file.ts';

export const filesModule: ServerModule = { name: 'files', routes: filesRoutes };
