// The data catalogue (数据资源目录, docs/data-sharing.md §1): every table and view of the platform with its owner,
// fields and their labels, update frequency and sharing level. Migration 058 seeded it from the database's own
// tables; `syncCatalogue` adds the tables made since (as 不予共享 until the administrator says otherwise) and the new
// columns of the known ones. A field with no label of its own is shown with the platform's field label.
import type { DataAsset, DataAssetField, DataAssetListQuery, PageOf, UpdateDataAssetBody } from '@chengguan/contracts';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { FIELD_LABELS } from '../../../errors/field-labels.ts';
import { toXlsx } from '../../../http/xlsx.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { SHARING_INTERFACE_CODES } from '../sharing-interfaces.ts';

const LEVEL_ZH: Record<string, string> = { public: '公开', shared: '共享', restricted: '不予共享' };
const FREQUENCY_ZH: Record<string, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  yearly: '每年',
  on_change: '变更时',
};

type AssetRow = {
  code: string;
  name: string;
  name_en: string;
  owner: string;
  description: string | null;
  fields: unknown;
  update_frequency: string;
  sharing_level: string;
  updated_at: Date;
};

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The stored field, its empty labels filled from the platform's field labels (or the column name). */
function withLabels(f: DataAssetField): DataAssetField {
  const known = FIELD_LABELS[camel(f.name)] ?? FIELD_LABELS[camel(f.name.replace(/_(id|sm3s|at|on)$/, ''))];
  return {
    name: f.name,
    label: f.label || known?.zh || f.name,
    labelEn: f.labelEn || known?.en || f.name.replace(/_/g, ' '),
    type: f.type,
  };
}

function toAsset(r: AssetRow): DataAsset {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    owner: r.owner,
    description: r.description,
    fields: ((r.fields as DataAssetField[]) ?? []).map(withLabels),
    updateFrequency: r.update_frequency as DataAsset['updateFrequency'],
    sharingLevel: r.sharing_level as DataAsset['sharingLevel'],
    exportable: SHARING_INTERFACE_CODES.has(r.code),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The catalogue is the city's: only the city's administrator edits it (a district's administrator reads it). */
export function assertCatalogueAdmin(actor: Actor): void {
  assertPermission(actor, 'catalog:admin');
  if (!isCityWide(actor)) throw new AppError('FORBIDDEN');
}

export async function findAsset(db: Executor, code: string): Promise<DataAsset | null> {
  const row = await db.selectFrom('data_assets').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toAsset(row) : null;
}

export async function listDataAssets(deps: Deps, actor: Actor, q: DataAssetListQuery): Promise<PageOf<DataAsset>> {
  assertPermission(actor, 'catalog:read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = deps.db.selectFrom('data_assets');
  if (q.keyword?.trim()) {
    const k = `%${q.keyword.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) => eb.or([eb('code', 'like', k), eb('name', 'like', k), eb('owner', 'like', k)]));
  }
  if (q.sharingLevel) base = base.where('sharing_level', '=', q.sharingLevel);
  if (q.exportable !== undefined) {
    const codes = [...SHARING_INTERFACE_CODES];
    base = q.exportable ? base.where('code', 'in', codes) : base.where('code', 'not in', codes);
  }
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toAsset), total: Number(total.n), page, pageSize };
}

export async function exportDataAssets(deps: Deps, actor: Actor, q: DataAssetListQuery): Promise<Buffer> {
  const items: DataAsset[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await listDataAssets(deps, actor, { ...q, page, pageSize: 200 });
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  return toXlsx<DataAsset>(
    '数据资源目录',
    [
      { header: '资源代码', width: 28, value: (a) => a.code },
      { header: '资源名称', width: 24, value: (a) => a.name },
      { header: '责任部门', width: 22, value: (a) => a.owner },
      { header: '更新频率', value: (a) => FREQUENCY_ZH[a.updateFrequency] ?? a.updateFrequency },
      { header: '共享属性', value: (a) => LEVEL_ZH[a.sharingLevel] ?? a.sharingLevel },
      { header: '标准接口', value: (a) => (a.exportable ? '有' : '无') },
      { header: '字段', width: 60, value: (a) => a.fields.map((f) => `${f.name}（${f.label}）`).join('、') },
    ],
    items,
  );
}

export async function getDataAsset(deps: Deps, actor: Actor, code: string): Promise<DataAsset> {
  assertPermission(actor, 'catalog:read');
  const a = await findAsset(deps.db, code);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}

export async function updateDataAsset(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  body: UpdateDataAssetBody,
): Promise<DataAsset> {
  assertCatalogueAdmin(actor);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findAsset(trx, code);
    if (!before) throw new AppError('NOT_FOUND');
    if (body.fields) {
      const names = new Set(before.fields.map((f) => f.name));
      const strange = body.fields.findIndex((f) => !names.has(f.name));
      if (strange >= 0) throw fieldError(`fields.${strange}.name`, '不是该数据资源的字段', 'is not a field of this asset');
    }
    await trx
      .updateTable('data_assets')
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.nameEn !== undefined ? { name_en: body.nameEn.trim() } : {}),
        ...(body.owner !== undefined ? { owner: body.owner.trim() } : {}),
        ...(body.description !== undefined ? { description: body.description?.trim() || null } : {}),
        ...(body.updateFrequency ? { update_frequency: body.updateFrequency } : {}),
        ...(body.sharingLevel ? { sharing_level: body.sharingLevel } : {}),
        ...(body.fields
          ? {
              fields: JSON.stringify(
                before.fields.map((f) => {
                  const next = body.fields!.find((x) => x.name === f.name);
                  return next ? { name: f.name, label: next.label.trim(), labelEn: next.labelEn.trim(), type: f.type } : f;
                }),
              ),
            }
          : {}),
        updated_by: actor.id,
        updated_at: deps.clock.now(),
      })
      .where('code', '=', code)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'data_asset.update',
      entityType: 'data_asset',
      entityId: null,
      bureauId: null,
      data: {
        code,
        changes: body,
        before: { sharingLevel: before.sharingLevel, updateFrequency: before.updateFrequency, owner: before.owner },
      },
    });
    return (await findAsset(trx, code))!;
  });
}

/** Adds the tables made since the catalogue was seeded, and the new columns of the known ones. Answers what changed. */
export async function syncCatalogue(deps: Deps, actor: Actor, meta: RequestMeta): Promise<{ added: string[]; updated: string[] }> {
  assertCatalogueAdmin(actor);
  return deps.db.transaction().execute(async (trx) => {
    // One SQL function (migration 068) shared with the migrations that add tables or columns.
    const r = await sql<{ added: string[] | null; updated: string[] | null }>`
      SELECT added, updated FROM data_assets_sync(${deps.clock.now()})`.execute(trx);
    const added = r.rows[0]?.added ?? [];
    const updated = r.rows[0]?.updated ?? [];
    await recordAudit(trx, deps, actor, meta, {
      action: 'data_asset.sync',
      entityType: 'data_asset',
      entityId: null,
      bureauId: null,
      data: { added, updated },
    });
    return { added, updated };
  });
}
