// The dry run of an import (job 'subject-import.check'): reads the uploaded list row by row, checks each row with the
// domain (validateSubject, the point in the city, the squad whose service area holds it), finds duplicates against
// the registry (findDuplicateSubjects on the records sharing a key) and, once every row is staged, within the file
// (same credit code, plate, or normalised address and name as an earlier row). Rows are staged by COPY in chunks, so
// memory holds one chunk whatever the size of the file; the batch's progress is written after each chunk.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  type DistrictGeometry,
  duplicateReasonZh,
  type DuplicateCheckSubject,
  findDuplicateSubjects,
  normalizeAddress,
  normalizePlate,
  normalizeSubjectName,
  pointInArea,
  type SubjectKind,
  type SubjectLicence,
  subjectLicenceState,
  validateSubject,
  withinBounds,
} from '@chengguan/domain';
import type { Deps } from '../../../context.ts';
import { cityMap } from '../../geo/index.ts';
import { readStoredFileOrFail } from '../../files/index.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import {
  IMPORT_COLUMNS,
  type ImportField,
  initialGrade,
  ISSUE_FIELD_COLUMNS,
  parseDate,
  parseKind,
  parseLicenceKind,
  REQUIRED_COLUMNS,
} from './import-columns.ts';
import { copyRows, setBatch as setProgress, type StagedRow } from './import.repository.ts';
import { type ImportFormat, readImportRows, UnreadableImportError } from './read-rows.ts';

export const CHUNK_ROWS = 5000;

export type ImportIssue = { column: string; code: string; messageZh: string };

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
let codeBytes = Buffer.alloc(0);
let codeAt = 0;

/** 一店一码: 12 characters from 60 random bits, the public key of the subject's QR page (random bytes taken 4 KB at a time). */
export function newSubjectCode(): string {
  if (codeAt + 12 > codeBytes.length) {
    codeBytes = randomBytes(4096 - (4096 % 12));
    codeAt = 0;
  }
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[codeBytes[codeAt + i]! & 31]!;
  codeAt += 12;
  return s;
}

type Area = { orgId: string; street: string; geometry: DistrictGeometry; box: [number, number, number, number] };

async function bureauAreas(deps: Deps, bureauId: string): Promise<Area[]> {
  const rows = await deps.db
    .selectFrom('org_areas as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'a.street_name', 'a.geometry', 'a.min_lon', 'a.min_lat', 'a.max_lon', 'a.max_lat'])
    .where('o.bureau_id', '=', bureauId)
    .orderBy('a.org_id')
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    street: r.street_name,
    geometry: r.geometry as DistrictGeometry,
    box: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
  }));
}

type Columns = Partial<Record<ImportField, number>>;

function mapHeader(cells: readonly string[]): { columns: Columns; missing: ImportField[] } {
  const columns: Columns = {};
  for (const [field, header] of Object.entries(IMPORT_COLUMNS) as [ImportField, string][]) {
    const i = cells.findIndex((c) => c.replace(/\s+/g, '') === header);
    if (i >= 0) columns[field] = i;
  }
  return { columns, missing: REQUIRED_COLUMNS.filter((f) => columns[f] === undefined) };
}

