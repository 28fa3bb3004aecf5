// A partner's call of a sharing interface (docs/data-sharing.md §2): the key presented in X-Api-Key is checked (unknown
// or revoked: 403), counted against its rate limit (429 past it), checked against its scope — the asset among its
// assets and still shared in the catalogue, a narrower org inside its jurisdiction (else 403) — and every call, served
// or refused, is an audit row. The records stream out in CSV or JSON lines, ordered by id and paged by keyset.
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { DataAsset, SharedRecordsQuery } from '@chengguan/contracts';
import type { Deps, RequestMeta } from '../../../context.ts';
import { prefixPattern } from '../../../db/like.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import { addressKey, countAttemptIn, partnerKeyKey, throttledError } from '../../throttle/index.ts';
import { sharingInterface, type SharingInterface } from '../sharing-interfaces.ts';
import { findAsset } from './catalogue.ts';
import { findPartnerKey, type PartnerKeyRow } from './keys.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH = 500;

type CallAudit = { keyId: string | null; partner: string | null; path: string; asset: string | null; outcome: string; detail?: unknown };

async function audit(deps: Deps, meta: RequestMeta, a: CallAudit): Promise<void> {
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, null, meta, {
      action: a.outcome === 'served' ? 'sharing.call' : 'sharing.refused',
      entityType: 'sharing_key',
      entityId: a.keyId,
      bureauId: null,
      data: { partner: a.partner, path: a.path, asset: a.asset, outcome: a.outcome, ...(a.detail ? { detail: a.detail } : {}) },
    }),
  );
}

function refused(status: 401 | 403, zh: string, en: string): AppError {
  return new AppError(status === 401 ? 'AUTH_REQUIRED' : 'FORBIDDEN', { message: zh, messageEn: en });
}

/** The key of the call, counted against its limit; every refusal audited. */
export async function partnerOrFail(deps: Deps, meta: RequestMeta, presented: string | undefined, path: string): Promise<PartnerKeyRow> {
  if (!presented) {
    await audit(deps, meta, { keyId: null, partner: null, path, asset: null, outcome: 'no_key' });
    throw refused(401, 'X-Api-Key：请提供共享接口密钥', 'X-Api-Key: give the partner key');
  }
  const key = await findPartnerKey(deps.db, presented);
  if (!key) {
    // Guessing keys is counted per client address like the other anonymous failures.
    const counted = await deps.db.transaction().execute((trx) => countAttemptIn(trx, deps, meta, [addressKey('public_address', meta.ip)]));
    await audit(deps, meta, { keyId: null, partner: null, path, asset: null, outcome: 'invalid_key' });
    throw throttledError(counted) ?? refused(403, 'X-Api-Key：密钥无效或已停用', 'X-Api-Key: the key is invalid or revoked');
  }
  const counted = await deps.db.transaction().execute((trx) => countAttemptIn(trx, deps, meta, [partnerKeyKey(key.id)]));
  const limit = throttledError(counted);
  if (limit) {
    await audit(deps, meta, { keyId: key.id, partner: key.partner_name, path, asset: null, outcome: 'rate_limited' });
    throw limit;
  }
  return key;
}

