// Partner keys of the sharing interfaces (docs/data-sharing.md §2): made and revoked by an administrator, each for one
// partner system, scoped to assets (only those with a standard interface and shared or public in the catalogue) and
// to a jurisdiction inside the administrator's. Kept as digests the way the Open311 keys are (shared/api-keys.ts).
import type { CreatedSharingKey, CreateSharingKeyBody, SharingKey } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { prefixPattern } from '../../../db/like.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { apiKeyDigest, newApiKey } from '../../../shared/api-keys.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import { SHARING_INTERFACE_CODES } from '../sharing-interfaces.ts';

export const SHARING_KEY_PURPOSE = 'sharing-api-key';

export type PartnerKeyRow = { id: string; partner_name: string; scope_org_id: string; scope_path: string; asset_codes: string[] };

async function keyRows(db: Executor, jurisdictionPath: string, id?: string): Promise<SharingKey[]> {
  let q = db
    .selectFrom('sharing_keys as k')
    .innerJoin('orgs as o', 'o.id', 'k.scope_org_id')
    .select([
      'k.id',
      'k.partner_name',
      'k.scope_org_id',
      'o.name as scope_name',
      'k.asset_codes',
      'k.key_hint',
      'k.created_at',
      'k.revoked_at',
      'k.last_used_at',
    ])
    .where('o.path', 'like', prefixPattern(jurisdictionPath))
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id');
  if (id) q = q.where('k.id', '=', id);
  const rows = await q.limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    partnerName: r.partner_name,
    scopeOrgId: r.scope_org_id,
    scopeOrgName: r.scope_name,
    assetCodes: r.asset_codes,
    keyHint: r.key_hint,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  }));
}

export async function listSharingKeys(deps: Deps, actor: Actor): Promise<SharingKey[]> {
  assertPermission(actor, 'catalog:admin');
  return keyRows(deps.db, actor.jurisdictionPath);
}

export async function createSharingKey(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateSharingKeyBody,
): Promise<CreatedSharingKey> {
  assertPermission(actor, 'catalog:admin');
  const org = await findOrg(deps.db, body.scopeOrgId);
  if (!org || !org.path.startsWith(actor.jurisdictionPath)) {
    throw new AppError('NOT_FOUND', {
      field: 'scopeOrgId',
      message: '共享范围：不存在或不在您的管辖范围内',
      messageEn: 'scopeOrgId: not in your jurisdiction',
    });
  }
  const codes = [...new Set(body.assetCodes)];
  const levels = await deps.db.selectFrom('data_assets').select(['code', 'sharing_level']).where('code', 'in', codes).execute();
  codes.forEach((code) => {
    const i = body.assetCodes.indexOf(code);
    if (!SHARING_INTERFACE_CODES.has(code))
      throw fieldError(`assetCodes.${i}`, '该数据资源没有标准共享接口', 'has no standard sharing interface');
    const level = levels.find((l) => l.code === code)?.sharing_level;
    if (level !== 'public' && level !== 'shared') {
      throw fieldError(`assetCodes.${i}`, '该数据资源为不予共享', 'is not to be shared (不予共享)', 'RULE_VIOLATION');
    }
  });
  const { key, hint } = newApiKey('cgs');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sharing_keys')
      .values({
        id,
        key_hash: apiKeyDigest(SHARING_KEY_PURPOSE, key),
        key_hint: hint,
        partner_name: body.partnerName.trim(),
        scope_org_id: org.id,
        asset_codes: codes,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'sharing_key.create',
      entityType: 'sharing_key',
      entityId: id,
      bureauId: org.bureau_id ?? null,
      data: { partnerName: body.partnerName, scopeOrgId: org.id, assetCodes: codes, keyHint: hint },
    });
  });
  const [made] = await keyRows(deps.db, actor.jurisdictionPath, id);
  return { ...made!, apiKey: key };
}

export async function revokeSharingKey(deps: Deps, actor: Actor, meta: RequestMeta, id: string): Promise<SharingKey> {
  assertPermission(actor, 'catalog:admin');
  await deps.db.transaction().execute(async (trx) => {
    const [k] = await keyRows(trx, actor.jurisdictionPath, id);
    if (!k) throw new AppError('NOT_FOUND');
    if (k.revokedAt) return;
    await trx
      .updateTable('sharing_keys')
      .set({ revoked_at: deps.clock.now(), revoked_by: actor.id })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'sharing_key.revoke',
      entityType: 'sharing_key',
      entityId: id,
      bureauId: null,
      data: { partnerName: k.partnerName },
    });
  });
  const [k] = await keyRows(deps.db, actor.jurisdictionPath, id);
  return k!;
}

/** The live key behind a presented secret, with its scope's path; undefined when unknown or revoked. */
export async function findPartnerKey(db: Executor, presented: string): Promise<PartnerKeyRow | undefined> {
  return db
    .selectFrom('sharing_keys as k')
    .innerJoin('orgs as o', 'o.id', 'k.scope_org_id')
    .select(['k.id', 'k.partner_name', 'k.scope_org_id', 'o.path as scope_path', 'k.asset_codes'])
    .where('k.key_hash', '=', apiKeyDigest(SHARING_KEY_PURPOSE, presented))
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}
