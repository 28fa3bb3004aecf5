// The dry run of an import (job 'subject-import.check'): reads the uploaded list row by row, checks each row with the
// domain (validateSubject, the point in the city, the squad whose service area holds it, the initial grade on the
// bureau's rule set in force), finds duplicates within the file as the rows stream by (same credit code, plate, or
// normalised address and name as an earlier row: three maps of keys) and against the registry (one set-based read per
// chunk — the chunk's keys as arrays joined to the indexed columns — then findDuplicateSubjects on the records sharing
// a key). Rows are staged by COPY in chunks, so memory holds one chunk and the keys whatever the size of the file; the
// batch's progress is written after each chunk.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  type DistrictGeometry,
  duplicateReasonZh,
  type DuplicateCheckSubject,
  findDuplicateSubjects,
  gradeSubject,
  normalizeAddress,
  normalizePlate,
  normalizeSubjectName,
  pointInArea,
  type RiskRuleSet,
  type SubjectKind,
  type SubjectLicence,
  subjectLicenceState,
  validateSubject,
  withinBounds,
} from '@chengguan/domain';
import type { Deps } from '../../../context.ts';
import { cityMap } from '../../geo/index.ts';
import { licenceFilterState, nextInspectionOn, ruleSetVersions, versionInForce } from '../use-cases/grading.ts';
import { readStoredFileOrFail } from '../../files/index.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import {
  IMPORT_COLUMNS,
  type ImportField,
  ISSUE_FIELD_COLUMNS,
  parseDate,
  parseKind,
  parseLicenceKind,
  REQUIRED_COLUMNS,
} from './import-columns.ts';
import { copyRows, setBatch as setProgress, type StagedRow } from './import.repository.ts';
import { type ImportFormat, readImportRows, UnreadableImportError } from './read-rows.ts';

export const CHUNK_ROWS = 10_000;

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

/** The rule set a new record is graded by: the bureau's version in force today (0 = the domain's default). */
type Grading = { version: number; set: RiskRuleSet };

/** One row of text → the staged row with its problems (before the duplicate checks). */
function checkRow(
  deps: Deps,
  rowNo: number,
  cells: readonly string[],
  columns: Columns,
  areas: readonly Area[],
  today: string,
  rules: Grading,
): StagedRow {
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
  // The starting grade of a new record: no history yet, only its licence counts (as the registry's grading has it).
  const licenceState = kind && issues.length === 0 ? subjectLicenceState({ kind, licences }, today) : null;
  const grade = kind && licenceState ? gradeSubject({ subjectId, kind, licence: licenceState, events: [] }, rules.set, today) : null;
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
    riskRuleVersion: grade ? rules.version : null,
    licenceState: licenceState ? licenceFilterState(licenceState) : null,
    nextInspectionOn: grade ? nextInspectionOn(today, grade.inspectionsPerYear) : null,
    eventId: deps.newId(),
    issues,
    duplicateOf: [],
  };
}

/** Marks the chunk's valid rows that the registry already holds (findDuplicateSubjects on the records sharing a key). */
async function markRegistryDuplicates(deps: Deps, rows: StagedRow[]): Promise<void> {
  // Every row that passed its own checks (a duplicate of an earlier row of the file may also be one of the registry).
  const valid = rows.filter((r) => r.status !== 'invalid');
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
    const registryIssues: ImportIssue[] = [];
    r.status = 'duplicate';
    r.duplicateOf = [...found.map((f) => ({ subjectId: f.id, reasons: f.reasons })), ...r.duplicateOf];
    for (const f of found) {
      const reason = f.reasons.map(duplicateReasonZh).join('、');
      const column = f.reasons.includes('same_credit_code')
        ? IMPORT_COLUMNS.creditCode
        : f.reasons.includes('same_plate')
          ? IMPORT_COLUMNS.plate
          : IMPORT_COLUMNS.name;
      registryIssues.push({ column, code: 'DUPLICATE_IN_REGISTRY', messageZh: `与执法对象库中已有记录重复（${reason}），转合并审核` });
    }
    r.issues = [...registryIssues, ...r.issues];
  }
}