/** One row of text → the staged row with its problems (before the duplicate checks). */
function checkRow(deps: Deps, rowNo: number, cells: readonly string[], columns: Columns, areas: readonly Area[], today: string): StagedRow {
  const get = (f: ImportField) => (columns[f] === undefined ? '' : (cells[columns[f]!] ?? '').trim());
  const issues: ImportIssue[] = [];
  const kindText = get('kind');
  const kind = parseKind(kindText);
  if (kindText === '') issues.push({ column: IMPORT_COLUMNS.kind, code: 'REQUIRED', messageZh: '请填写类型' });
  else if (!kind) issues.push({ column: IMPORT_COLUMNS.kind, code: 'KIND_UNKNOWN', messageZh: `类型“${kindText}”不在执法对象类型之列` });
  const name = get('name');
  const address = get('address');
  const creditCode = get('creditCode').toUpperCase();
  const idNumber = get('idNumber').toUpperCase();
  const plate = get('plate') === '' ? '' : normalizePlate(get('plate'));
  const licenceNumber = get('licenceNumber');
  const issuedText = get('issuedOn');
  const untilText = get('validUntil');
  const issuedOn = issuedText === '' ? null : parseDate(issuedText);
  const validUntil = untilText === '' ? null : parseDate(untilText);
  if (issuedText !== '' && !issuedOn)
    issues.push({ column: IMPORT_COLUMNS.issuedOn, code: 'DATE_INVALID', messageZh: `发证日期“${issuedText}”不是有效日期` });
  if (untilText !== '' && !validUntil)
    issues.push({ column: IMPORT_COLUMNS.validUntil, code: 'DATE_INVALID', messageZh: `有效期至“${untilText}”不是有效日期` });
  const hasLicence = licenceNumber !== '' || issuedText !== '' || untilText !== '';
  if (hasLicence && issuedText === '')
    issues.push({ column: IMPORT_COLUMNS.issuedOn, code: 'REQUIRED', messageZh: '填写证照的，请填写发证日期' });
  const licenceKind = hasLicence ? parseLicenceKind(get('licenceKind'), kind) : null;
  const licences: SubjectLicence[] =
    hasLicence && issuedOn && (untilText === '' || validUntil) ? [{ kind: licenceKind!, number: licenceNumber, issuedOn, validUntil }] : [];
  if (kind) {
    const check = validateSubject(
      {
        id: 'row',
        kind,
        name,
        address,
        creditCode: creditCode || null,
        operatorIdNumber: idNumber || null,
        plateNumber: plate || null,
        licences,
      },
      today,
    );
    for (const i of check.issues) issues.push({ column: ISSUE_FIELD_COLUMNS[i.field] ?? i.field, code: i.code, messageZh: i.messageZh });
  } else {
    if (name === '') issues.push({ column: IMPORT_COLUMNS.name, code: 'REQUIRED', messageZh: '请填写名称' });
    if (address === '') issues.push({ column: IMPORT_COLUMNS.address, code: 'REQUIRED', messageZh: '请填写地址' });
  }
  // The point: both coordinates or neither, WGS-84 degrees inside the city.
  const lonText = get('lon');
  const latText = get('lat');
  let point: [number, number] | null = null;
  if (lonText !== '' || latText !== '') {
    const lon = Number(lonText);
    const lat = Number(latText);
    if (lonText === '' || !Number.isFinite(lon))
      issues.push({ column: IMPORT_COLUMNS.lon, code: 'POINT_INVALID', messageZh: '经度须为数字（与纬度同填）' });
    else if (latText === '' || !Number.isFinite(lat))
      issues.push({ column: IMPORT_COLUMNS.lat, code: 'POINT_INVALID', messageZh: '纬度须为数字（与经度同填）' });
    else if (!withinBounds([lon, lat], cityMap().bounds)) {
      issues.push({ column: IMPORT_COLUMNS.lon, code: 'POINT_OUTSIDE_CITY', messageZh: '坐标不在本市范围内，请核对经纬度' });
    } else point = [lon, lat];
  }
  const area = point
    ? areas.find(
        (a) =>
          point![0] >= a.box[0] &&
          point![0] <= a.box[2] &&
          point![1] >= a.box[1] &&
          point![1] <= a.box[3] &&
          pointInArea(point!, a.geometry),
      )
    : undefined;
  const contactName = get('contact');
  const phone = get('phone');
  const tags = get('tags')
    .split(/[,，、;；\s]+/)
    .filter((t) => t !== '');
  const normalized = normalizeAddress(address);
  const subjectId = deps.newId();
  const grade = kind && issues.length === 0 ? initialGrade(subjectId, kind, subjectLicenceState({ kind, licences }, today), today) : null;
  return {
    rowNo,
    status: issues.length > 0 ? 'invalid' : 'valid',
    subjectId,
    code: newSubjectCode(),
    kind: kind ?? (kindText || null),
    name: name || null,
    nameKey: name ? normalizeSubjectName(name) : null,
    creditCode: creditCode || null,
    idNumber: idNumber || null,
    plate: plate || null,
    address: address || null,
    addressKey: normalized.key || null,
    district: normalized.district,
    street: area?.street ?? null,
    pointLon: point?.[0] ?? null,
    pointLat: point?.[1] ?? null,
    orgId: area?.orgId ?? null,
    contacts: contactName || phone ? [{ name: contactName, phone, role: '负责人' }] : [],
    tags,
    licenceId: hasLicence ? deps.newId() : null,
    licenceKind,
    licenceNumber: hasLicence ? licenceNumber : null,
    licenceIssuedOn: issuedOn ?? (issuedText || null),
    licenceValidUntil: validUntil ?? (untilText || null),
    riskLevel: grade?.level ?? null,
    riskRuleId: grade?.firedRuleId ?? null,
    riskExplanation: grade?.explanationZh ?? null,
    eventId: deps.newId(),
    issues,
    duplicateOf: [],
  };
}

