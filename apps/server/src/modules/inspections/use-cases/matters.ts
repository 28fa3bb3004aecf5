// 检查事项清单: list, read, create and edit (a new version; the earlier ones stay for the tasks given with them), and
// the starter list loaded with the reference data.
import {
  MATTER_CODE_PATTERN,
  type InspectionMatter as MatterDto,
  type InspectionMatterBody,
  type InspectionMatterListQuery,
  type UpdateInspectionMatterBody,
} from '@chengguan/contracts';
import type { InspectionMatter } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, type ErrorDetail } from '../../../errors/app-error.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { STARTER_MATTERS } from '../starter-matters.ts';

type MatterFields = { nameZh: string; legalBasisZh: string; subjectKinds: readonly string[]; items: InspectionMatter['items'] };

type MatterRow = {
  id: string;
  code: string;
  bureau_id: string | null;
  name_zh: string;
  legal_basis_zh: string;
  subject_kinds: string[];
  items: unknown;
  active: boolean;
  version: number;
  updated_at: Date;
};

export function matterDto(r: MatterRow): MatterDto {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    legalBasisZh: r.legal_basis_zh,
    subjectKinds: r.subject_kinds,
    items: r.items as MatterDto['items'],
    bureauId: r.bureau_id,
    active: r.active,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listMatters(deps: Deps, actor: Actor, q: InspectionMatterListQuery): Promise<MatterDto[]> {
  assertPermission(actor, 'law:read');
  let query = deps.db.selectFrom('inspection_matters').selectAll().orderBy('code');
  if (q.active !== undefined) query = query.where('active', '=', q.active);
  if (q.subjectKind) query = query.where(sql<boolean>`${q.subjectKind} = ANY(subject_kinds)`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('code', 'ilike', like), eb('name_zh', 'ilike', like)]));
  }
  return (await query.execute()).map(matterDto);
}

export async function getMatter(deps: Deps, actor: Actor, id: string): Promise<MatterDto> {
  assertPermission(actor, 'law:read');
  const r = await deps.db.selectFrom('inspection_matters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return matterDto(r);
}

/** The city's list is kept by the city bureau's administrators (as the legal library is by the city's reviewers). */
function assertAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin') || !isCityWide(actor)) throw new AppError('FORBIDDEN');
}

/**
 * The checks a matter must pass: item codes once each within the matter, and an item code another matter also uses
 * must carry the same text there (the same code is the same check — 综合查一次 checks it once).
 */
async function matterIssues(db: Executor, code: string, body: MatterFields): Promise<ErrorDetail[]> {
  const issues: ErrorDetail[] = [];
  const pattern = new RegExp(MATTER_CODE_PATTERN);
  if (!pattern.test(code)) {
    issues.push({
      field: 'code',
      message: '事项编号须以大写字母开头，由大写字母、数字和连字符组成',
      messageEn: 'code: upper-case letters, digits and hyphens, starting with a letter',
    });
  }
  body.items.forEach((item, i) => {
    if (!pattern.test(item.code)) {
      issues.push({
        field: `items[${i}].code`,
        message: '检查项编号须以大写字母开头，由大写字母、数字和连字符组成',
        messageEn: `items[${i}].code: upper-case letters, digits and hyphens, starting with a letter`,
      });
    }
  });
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (seen.has(item.code)) {
      issues.push({
        field: `items[${i}].code`,
        message: `检查项编号${item.code}在本事项中重复`,
        messageEn: `items[${i}].code: the item code ${item.code} appears twice in this matter`,
      });
    }
    seen.add(item.code);
  });
  const others = await db.selectFrom('inspection_matters').select(['code', 'items']).where('code', '<>', code).execute();
  const textOf = new Map<string, { text: string; matter: string }>();
  for (const o of others) for (const it of o.items as InspectionMatter['items']) textOf.set(it.code, { text: it.textZh, matter: o.code });
  body.items.forEach((item, i) => {
    const other = textOf.get(item.code);
    if (other && other.text !== item.textZh) {
      issues.push({
        field: `items[${i}].textZh`,
        message: `检查项${item.code}在事项${other.matter}中的内容为“${other.text}”，同一编号的检查项内容须一致`,
        messageEn: `items[${i}].textZh: item ${item.code} reads differently in matter ${other.matter}; one code is one check`,
      });
    }
  });
  return issues;
}

function refuse(issues: ErrorDetail[]): never {
  throw new AppError('VALIDATION_FAILED', {
    field: issues[0]!.field,
    message: issues.map((i) => i.message).join('；'),
    messageEn: issues.map((i) => i.messageEn).join('; '),
    details: issues,
  });
}

