// 数据资源目录与共享 through the API (docs/data-sharing.md): the catalogue seeded from the platform's tables, edited by
// the administrator; partner keys scoped to assets and a jurisdiction — a call outside the scope is 403 and audited,
// every call is audited, past the key's rate limit 429 — bulk export in JSON lines and CSV paged by keyset; and the
// daily digest made by the scheduler job, a record's proof verified against the SM2-signed root and a tampered
// record refused (DS1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreatedSharingKey,
  DataAsset,
  PageOf,
  PublicationDigest,
  PublicationProof,
  SpecialCampaign,
  VerifyPublicationResult,
} from '@chengguan/contracts';
import { JOB_PUBLICATION_DIGEST } from '../src/modules/data-sharing/index.ts';
import { enqueueJob, runDueJobs } from '../src/modules/scheduler/index.ts';
import { buildModules } from '../src/platform/build-modules.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['admin', 'pd_admin', 'pd_leader', 'pd_ljz_01', 'qp_admin'];
const org: Record<string, string> = {};

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
const partner = (key: string | null, url: string) => ctx.api('GET', url, key ? { headers: { 'x-api-key': key } } : {});
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const auditRows = (action: string) =>
  ctx.deps.db.selectFrom('audit_log').select(['entity_id', 'data']).where('action', '=', action).orderBy('seq').execute();

let key: CreatedSharingKey;
const campaigns: SpecialCampaign[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ env: { THROTTLE_PARTNER_KEY: '12/60' } });
  for (const u of USERS) tokens[u] = await ctx.login(u);
  for (const code of ['pd', 'pd-ljz', 'pd-hm', 'qp']) org[code] = ctx.seed.ids.orgs.get(code)!;
  // Two campaigns of 浦东 and three points of 陆家嘴: data to share and statistics to publish.
  for (const title of ['雷霆一号', '雷霆二号']) {
    campaigns.push(
      await ok<SpecialCampaign>(
        call('pd_leader', 'POST', '/api/v1/campaigns', {
          orgId: org.pd,
          title,
          periodFrom: '2026-02-01',
          periodTo: '2026-12-31',
          areaOrgIds: [org['pd-ljz'], org['pd-hm']],
          targetPoints: 10,
          targetRounds: 8,
        }),
        201,
      ),
    );
  }
  for (const title of ['跨门营业', '乱设摊', '占道堆物']) {
    await ok(
      call('pd_ljz_01', 'POST', `/api/v1/campaigns/${campaigns[0]!.id}/points`, {
        orgId: org['pd-ljz'],
        title,
        address: '浦东新区陆家嘴',
        lon: 121.5,
        lat: 31.24,
      }),
      201,
    );
  }
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('the data catalogue', () => {
  it('describes the platform’s tables with owner, labelled fields, frequency and sharing level; the administrator edits it', async () => {
    const all = await ok<PageOf<DataAsset>>(call('pd_admin', 'GET', '/api/v1/data-assets?pageSize=200'));
    expect(all.total).toBeGreaterThan(60);
    const disclosures = all.items.find((a) => a.code === 'disclosures')!;
    expect([disclosures.name, disclosures.sharingLevel, disclosures.exportable]).toEqual(['行政处罚决定公示', 'public', true]);
    expect(disclosures.fields.find((f) => f.name === 'document_number')!.label).toBe('文书编号');
    expect((await ok<PageOf<DataAsset>>(call('pd_admin', 'GET', '/api/v1/data-assets?exportable=true'))).total).toBe(9);

    const edited = await ok<DataAsset>(
      call('admin', 'PATCH', '/api/v1/data-assets/tickets', {
        sharingLevel: 'restricted',
        updateFrequency: 'daily',
        fields: [{ name: 'number', label: '诉件编号', labelEn: 'ticket number', type: 'text' }],
      }),
    );
    expect([edited.sharingLevel, edited.updateFrequency, edited.fields.find((f) => f.name === 'number')!.label]).toEqual([
      'restricted',
      'daily',
      '诉件编号',
    ]);
    const strange = await call('admin', 'PATCH', '/api/v1/data-assets/tickets', {
      fields: [{ name: 'no_such_column', label: '无', labelEn: 'none', type: 'text' }],
    });
    expect(strange.statusCode).toBe(400);
    expect(errorBody(strange).field).toBe('fields.0.name');
    expect((await call('pd_leader', 'PATCH', '/api/v1/data-assets/tickets', { sharingLevel: 'public' })).statusCode).toBe(403);
    // The catalogue is the city's: a district's administrator reads it but does not edit it.
    expect((await call('pd_admin', 'PATCH', '/api/v1/data-assets/tickets', { sharingLevel: 'public' })).statusCode).toBe(403);
    expect((await ok<PageOf<DataAsset>>(call('pd_ljz_01', 'GET', '/api/v1/data-assets?keyword=tickets'))).total).toBeGreaterThan(0);
    expect(await ok(call('admin', 'POST', '/api/v1/data-assets/sync'))).toEqual({ added: [], updated: [] });
  });
});