/** Marks the chunk's valid rows that the registry already holds (findDuplicateSubjects on the records sharing a key). */
async function markRegistryDuplicates(deps: Deps, rows: StagedRow[]): Promise<void> {
  const valid = rows.filter((r) => r.status === 'valid');
  if (valid.length === 0) return;
  const pairs = valid.filter((r) => r.creditCode !== null && r.kind !== 'waste_transport_vehicle');
  const plates = [...new Set(valid.map((r) => r.plate).filter((c): c is string => c !== null))];
  const addresses = [...new Set(valid.map((r) => r.addressKey).filter((c): c is string => c !== null))];
  // Three reads, each on its index (the partial unique ones for codes and plates, address_key's).
  const existing = (
    await sql<{
      id: string;
      kind: string;
      name: string;
      address: string | null;
      credit_code: string | null;
      plate: string | null;
      address_key: string | null;
    }>`
      SELECT id, kind, name, address, credit_code, plate, address_key FROM subjects
       WHERE credit_code IS NOT NULL AND status <> 'merged' AND kind <> 'waste_transport_vehicle'
         AND (kind, credit_code) IN (SELECT k, c FROM unnest(${pairs.map((r) => r.kind)}::text[], ${pairs.map((r) => r.creditCode)}::text[]) AS t (k, c))
      UNION
      SELECT id, kind, name, address, credit_code, plate, address_key FROM subjects
       WHERE plate IS NOT NULL AND status <> 'merged' AND plate = ANY (${plates}::text[])
      UNION
      SELECT id, kind, name, address, credit_code, plate, address_key FROM subjects
       WHERE address_key IS NOT NULL AND status <> 'merged' AND address_key = ANY (${addresses}::text[])`.execute(deps.db)
  ).rows;
  if (existing.length === 0) return;
  const byKey = new Map<string, DuplicateCheckSubject[]>();
  const add = (key: string | null, s: DuplicateCheckSubject) => {
    if (key === null) return;
    const list = byKey.get(key) ?? [];
    if (!list.includes(s)) list.push(s);
    byKey.set(key, list);
  };
  for (const e of existing) {
    const s: DuplicateCheckSubject = {
      id: e.id,
      kind: e.kind as SubjectKind,
      name: e.name,
      address: e.address ?? '',
      creditCode: e.credit_code,
      plateNumber: e.plate,
    };
    add(e.credit_code ? `c:${e.credit_code}` : null, s);
    add(e.plate ? `p:${e.plate}` : null, s);
    add(e.address_key ? `a:${e.address_key}` : null, s);
  }
  for (const r of valid) {
    const near = new Set<DuplicateCheckSubject>();
    for (const key of [r.creditCode && `c:${r.creditCode}`, r.plate && `p:${r.plate}`, r.addressKey && `a:${r.addressKey}`]) {
      if (key) for (const s of byKey.get(key) ?? []) near.add(s);
    }
    if (near.size === 0) continue;
    const found = findDuplicateSubjects(
      {
        id: r.subjectId,
        kind: r.kind as SubjectKind,
        name: r.name ?? '',
        address: r.address ?? '',
        creditCode: r.creditCode,
        plateNumber: r.plate,
      },
      [...near],
    );
    if (found.length === 0) continue;
    r.status = 'duplicate';
    r.duplicateOf = found.map((f) => ({ subjectId: f.id, reasons: f.reasons }));
    for (const f of found) {
      const reason = f.reasons.map(duplicateReasonZh).join('、');
      const column = f.reasons.includes('same_credit_code')
        ? IMPORT_COLUMNS.creditCode
        : f.reasons.includes('same_plate')
          ? IMPORT_COLUMNS.plate
          : IMPORT_COLUMNS.name;
      r.issues.push({ column, code: 'DUPLICATE_IN_REGISTRY', messageZh: `与执法对象库中已有记录重复（${reason}），转合并审核` });
    }
  }
}