/** The assets a key may read, as the catalogue describes them. */
export async function partnerAssets(deps: Deps, meta: RequestMeta, presented: string | undefined): Promise<DataAsset[]> {
  const key = await partnerOrFail(deps, meta, presented, '/api/share/v1/assets');
  const assets = (await Promise.all(key.asset_codes.map((c) => findAsset(deps.db, c)))).filter(
    (a): a is DataAsset => !!a && a.sharingLevel !== 'restricted',
  );
  await audit(deps, meta, { keyId: key.id, partner: key.partner_name, path: '/api/share/v1/assets', asset: null, outcome: 'served' });
  return assets.map((a) => {
    const spec = sharingInterface(a.code);
    return { ...a, fields: a.fields.filter((f) => spec?.columns.includes(f.name)) };
  });
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function scoped(spec: SharingInterface, scopePath: string, after: string | null) {
  const org = spec.orgColumn ? sql`JOIN orgs o ON o.id = t.${sql.ref(spec.orgColumn)}` : sql`JOIN orgs o ON o.id = t.id`;
  return sql`FROM ${sql.table(spec.table)} t ${org}
    WHERE o.path LIKE ${prefixPattern(scopePath)}
      ${spec.where ? sql`AND ${sql.raw(spec.where)}` : sql``}
      ${after ? sql`AND t.id > ${after}::uuid` : sql``}`;
}

export type SharedRecords = { contentType: string; nextCursor: string | null; stream: Readable; filename: string };

export async function partnerRecords(
  deps: Deps,
  meta: RequestMeta,
  presented: string | undefined,
  code: string,
  q: SharedRecordsQuery,
): Promise<SharedRecords> {
  const path = `/api/share/v1/assets/${code}/records`;
  const key = await partnerOrFail(deps, meta, presented, path);
  const deny = async (outcome: string, zh: string, en: string, detail?: unknown) => {
    await audit(deps, meta, { keyId: key.id, partner: key.partner_name, path, asset: code, outcome, detail });
    return refused(403, zh, en);
  };
  const spec = sharingInterface(code);
  if (!spec || !key.asset_codes.includes(code)) {
    throw await deny('asset_out_of_scope', '该密钥无权读取此数据资源', 'This key may not read this asset');
  }
  const asset = await findAsset(deps.db, code);
  if (!asset || asset.sharingLevel === 'restricted') {
    throw await deny('asset_restricted', '该数据资源已调整为不予共享', 'This asset is no longer shared');
  }
  let scopePath = key.scope_path;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    if (!org || !org.path.startsWith(key.scope_path)) {
      throw await deny('org_out_of_scope', '所请求的辖区超出该密钥的共享范围', 'The jurisdiction asked for lies outside this key’s scope', {
        orgId: q.orgId,
      });
    }
    scopePath = org.path;
  }
  if (q.after && !UUID.test(q.after))
    throw fieldError('after', '须为上一页最后一条记录的编号', 'must be the id of the last record of the previous page');
  const limit = q.limit ?? 1000;
  const format = q.format ?? 'jsonl';
  const after = q.after ?? null;
  // The page's last id, when there is a record after it: the cursor of the next page.
  const edge = await sql<{ id: string }>`SELECT t.id ${scoped(spec, scopePath, after)} ORDER BY t.id OFFSET ${limit - 1} LIMIT 2`.execute(
    deps.db,
  );
  const nextCursor = edge.rows.length === 2 ? edge.rows[0]!.id : null;
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sharing_keys').set({ last_used_at: deps.clock.now() }).where('id', '=', key.id).execute();
    await recordAudit(trx, deps, null, meta, {
      action: 'sharing.call',
      entityType: 'sharing_key',
      entityId: key.id,
      bureauId: null,
      data: { partner: key.partner_name, path, asset: code, outcome: 'served', format, after, limit, scope: scopePath },
    });
  });
  const columns = spec.columns;
  const db = deps.db;
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `\uFEFF${columns.join(',')}\r\n`;
    let cursor = after;
    let left = limit;
    while (left > 0) {
      const n = Math.min(BATCH, left);
      const page = await sql<Record<string, unknown>>`SELECT ${sql.join(columns.map((c) => sql.ref(`t.${c}`)))}
        ${scoped(spec!, scopePath, cursor)} ORDER BY t.id LIMIT ${n}`.execute(db);
      for (const row of page.rows) {
        yield format === 'csv' ? `${columns.map((c) => csvCell(row[c])).join(',')}\r\n` : `${JSON.stringify(row)}\n`;
      }
      if (page.rows.length < n) return;
      cursor = String(page.rows[page.rows.length - 1]!.id);
      left -= n;
    }
  }
  return {
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    nextCursor,
    stream: Readable.from(lines()),
    filename: `${code}.${format === 'csv' ? 'csv' : 'jsonl'}`,
  };
}
