// Subjects and inspection matters for the 双随机 tests, written straight into their tables (the registry's API lives
// in its own module), and the calls a plan goes through.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { PlanDetail, PublicDraw } from '@chengguan/contracts';
import type { TestContext } from './harness.ts';

export const SHOP_MATTER = 'SJ-SHOP-01';
export const FUME_MATTER = 'SJ-FUME-01';
export const SITE_MATTER = 'SJ-SITE-01';

/** Three matters of the city's list: shops and fume restaurants, fume restaurants only, construction sites. */
export async function insertMatters(ctx: TestContext): Promise<void> {
  const item = (code: string, textZh: string) => ({ code, textZh, legalBasisZh: '《上海市市容环境卫生管理条例》', photo: 'when_failed' });
  const rows = [
    {
      code: SHOP_MATTER,
      name_zh: '沿街商户市容环境卫生责任区检查',
      subject_kinds: ['street_shop', 'restaurant_fume'],
      items: [item('I-1', '门责区域整洁')],
    },
    {
      code: FUME_MATTER,
      name_zh: '餐饮油烟净化设施检查',
      subject_kinds: ['restaurant_fume'],
      items: [item('I-2', '油烟净化设施正常运行')],
    },
    { code: SITE_MATTER, name_zh: '建筑工地文明施工检查', subject_kinds: ['construction_site'], items: [item('I-3', '围挡完好')] },
  ];
  for (const r of rows) {
    await ctx.deps.db
      .insertInto('inspection_matters')
      .values({
        id: randomUUID(),
        code: r.code,
        name_zh: r.name_zh,
        legal_basis_zh: '《上海市城市管理行政执法条例》',
        subject_kinds: r.subject_kinds,
        items: JSON.stringify(r.items),
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

/** `count` live subjects of a squad (its bureau from the org tree), each with a risk level. */
export async function insertSubjects(
  ctx: TestContext,
  squadKey: string,
  count: number,
  level: string,
  kind = 'street_shop',
): Promise<string[]> {
  const orgId = ctx.seed.ids.orgs.get(squadKey)!;
  const org = await ctx.deps.db.selectFrom('orgs').select(['bureau_id']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const ids: string[] = [];
  const CHUNK = 5000;
  for (let i = 0; i < count; i += CHUNK) {
    const rows = [];
    for (let j = i; j < Math.min(count, i + CHUNK); j++) {
      const id = randomUUID();
      ids.push(id);
      rows.push({
        id,
        code: randomBytes(12).toString('base64url'),
        bureau_id: org.bureau_id!,
        org_id: orgId,
        kind,
        name: `测试商户${squadKey}-${level}-${j + 1}`,
        name_key: `测试商户${squadKey}${level}${j + 1}`,
        risk_level: level,
      });
    }
    await ctx.deps.db.insertInto('subjects').values(rows).execute();
  }
  return ids;
}

export type PlanCalls = {
  call(user: string, method: string, url: string, body?: unknown): Promise<{ statusCode: number; body: string; json(): unknown }>;
  ok<T = PlanDetail>(user: string, method: string, url: string, body?: unknown, status?: number): Promise<T>;
  create(user: string, body: Record<string, unknown>): Promise<PlanDetail>;
  submit(user: string, plan: PlanDetail): Promise<PlanDetail>;
  approve(user: string, plan: PlanDetail): Promise<PlanDetail>;
  draw(user: string, plan: PlanDetail): Promise<PlanDetail>;
  publicDraw(planId: string): Promise<PublicDraw>;
};

export function planCalls(ctx: TestContext, tokens: Record<string, string>): PlanCalls {
  const call: PlanCalls['call'] = async (user, method, url, body) => {
    tokens[user] ??= await ctx.login(user);
    const r = await ctx.api(method, url, { token: tokens[user], ...(body !== undefined ? { body } : {}) });
    if (r.statusCode !== 401) return r;
    // The tests move the clock by weeks: a session that has lapsed meanwhile is opened again.
    tokens[user] = await ctx.login(user);
    return ctx.api(method, url, { token: tokens[user], ...(body !== undefined ? { body } : {}) });
  };
  const ok: PlanCalls['ok'] = async <T>(user: string, method: string, url: string, body?: unknown, status = 200) => {
    const r = await call(user, method, url, body);
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const action = (name: string) => (user: string, plan: PlanDetail) =>
    ok(user, 'POST', `/api/v1/inspection-plans/${plan.id}/${name}`, { expectedVersion: plan.version });
  return {
    call,
    ok,
    create: (user, body) => ok(user, 'POST', '/api/v1/inspection-plans', body, 201),
    submit: action('submit'),
    approve: action('approve'),
    draw: action('draw'),
    publicDraw: async (planId) => {
      const r = await ctx.api('GET', `/api/public/draws/${planId}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as PublicDraw;
    },
  };
}