type FileRule = {
  reason: 'same_credit_code' | 'same_plate' | 'same_address_and_name';
  column: string;
  key: (r: StagedRow) => string | null;
};

/** Within the file, one rule per identity: the credit code (of one kind), the plate, the normalised address and name. */
const FILE_RULES: readonly FileRule[] = [
  {
    reason: 'same_credit_code',
    column: IMPORT_COLUMNS.creditCode,
    key: (r) => (r.creditCode !== null && r.kind !== 'waste_transport_vehicle' ? `${r.kind}\u0000${r.creditCode}` : null),
  },
  { reason: 'same_plate', column: IMPORT_COLUMNS.plate, key: (r) => r.plate },
  {
    reason: 'same_address_and_name',
    column: IMPORT_COLUMNS.name,
    key: (r) => (r.addressKey && r.nameKey ? `${r.addressKey}\u0000${r.nameKey}\u0000${r.district ?? ''}` : null),
  },
];

/**
 * Duplicates within the file, as the rows stream by in file order: a row that passed its own checks and shares a key
 * with an earlier such row is a duplicate of the first row holding that key. Memory: the keys, not the rows.
 */
export class FileDuplicates {
  private readonly first = FILE_RULES.map(() => new Map<string, number>());

  mark(r: StagedRow): void {
    if (r.status === 'invalid') return;
    FILE_RULES.forEach((rule, i) => {
      const key = rule.key(r);
      if (key === null) return;
      const seen = this.first[i]!.get(key);
      if (seen === undefined) {
        this.first[i]!.set(key, r.rowNo);
        return;
      }
      r.status = 'duplicate';
      r.duplicateOf.push({ rowNo: seen, reasons: [rule.reason] });
      r.issues.push({
        column: rule.column,
        code: 'DUPLICATE_IN_FILE',
        messageZh: `与第${seen}行重复（${duplicateReasonZh(rule.reason)}），转合并审核`,
      });
    });
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
  const rules = versionInForce(await ruleSetVersions(deps.db, batch.bureau_id), today);
  const fileDuplicates = new FileDuplicates();
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
  const counts = { valid: 0, invalid: 0, duplicate: 0 };
  // A chunk's database work (the registry read, the staging COPY, the progress) runs while the next chunk is checked.
  const stage = async (rows: StagedRow[]) => {
    await markRegistryDuplicates(deps, rows);
    await copyRows(deps, batchId, rows);
    processed += rows.length;
    for (const r of rows) counts[r.status]++;
    await setProgress(deps, batchId, { processed_rows: processed });
  };
  let inflight: Promise<void> | null = null;
  const flush = async () => {
    const rows = chunk;
    chunk = [];
    if (inflight) await inflight;
    const next = stage(rows);
    next.catch(() => {}); // awaited at the next flush or at the end
    inflight = next;
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
      const staged = checkRow(deps, row.rowNo, row.cells, columns, areas, today, rules);
      fileDuplicates.mark(staged);
      chunk.push(staged);
      if (chunk.length >= CHUNK_ROWS) await flush();
      // Let the chunk in flight move (its statements' answers) while this one is checked.
      else if (chunk.length % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (!columns) throw new UnreadableImportError('文件是空的');
    if (chunk.length > 0) await flush();
    if (inflight) await inflight;
    await setProgress(deps, batchId, {
      status: 'checked',
      total_rows: processed,
      valid_rows: counts.valid,
      invalid_rows: counts.invalid,
      duplicate_rows: counts.duplicate,
      checked_at: deps.clock.now(),
    });
  } catch (err) {
    if (!(err instanceof UnreadableImportError)) throw err;
    await setProgress(deps, batchId, { status: 'failed', error_zh: `文件无法读取：${err.message}` });
  }
}