/** Within the file: a row sharing a key with an earlier row that passed is a duplicate of that row. */
async function markFileDuplicates(deps: Deps, batchId: string): Promise<void> {
  const rules: { partition: string; where: string; reason: string; column: string }[] = [
    {
      partition: 'kind, credit_code',
      where: "credit_code IS NOT NULL AND kind <> 'waste_transport_vehicle'",
      reason: 'same_credit_code',
      column: IMPORT_COLUMNS.creditCode,
    },
    { partition: 'plate', where: 'plate IS NOT NULL', reason: 'same_plate', column: IMPORT_COLUMNS.plate },
    {
      partition: "address_key, name_key, coalesce(district, '')",
      where: "address_key IS NOT NULL AND address_key <> '' AND name_key IS NOT NULL AND name_key <> ''",
      reason: 'same_address_and_name',
      column: IMPORT_COLUMNS.name,
    },
  ];
  for (const rule of rules) {
    const reasonZh = duplicateReasonZh(rule.reason as Parameters<typeof duplicateReasonZh>[0]);
    await sql`
      UPDATE subject_import_rows r
         SET status = 'duplicate',
             duplicate_of = r.duplicate_of || jsonb_build_array(jsonb_build_object('rowNo', d.first_row, 'reasons', jsonb_build_array(${rule.reason}::text))),
             issues = r.issues || jsonb_build_array(jsonb_build_object(
               'column', ${rule.column}::text, 'code', 'DUPLICATE_IN_FILE',
               'messageZh', '与第' || d.first_row || ${`行重复（${reasonZh}），转合并审核`}::text))
        FROM (SELECT row_no, min(row_no) OVER (PARTITION BY ${sql.raw(rule.partition)}) AS first_row
                FROM subject_import_rows
               WHERE batch_id = ${batchId} AND status <> 'invalid' AND ${sql.raw(rule.where)}) d
       WHERE r.batch_id = ${batchId} AND r.row_no = d.row_no AND d.first_row < d.row_no`.execute(deps.db);
  }
}

/** The job: check and stage the batch's file. A failure leaves the batch 'failed' with the reason. */
export async function checkImportBatch(deps: Deps, batchId: string): Promise<void> {
  const batch = (
    await sql<{ bureau_id: string; file_sm3: string; format: ImportFormat; status: string }>`
      SELECT bureau_id, file_sm3, format, status FROM subject_import_batches WHERE id = ${batchId}`.execute(deps.db)
  ).rows[0];
  if (!batch || batch.status !== 'checking') return;
  // A retried job starts over.
  await sql`DELETE FROM subject_import_rows WHERE batch_id = ${batchId}`.execute(deps.db);
  const today = shanghaiDate(deps.clock.now());
  const areas = await bureauAreas(deps, batch.bureau_id);
  const bytes = await readStoredFileOrFail(deps, batch.file_sm3, {
    actor: null,
    meta: { ip: null, correlationId: null },
    objectType: 'subject_import',
    objectId: batchId,
    channel: 'worker',
  });
  let columns: Columns | null = null;
  let chunk: StagedRow[] = [];
  let processed = 0;
  const flush = async () => {
    await markRegistryDuplicates(deps, chunk);
    await copyRows(
      deps,
      chunk.map((r) => ({ ...r, batchId })),
    );
    processed += chunk.length;
    chunk = [];
    await setProgress(deps, batchId, { processed_rows: processed });
  };
  try {
    for await (const row of readImportRows(batch.format, bytes)) {
      if (!columns) {
        const header = mapHeader(row.cells);
        if (header.missing.length > 0) {
          throw new UnreadableImportError(`第1行缺少列：${header.missing.map((f) => IMPORT_COLUMNS[f]).join('、')}`);
        }
        columns = header.columns;
        await setProgress(deps, batchId, {
          columns: JSON.stringify(Object.fromEntries(Object.entries(columns).map(([f, i]) => [IMPORT_COLUMNS[f as ImportField], i + 1]))),
        });
        continue;
      }
      chunk.push(checkRow(deps, row.rowNo, row.cells, columns, areas, today));
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    if (!columns) throw new UnreadableImportError('文件是空的');
    if (chunk.length > 0) await flush();
    await markFileDuplicates(deps, batchId);
    const counts = (
      await sql<{ status: string; n: number }>`
        SELECT status, count(*)::int AS n FROM subject_import_rows WHERE batch_id = ${batchId} GROUP BY status`.execute(deps.db)
    ).rows;
    const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    await setProgress(deps, batchId, {
      status: 'checked',
      total_rows: processed,
      valid_rows: n('valid'),
      invalid_rows: n('invalid'),
      duplicate_rows: n('duplicate'),
      checked_at: deps.clock.now(),
    });
  } catch (err) {
    if (!(err instanceof UnreadableImportError)) throw err;
    await setProgress(deps, batchId, { status: 'failed', error_zh: `文件无法读取：${err.message}` });
  }
}
