import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { INPUT_FORMATS, type ImportError, type ImportReport } from '@chengguan/contracts';
import { sm3Hex } from '../../../shared/sm3.ts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertCityWideWrite } from '../law.access.ts';
import type { Issue } from '../law.errors.ts';
import { lockVersionKey } from '../law-library.repository.ts';
import { CellError } from '../library/cells.ts';
import type { AnyLibraryKind, SheetColumn } from '../library/kind-spec.ts';
import { columnLetter, mergeOrigin, readUpload, type SheetData, UnreadableFileError, type Upload } from '../library/workbook.ts';
import { withSavepoint } from '../../../db/transaction.ts';

/** Body fields that a spreadsheet names through another column. */
const FIELD_ALIASES: Record<string, string> = { offenceId: 'offenceCode' };

type Column = SheetColumn<unknown>;
type ParsedRow = { rowNumber: number; values: Record<string, unknown> };

class Rollback extends Error {}

// TypeBox's Value checker knows no string formats until they are registered: a row is held to the checks of a request
// (free text without control characters, dates that exist).
for (const [name, check] of Object.entries(INPUT_FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

function err(row: number, column: string | null, message: string, messageEn: string): ImportError {
  return { row, column, message, messageEn };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

/** Header row: every column known, none twice, every required one present. */
function mapHeaders(spec: AnyLibraryKind, sheet: SheetData, errors: ImportError[]): Map<number, Column> {
  const byHeader = new Map(spec.columns.map((c) => [c.header, c as Column]));
  const colOf = new Map<number, Column>();
  const seen = new Set<string>();
  for (const [col, text] of [...sheet.headers].sort((a, b) => a[0] - b[0])) {
    const c = byHeader.get(text);
    if (!c) {
      errors.push(
        err(1, text, `第${columnLetter(col)}列「${text}」不是本表的列`, `column ${columnLetter(col)} "${text}" is not part of this layout`),
      );
    } else if (seen.has(text)) {
      errors.push(err(1, text, `列「${text}」重复`, `column "${text}" appears twice`));
    } else {
      seen.add(text);
      colOf.set(col, c);
    }
  }
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.header))
      errors.push(err(1, c.header, `缺少必需的列「${c.header}」`, `the required column "${c.header}" is missing`));
  }
  return colOf;
}

function parseRows(sheet: SheetData, colOf: Map<number, Column>, errors: ImportError[]): ParsedRow[] {
  const out: ParsedRow[] = [];
  for (const row of sheet.rows) {
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const [col, cell] of row.cells) {
      const c = colOf.get(col);
      if (!c) continue;
      try {
        const v = c.read(cell);
        if (v !== undefined) setPath(values, c.field, v);
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        errors.push(err(row.rowNumber, c.header, e.zh, e.en));
        ok = false;
      }
    }
    for (const [col, c] of colOf) {
      if (!row.cells.has(col) && c.empty) setPath(values, c.field, c.empty());
    }
    if (ok) out.push({ rowNumber: row.rowNumber, values });
  }
  return out;
}

function headerOf(spec: AnyLibraryKind, field: string): string | null {
  const f = FIELD_ALIASES[field] ?? field;
  const c =
    spec.columns.find((col) => col.field === f) ??
    spec.columns.find((col) => f.startsWith(`${col.field}.`) || col.field.startsWith(`${f}.`));
  return c?.header ?? null;
}

function schemaIssues(spec: AnyLibraryKind, body: unknown): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const e of Value.Errors(spec.bodySchema, body)) {
    const field =
      e.path
        .replace(/^\//, '')
        .split('/')
        .filter((p) => !/^\d+$/.test(p))
        .join('.') || 'row';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({
      field,
      message: e.value === undefined ? '必填项未填写' : '取值不符合要求',
      messageEn: e.value === undefined ? 'is required' : e.message,
    });
  }
  return out;
}

type Outcome = { created: string[]; updated: string[] };