describe('partner keys and the sharing interfaces', () => {
  it('issues a key scoped to shared assets and a jurisdiction; refuses what may not be shared and another district', async () => {
    const noInterface = await call('pd_admin', 'POST', '/api/v1/sharing-keys', {
      partnerName: '区网格化中心',
      scopeOrgId: org['pd-ljz'],
      assetCodes: ['audit_log'],
    });
    expect([noInterface.statusCode, errorBody(noInterface).field]).toEqual([400, 'assetCodes.0']);
    const restricted = await call('pd_admin', 'POST', '/api/v1/sharing-keys', {
      partnerName: '区网格化中心',
      scopeOrgId: org['pd-ljz'],
      assetCodes: ['orgs', 'tickets'],
    });
    expect([restricted.statusCode, errorBody(restricted).field]).toEqual([422, 'assetCodes.1']);
    const body = { partnerName: '区网格化中心', scopeOrgId: org['pd-ljz'], assetCodes: ['campaign_points', 'orgs'] };
    expect((await call('qp_admin', 'POST', '/api/v1/sharing-keys', body)).statusCode).toBe(404);
    expect((await call('pd_leader', 'POST', '/api/v1/sharing-keys', body)).statusCode).toBe(403);
    key = await ok<CreatedSharingKey>(call('pd_admin', 'POST', '/api/v1/sharing-keys', body), 201);
    expect(key.apiKey.endsWith(key.keyHint)).toBe(true);
    const stored = await ctx.deps.db.selectFrom('sharing_keys').select('key_hash').where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key.apiKey);
  });

  it('streams JSON lines and CSV paged by keyset inside the key’s jurisdiction, every call audited', async () => {
    const assets = await ok<DataAsset[]>(partner(key.apiKey, '/api/share/v1/assets'));
    expect(assets.map((a) => a.code).sort()).toEqual(['campaign_points', 'orgs']);

    const first = await partner(key.apiKey, '/api/share/v1/assets/campaign_points/records?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toContain('application/x-ndjson');
    const lines = first.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; title: string });
    expect(lines).toHaveLength(2);
    expect(first.headers['x-next-cursor']).toBe(lines[1]!.id);
    const second = await partner(key.apiKey, `/api/share/v1/assets/campaign_points/records?limit=2&after=${lines[1]!.id}`);
    const rest = second.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(rest).toHaveLength(1);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    expect(new Set([...lines, ...rest].map((r) => r.id)).size).toBe(3);

    const csv = await partner(key.apiKey, '/api/share/v1/assets/orgs/records?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('id,parent_id,kind,name,code,region_code');
    // Scoped to 陆家嘴: the squad itself, nothing of 花木 or 青浦.
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([org['pd-ljz']]);
    expect((await auditRows('sharing.call')).filter((r) => r.entity_id === key.id)).toHaveLength(4);
  });

  it('a key used outside its scope is 403 and audited: another asset, another jurisdiction, no key, a revoked key; past its limit 429', async () => {
    const otherAsset = await partner(key.apiKey, '/api/share/v1/assets/subjects/records');
    expect(otherAsset.statusCode).toBe(403);
    expect(errorBody(otherAsset).messageEn).toContain('may not read');
    const otherOrg = await partner(key.apiKey, `/api/share/v1/assets/campaign_points/records?orgId=${org['pd-hm']}`);
    expect(otherOrg.statusCode).toBe(403);
    expect(errorBody(otherOrg).message).toContain('共享范围');
    expect((await partner(null, '/api/share/v1/assets/orgs/records')).statusCode).toBe(401);
    expect((await partner('cgs_not_a_key', '/api/share/v1/assets/orgs/records')).statusCode).toBe(403);
    const refusals = await auditRows('sharing.refused');
    expect(refusals.map((r) => (r.data as { outcome: string }).outcome)).toEqual([
      'asset_out_of_scope',
      'org_out_of_scope',
      'no_key',
      'invalid_key',
    ]);
    expect(refusals[0]!.entity_id).toBe(key.id);

    // THROTTLE_PARTNER_KEY=12/60 in this test: the key has made 6 calls (refused ones count); the 13th is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await partner(key.apiKey, '/api/share/v1/assets')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const limited = await partner(key.apiKey, '/api/share/v1/assets');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await auditRows('sharing.refused')).map((r) => (r.data as { outcome: string }).outcome)).toContain('rate_limited');

    await ok(call('pd_admin', 'POST', `/api/v1/sharing-keys/${key.id}/revoke`));
    ctx.clock.advance(3600_000);
    expect((await partner(key.apiKey, '/api/share/v1/assets')).statusCode).toBe(403);
  });
});

