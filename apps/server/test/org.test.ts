import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
let admin: string;
let pdAdmin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  pdAdmin = await ctx.login('pd_admin');
});
afterAll(async () => ctx?.close());

const flatten = (nodes: OrgNode[]): OrgNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const idOf = (key: string) => ctx.seed.ids.orgs.get(key)!;

describe('org tree', () => {
  it('shows the city administrator the whole tree: 市局 → 区局 → 大队/中队 and the 执法总队', async () => {
    const r = await ctx.api('GET', '/api/v1/orgs/tree', { token: admin });
    expect(r.statusCode).toBe(200);
    const roots = r.json() as OrgNode[];
    expect(roots).toHaveLength(1);
    expect(roots[0]!.kind).toBe('city_bureau');
    const names = roots[0]!.children.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['浦东新区城市管理行政执法局', '青浦区城市管理行政执法局']));
    expect(roots[0]!.children.some((c) => c.kind === 'special_unit')).toBe(true);
    expect(flatten(roots).length).toBe(ctx.seed.orgs);
  });

  it('shows a district administrator only his district', async () => {
    const roots = (await ctx.api('GET', '/api/v1/orgs/tree', { token: pdAdmin })).json() as OrgNode[];
    expect(roots.map((r) => r.name)).toEqual(['浦东新区城市管理行政执法局']);
    expect(flatten(roots).some((n) => n.name.includes('朱家角'))).toBe(false);
  });
});

describe('creating and editing units', () => {
  it('creates a squad under a district, records it in the audit log, and renames it', async () => {
    const pd = flatten((await ctx.api('GET', '/api/v1/orgs/tree', { token: pdAdmin })).json())[0]!;
    const r = await ctx.api('POST', '/api/v1/orgs', {
      token: pdAdmin,
      body: { parentId: pd.id, kind: 'squad', name: '北蔡镇中队', code: 'PD-BC', regionCode: '310115' },
    });
    expect(r.statusCode).toBe(201);
    const org = r.json();
    expect(org.bureauId).toBe(pd.id);
    const audit = await ctx.api('GET', `/api/v1/audit?entityId=${org.id}`, { token: pdAdmin });
    expect(audit.json().items.map((i: { action: string }) => i.action)).toEqual(['org.create']);

    const renamed = await ctx.api('PATCH', `/api/v1/orgs/${org.id}`, { token: pdAdmin, body: { name: '北蔡镇城管中队' } });
    expect(renamed.json().name).toBe('北蔡镇城管中队');
  });

  it('answers 404 when a district administrator creates under, reads or edits another district', async () => {
    const qp = idOf('qp');
    const create = await ctx.api('POST', '/api/v1/orgs', {
      token: pdAdmin,
      body: { parentId: qp, kind: 'squad', name: '越权中队', code: 'X-Y' },
    });
    expect(create.statusCode).toBe(404);
    expect((await ctx.api('GET', `/api/v1/orgs/${qp}`, { token: pdAdmin })).statusCode).toBe(404);
    expect((await ctx.api('PATCH', `/api/v1/orgs/${qp}`, { token: pdAdmin, body: { name: '改名' } })).statusCode).toBe(404);
  });

  it('refuses a field officer with 403', async () => {
    const token = await ctx.login('pd_ljz_01');
    const r = await ctx.api('POST', '/api/v1/orgs', {
      token,
      body: { parentId: idOf('pd'), kind: 'squad', name: '某中队', code: 'AB-CD' },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('bad input: org routes', () => {
  it('names the field for a malformed code, an unknown kind, a squad under a squad and a duplicate code', async () => {
    const tree = flatten((await ctx.api('GET', '/api/v1/orgs/tree', { token: pdAdmin })).json());
    const pd = tree[0]!;
    const squad = tree.find((n) => n.kind === 'squad')!;
    const badCode = await ctx.api('POST', '/api/v1/orgs', {
      token: pdAdmin,
      body: { parentId: pd.id, kind: 'squad', name: '测试中队', code: '中文代码' },
    });
    expect(badCode.statusCode).toBe(400);
    expect(errorBody(badCode).field).toBe('code');
    const badKind = await ctx.api('POST', '/api/v1/orgs', {
      token: pdAdmin,
      body: { parentId: pd.id, kind: 'team', name: '测试中队', code: 'PD-T1' },
    });
    expect(errorBody(badKind).field).toBe('kind');
    const nested = await ctx.api('POST', '/api/v1/orgs', {
      token: pdAdmin,
      body: { parentId: squad.id, kind: 'squad', name: '测试中队', code: 'PD-T2' },
    });
    expect(nested.statusCode).toBe(400);
    expect(errorBody(nested).field).toBe('kind');
    const dup = await ctx.api('POST', '/api/v1/orgs', {
      token: pdAdmin,
      body: { parentId: pd.id, kind: 'squad', name: '重复代码中队', code: squad.code },
    });
    expect(dup.statusCode).toBe(409);
    expect(errorBody(dup).field).toBe('code');
    const badId = await ctx.api('GET', '/api/v1/orgs/not-a-uuid', { token: pdAdmin });
    expect(badId.statusCode).toBe(400);
    expect(errorBody(badId).field).toBe('id');
  });

  it('refuses to deactivate a unit that still has officers', async () => {
    const squad = flatten((await ctx.api('GET', '/api/v1/orgs/tree', { token: pdAdmin })).json()).find((n) => n.name === '陆家嘴街道中队')!;
    const r = await ctx.api('PATCH', `/api/v1/orgs/${squad.id}`, { token: pdAdmin, body: { active: false } });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('active');
  });
});