/** Checks and writes every row in one transaction; row N's checks see rows 1…N-1 (overlaps inside the file). */
async function writeRows(trx: Executor, deps: Deps, spec: AnyLibraryKind, rows: ParsedRow[], errors: ImportError[]): Promise<Outcome> {
  const rowOfId = new Map<string, number>();
  const outcome: Outcome = { created: [], updated: [] };
  const report = (rowNumber: number, issues: Issue[]) => {
    for (const i of issues) {
      const other = i.conflictId !== undefined ? rowOfId.get(i.conflictId) : undefined;
      const [zh, en] =
        other !== undefined
          ? [`与文件第${other}行的版本有效期重叠`, `overlaps the version in row ${other} of the file`]
          : [i.message, i.messageEn];
      errors.push(err(rowNumber, headerOf(spec, i.field), i.rule ? `${zh}（${i.rule}）` : zh, en));
    }
  };
  for (const { rowNumber, values } of rows) {
    const { id: rawId, ...sheetValues } = values;
    const id = typeof rawId === 'string' ? rawId : undefined;
    if (id !== undefined && !INPUT_FORMATS.uuid(id)) {
      report(rowNumber, [{ field: 'id', message: `ID「${id}」格式不正确`, messageEn: 'the ID is not a UUID' }]);
      continue;
    }
    if (id !== undefined && !(await spec.find(trx, id))) {
      report(rowNumber, [
        {
          field: 'id',
          message: '库中没有该 ID 的条目（新增条目请留空 ID）',
          messageEn: 'no entry has this ID (leave it empty for a new entry)',
        },
      ]);
      continue;
    }
    const resolved = await spec.fromSheet(trx, sheetValues);
    if (resolved.issues.length > 0 || resolved.body === null) {
      report(rowNumber, resolved.issues);
      continue;
    }
    const body = resolved.body;
    const invalid = schemaIssues(spec, body);
    if (invalid.length > 0) {
      report(rowNumber, invalid);
      continue;
    }
    for (const key of spec.lockKeys(body)) await lockVersionKey(trx, key);
    const issues = await spec.check(trx, body, id ?? null);
    if (issues.length > 0) {
      report(rowNumber, issues);
      continue;
    }
    const targetId = id ?? deps.newId();
    try {
      await withSavepoint(trx, 'law_import_row', async () => {
        if (id !== undefined) await spec.update(trx, id, body, deps.clock.now());
        else await spec.insert(trx, targetId, body, deps.clock.now());
      });
    } catch (e) {
      const constraint = (e as { constraint?: string }).constraint ?? (e as Error).message;
      report(rowNumber, [
        { field: 'row', message: `数据库拒绝该行（${constraint}）`, messageEn: `the database refused the row (${constraint})` },
      ]);
      continue;
    }
    rowOfId.set(targetId, rowNumber);
    (id !== undefined ? outcome.updated : outcome.created).push(targetId);
  }
  return outcome;
}

/**
 * Imports a bureau's spreadsheet: every row is validated first and the report names each bad row and
 * column; only a clean file is written, all rows in ONE transaction. A dry run writes nothing.
 */
export async function importLibraryFile(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  spec: AnyLibraryKind,
  upload: Upload,
  dryRun: boolean,
): Promise<ImportReport> {
  assertCityWideWrite(actor, 'law:write');
  const errors: ImportError[] = [];
  const report = (rows: number, outcome: Outcome | null): ImportReport => ({
    ok: errors.length === 0,
    kind: spec.kind,
    dryRun,
    rows,
    created: outcome?.created.length ?? 0,
    updated: outcome?.updated.length ?? 0,
    errors: errors.sort((a, b) => a.row - b.row),
  });
  let sheet: SheetData;
  try {
    sheet = await readUpload(upload);
  } catch (e) {
    if (!(e instanceof UnreadableFileError)) throw e;
    errors.push(err(0, null, `文件无法读取（应为 .xlsx 或 .csv）：${e.message}`, `the file cannot be read as .xlsx or .csv: ${e.message}`));
    return report(0, null);
  }
  const colOf = mapHeaders(spec, sheet, errors);
  for (const range of sheet.merges) {
    const o = mergeOrigin(range);
    const column = colOf.get(o.col)?.header ?? sheet.headers.get(o.col) ?? columnLetter(o.col);
    errors.push(
      err(o.row, column, `合并单元格 ${range}：请取消合并，每个单元格单独填写`, `merged cells ${range}: unmerge them and fill every cell`),
    );
  }
  if (sheet.rows.length === 0) errors.push(err(0, null, '文件没有数据行', 'the file has no data rows'));
  if (errors.length > 0) return report(sheet.rows.length, null);
  const rows = parseRows(sheet, colOf, errors);
  let outcome: Outcome | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      outcome = await writeRows(trx, deps, spec, rows, errors);
      if (errors.length > 0 || dryRun) throw new Rollback();
      await recordAudit(trx, deps, actor, meta, {
        action: `${spec.entityType}.import`,
        entityType: spec.entityType,
        entityId: null,
        data: { rows: rows.length, created: outcome.created, updated: outcome.updated, fileSm3: sm3Hex(upload.bytes) },
      });
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return report(sheet.rows.length, errors.length === 0 ? outcome : null);
}