describe('the daily signed digest', () => {
  it('DS1: the scheduler job makes yesterday’s digest; a record’s proof verifies, a tampered record does not', async () => {
    ctx.clock.set('2026-03-02T18:00:00.000Z'); // 02:00 on 3 March, Shanghai
    tokens.admin = await ctx.login('admin');
    await enqueueJob(ctx.deps.db, { id: ctx.deps.newId(), kind: JOB_PUBLICATION_DIGEST, runAt: ctx.clock.now() });
    await runDueJobs(ctx.deps, buildModules(ctx.deps).jobHandlers, 'test-worker');
    const digest = await ok<PublicationDigest>(ctx.api('GET', '/api/public/digests/2026-03-02'));
    expect(digest.leafCount).toBe(2);
    const list = await ok<PageOf<PublicationDigest>>(ctx.api('GET', '/api/public/digests'));
    expect(list.items.map((d) => d.day)).toEqual(['2026-03-02']);

    const id = `campaign-progress:${campaigns[0]!.id}`;
    const proof = await ok<PublicationProof>(
      ctx.api('GET', `/api/public/digests/2026-03-02/proof?kind=statistic&id=${encodeURIComponent(id)}`),
    );
    expect(proof.path).toHaveLength(1);
    expect((proof.published.record as { counts: { total: number } }).counts.total).toBe(3);
    const verify = (record: unknown) =>
      ok<VerifyPublicationResult>(
        ctx.api('POST', '/api/public/digests/verify', {
          body: { day: '2026-03-02', kind: 'statistic', id, recordJson: JSON.stringify(record), path: proof.path },
        }),
      );
    const good = await verify(proof.published.record);
    expect([good.valid, good.signatureValid, good.computedRoot]).toEqual([true, true, digest.root]);
    const record = proof.published.record as { counts: { total: number } };
    const tampered = await verify({ ...record, counts: { ...record.counts, total: 2 } });
    expect([tampered.valid, tampered.signatureValid]).toEqual([false, true]);
    expect(tampered.reason).toContain('改动');

    // Made once: a second run and the administrator's call answer the same digest; a day not yet over is refused.
    const again = await ok<PublicationDigest>(call('admin', 'POST', '/api/v1/publication-digests', { day: '2026-03-02' }));
    expect(again.root).toBe(digest.root);
    const today = await call('admin', 'POST', '/api/v1/publication-digests', { day: '2026-03-03' });
    expect([today.statusCode, errorBody(today).field]).toEqual([400, 'day']);
    expect((await ctx.api('GET', '/api/public/digests/2026-01-01')).statusCode).toBe(404);
    const bad = await ctx.api('POST', '/api/public/digests/verify', {
      body: { day: '2026-03-02', kind: 'statistic', id, recordJson: '{not json', path: [] },
    });
    expect([bad.statusCode, errorBody(bad).field]).toEqual([400, 'recordJson']);
  });
});
