import type { Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { FilesTable } from './files.tables.ts';

export type FileRow = Selectable<FilesTable>;

/** A second upload of the same bytes is the same file: the first row stays. */
export async function insertFile(
  db: Executor,
  row: { sm3: string; size: number; mime: string; bureau_id: string | null; created_by: string | null },
) {
  await db
    .insertInto('files')
    .values(row)
    .onConflict((oc) => oc.column('sm3').doNothing())
    .execute();
}

export async function findFile(db: Executor, sm3: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('sm3', '=', sm3).executeTakeFirst();
}