async function insertVersion(db: Executor, code: string, version: number, body: MatterFields, by: string | null) {
  await db
    .insertInto('inspection_matter_versions')
    .values({
      code,
      version,
      name_zh: body.nameZh,
      legal_basis_zh: body.legalBasisZh,
      subject_kinds: [...body.subjectKinds],
      items: JSON.stringify(body.items),
      created_by: by,
    })
    .execute();
}

export async function createMatter(deps: Deps, actor: Actor, meta: RequestMeta, body: InspectionMatterBody): Promise<MatterDto> {
  assertAdmin(actor);
  return deps.db.transaction().execute(async (trx) => {
    const issues = await matterIssues(trx, body.code, body);
    if (issues.length > 0) refuse(issues);
    const exists = await trx.selectFrom('inspection_matters').select('id').where('code', '=', body.code).executeTakeFirst();
    if (exists)
      throw new AppError('DUPLICATE', { field: 'code', message: `事项编号${body.code}已存在`, messageEn: `code: ${body.code} exists` });
    const id = deps.newId();
    const now = deps.clock.now();
    await trx
      .insertInto('inspection_matters')
      .values({
        id,
        code: body.code,
        bureau_id: null,
        name_zh: body.nameZh,
        legal_basis_zh: body.legalBasisZh,
        subject_kinds: [...body.subjectKinds],
        items: JSON.stringify(body.items),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertVersion(trx, body.code, 1, body, actor.id);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection.matter.create',
      entityType: 'inspection_matter',
      entityId: id,
      data: { code: body.code, items: body.items.length },
    });
    return matterDto((await trx.selectFrom('inspection_matters').selectAll().where('id', '=', id).executeTakeFirstOrThrow())!);
  });
}

export async function updateMatter(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateInspectionMatterBody,
): Promise<MatterDto> {
  assertAdmin(actor);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('inspection_matters').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== body.expectedVersion) throw new AppError('STATE_CONFLICT', { field: 'expectedVersion' });
    const issues = await matterIssues(trx, row.code, body);
    if (issues.length > 0) refuse(issues);
    const version = row.version + 1;
    await trx
      .updateTable('inspection_matters')
      .set({
        name_zh: body.nameZh,
        legal_basis_zh: body.legalBasisZh,
        subject_kinds: [...body.subjectKinds],
        items: JSON.stringify(body.items),
        active: body.active,
        version,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await insertVersion(trx, row.code, version, body, actor.id);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection.matter.update',
      entityType: 'inspection_matter',
      entityId: id,
      data: { code: row.code, version, active: body.active },
    });
    return matterDto(await trx.selectFrom('inspection_matters').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The matters of a task as they were when it was given ({ code: version }); the current one when it has none. */
export async function mattersAtVersions(
  db: Executor,
  codes: readonly string[],
  versions: Record<string, number> | null,
): Promise<(InspectionMatter & { version: number })[]> {
  if (codes.length === 0) return [];
  const current = await db.selectFrom('inspection_matters').selectAll().where('code', 'in', codes).execute();
  const wanted = current.map((c) => ({ code: c.code, version: versions?.[c.code] ?? c.version }));
  const rows = await db
    .selectFrom('inspection_matter_versions')
    .selectAll()
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('code', '=', w.code), eb('version', '=', w.version)]))))
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return current.map((c) => {
    const v = byCode.get(c.code);
    return {
      code: c.code,
      nameZh: v?.name_zh ?? c.name_zh,
      legalBasisZh: v?.legal_basis_zh ?? c.legal_basis_zh,
      subjectKinds: (v?.subject_kinds ?? c.subject_kinds) as InspectionMatter['subjectKinds'],
      items: (v?.items ?? c.items) as InspectionMatter['items'],
      version: v?.version ?? c.version,
    };
  });
}

/** Loads the starter 检查事项清单 into an empty list (idempotent: a list that holds any matter is left alone). */
export async function seedInspectionMatters(deps: Deps): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('inspection_matters').select('id').limit(1).executeTakeFirst();
    if (any) return 0;
    const now = deps.clock.now();
    for (const m of STARTER_MATTERS) {
      await trx
        .insertInto('inspection_matters')
        .values({
          id: deps.newId(),
          code: m.code,
          bureau_id: null,
          name_zh: m.nameZh,
          legal_basis_zh: m.legalBasisZh,
          subject_kinds: [...m.subjectKinds],
          items: JSON.stringify(m.items),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await insertVersion(trx, m.code, 1, m, null);
    }
    await recordAudit(
      trx,
      deps,
      null,
      { ip: null, correlationId: null },
      {
        action: 'seed.inspection_matters',
        entityType: 'inspection_matter',
        entityId: null,
        data: { matters: STARTER_MATTERS.length },
      },
    );
    return STARTER_MATTERS.length;
  });
}
