import type { Actor, Deps } from '../../../context.ts';
import { MAX_EXPORT_ROWS } from '../../../http/xlsx.ts';
import type { LibraryKind } from '../library/kind-spec.ts';
import { writeWorkbook } from '../library/workbook.ts';
import { listLibraryEntries } from './list-library-entries.ts';

/** The whole filtered list in the import layout, so an exported file imports back unchanged. */
export async function exportLibraryEntries<D extends { id: string }, B, S, F>(
  deps: Deps,
  actor: Actor,
  spec: LibraryKind<D, B, S, F>,
  query: F,
): Promise<Buffer> {
  const page = await listLibraryEntries(deps, actor, spec, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  const rows = page.items.map((dto) => {
    const sheet = { ...spec.toSheet(dto), id: dto.id };
    return spec.columns.map((c) => c.write(sheet));
  });
  return writeWorkbook(spec.sheetName, spec.columns, rows);
}
