// 文件: content-addressed storage (the SM3 of the bytes is the name), checked on every read and by a daily scrub.
import type { ServerModule } from '../../platform/server-module.ts';
import { FILE_JOB_HANDLERS } from './files.jobs.ts';
import { filesRoutes } from './files.routes.ts';
import { nextScrubAt, scheduleDailyScrub } from './use-cases/scrub-files.ts';

export { acceptedFileType, ALLOWED_FILE_TYPES, type AllowedFileType } from './file-types.ts';
export { fileNameFor, sendStoredFile, type ServedFile } from './files.http.ts';
export { addHolder, findFile, heldBy, insertFile, type FileRow } from './files.repository.ts';
export type { FileTables } from './files.tables.ts';
export { readStoredFileOrFail, readStoredFileOrNull, type FileReader } from './use-cases/read-stored-file.ts';
export { storeFile } from './use-cases/store-file.ts';
export { getVerifiedFileOrFail, type FileReference } from './use-cases/verify-stored-file.ts';

export const filesModule: ServerModule = {
  name: 'files',
  routes: filesRoutes,
  jobs: FILE_JOB_HANDLERS,
  schedule: (deps, firstRunAt) => scheduleDailyScrub(deps, nextScrubAt(firstRunAt)),
};
