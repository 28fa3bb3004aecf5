// Partner keys (api_key of GeoReport v2): made and revoked by an administrator for a district bureau in his
// jurisdiction; the requests a key files become tickets of that bureau. Only the SM3 digest of a key is stored.
import type { CreatedOpen311Key, CreateOpen311KeyBody, Open311Key } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
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

async function keyRows(db: Executor, where: { id?: string; jurisdictionPath: string }): Promise<Open311Key[]> {
  let q = db
    .selectFrom('open311_keys as k')
    .innerJoin('orgs as b', 'b.id', 'k.bureau_id')
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
    .where('b.path', 'like', `${where.jurisdictionPath}%`)
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id');
  if (where.id) q = q.where('k.id', '=', where.id);
  const rows = await q.execute();
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

export async function listOpen311Keys(deps: Deps, actor: Actor): Promise<Open311Key[]> {
  assertKeyAdmin(actor);
  return keyRows(deps.db, { jurisdictionPath: actor.jurisdictionPath });
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
