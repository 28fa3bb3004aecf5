// Partner keys (api_key of GeoReport v2): made and revoked by an administrator for a district bureau in his
// jurisdiction; the requests a key files become tickets of that bureau. Only the SM3 digest of a key is stored.
import type { CreatedOpen311Key, CreateOpen311KeyBody, Open311Key, Open311KeyListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { escapeLike } from '../../../db/like.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { apiKeyDigest, newApiKey } from '../../../shared/api-keys.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import { open311Error } from './open311-format.ts';

export type Open311KeyRow = { id: string; name: string; bureau_id: string };

export const keyDigest = (key: string): string => apiKeyDigest('open311-api-key', key);

/** Only the administrator manages partner keys (they let an outside program file tickets in the bureau's name). */
function assertKeyAdmin(actor: Actor): void {
  assertPermission(actor, 'config:write');
  if (!actor.roles.includes('admin')) throw new AppError('FORBIDDEN');
}

function notFound(field?: string): AppError {
  return new AppError('NOT_FOUND', {
    ...(field ? { field } : {}),
    message: '对象不存在或不在您的管辖范围内',
    messageEn: 'No such record in your jurisdiction',
  });
}

type KeyFilter = { id?: string; jurisdictionPath: string; q?: string; status?: 'active' | 'revoked'; bureauId?: string };

function keyQuery(db: Executor, where: KeyFilter) {
  let q = db
    .selectFrom('open311_keys as k')
    .innerJoin('orgs as b', 'b.id', 'k.bureau_id')
    .where('b.path', 'like', `${escapeLike(where.jurisdictionPath)}%`);
  if (where.id) q = q.where('k.id', '=', where.id);
  if (where.bureauId) q = q.where('k.bureau_id', '=', where.bureauId);
  if (where.status) q = q.where('k.revoked_at', where.status === 'revoked' ? 'is not' : 'is', null);
  if (where.q) {
    const like = `%${escapeLike(where.q)}%`;
    q = q.where((eb) => eb.or([eb('k.name', 'like', like), eb('k.key_hint', 'like', like)]));
  }
  return q;
}

async function keyRows(db: Executor, where: KeyFilter, limit = 1000, offset = 0): Promise<Open311Key[]> {
  const rows = await keyQuery(db, where)
    .select((eb) => [
      'k.id',
      'k.name',
      'k.bureau_id',
      'b.name as bureau_name',
      'k.key_hint',
      'k.created_at',
      'k.revoked_at',
      eb
        .selectFrom('open311_submissions as s')
        .whereRef('s.key_id', '=', 'k.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('request_count'),
    ])
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    bureauId: r.bureau_id,
    bureauName: r.bureau_name,
    keyHint: r.key_hint,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    requestCount: Number(r.request_count ?? 0),
  }));
}

/** The keys of the administrator's jurisdiction, filtered and paged on the server (newest first). */
export async function listOpen311Keys(deps: Deps, actor: Actor, q: Open311KeyListQuery = {}, cap = 200): Promise<PageOf<Open311Key>> {
  assertKeyAdmin(actor);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const filter: KeyFilter = {
    jurisdictionPath: actor.jurisdictionPath,
    ...(q.q ? { q: q.q } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.bureauId ? { bureauId: q.bureauId } : {}),
  };
  const [count, items] = await Promise.all([
    keyQuery(deps.db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    keyRows(deps.db, filter, pageSize, (page - 1) * pageSize),
  ]);
  return { items, total: Number(count.n), page, pageSize };
}

const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const EXPORT_COLUMNS: XlsxColumn<Open311Key>[] = [
  { header: '合作方', value: (k) => k.name, width: 28 },
  { header: '所属区局', value: (k) => k.bureauName, width: 20 },
  { header: '密钥末四位', value: (k) => k.keyHint },
  { header: '发放时间', value: (k) => shanghai(k.createdAt), width: 18 },
  { header: '已提交诉件', value: (k) => k.requestCount },
  { header: '状态', value: (k) => (k.revokedAt ? '已停用' : '有效') },
  { header: '停用时间', value: (k) => (k.revokedAt ? shanghai(k.revokedAt) : null), width: 18 },
];

/** The same filters in one Excel file (never the keys themselves: only their last four characters). */
export async function exportOpen311Keys(deps: Deps, actor: Actor, q: Open311KeyListQuery): Promise<Buffer> {
  const page = await listOpen311Keys(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('开放接口密钥', EXPORT_COLUMNS, page.items);
}

export async function createOpen311Key(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateOpen311KeyBody,
): Promise<CreatedOpen311Key> {
  assertKeyAdmin(actor);
  const { key: apiKey } = newApiKey('o311');
  const id = deps.newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const bureau = await findOrg(trx, body.bureauId);
    if (!bureau || !bureau.path.startsWith(actor.jurisdictionPath)) throw notFound('bureauId');
    if (bureau.kind !== 'district_bureau') {
      throw new AppError('VALIDATION_FAILED', {
        field: 'bureauId',
        message: '区局：合作方密钥须绑定一个区局',
        messageEn: 'bureauId: a partner key is bound to a district bureau',
      });
    }
    await trx
      .insertInto('open311_keys')
      .values({
        id,
        key_hash: keyDigest(apiKey),
        key_hint: apiKey.slice(-4),
        name: body.name,
        bureau_id: bureau.id,
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'open311_key.create',
      entityType: 'open311_key',
      entityId: id,
      data: { name: body.name, bureauId: bureau.id, keyHint: apiKey.slice(-4) },
      bureauId: bureau.id,
    });
  });
  const [key] = await keyRows(deps.db, { id, jurisdictionPath: actor.jurisdictionPath });
  return { ...key!, apiKey };
}

export async function revokeOpen311Key(deps: Deps, actor: Actor, meta: RequestMeta, id: string): Promise<Open311Key> {
  assertKeyAdmin(actor);
  await deps.db.transaction().execute(async (trx) => {
    const [key] = await keyRows(trx, { id, jurisdictionPath: actor.jurisdictionPath });
    if (!key) throw notFound();
    if (key.revokedAt) return;
    await trx
      .updateTable('open311_keys')
      .set({ revoked_at: deps.clock.now(), revoked_by: actor.id })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'open311_key.revoke',
      entityType: 'open311_key',
      entityId: id,
      data: { name: key.name, bureauId: key.bureauId },
      bureauId: key.bureauId,
    });
  });
  const [key] = await keyRows(deps.db, { id, jurisdictionPath: actor.jurisdictionPath });
  return key!;
}

/** The partner behind an api_key: 400 when none is given, 403 when it is unknown or revoked. */
export async function partnerOf(db: Executor, apiKey: string | undefined): Promise<Open311KeyRow> {
  if (!apiKey) throw open311Error(400, 'api_key：请提供合作方密钥', 'api_key was not provided');
  const row = await db
    .selectFrom('open311_keys')
    .select(['id', 'name', 'bureau_id'])
    .where('key_hash', '=', keyDigest(apiKey))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw open311Error(403, 'api_key：密钥无效或已停用', 'api_key is invalid or revoked');
  return row;
}
