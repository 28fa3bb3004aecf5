import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PlanDetail, PublicDraw, SubmitVisitBody, VisitForm } from '@chengguan/contracts';
import { day, openBrowser, type Session } from './browser.ts';
import { signIn } from './case-helpers.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform, type Platform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import { buildDemoData, DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';

// 双随机一公开 in the browser: the district's leader approves a submitted plan (pools frozen, seed committed), draws
// it, and opens the public draw page, which re-runs the draw from the published data and finds every check 一致; a
// squad leader drafts a plan through the wizard's steps.
// The registry's subjects and the list of inspection matters are written straight into this server's own database
// (an in-process server on a fresh embedded database, serving the built console), as the registry's API is another
// module's.

let platform: Platform;
let app: FastifyInstance;
let baseUrl = '';
let s: Session;
let planId = '';
let seededIds: Map<string, string>;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });

beforeAll(async () => {
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: '', DATA_DIR: 'memory://', LOG_LEVEL: 'warn' }),
    dataDir: 'memory://',
    publicBaseUrlSet: true,
  };
  platform = await openPlatform({ config, migrate: true });
  const seeded = await seedDemo(platform.deps);
  seededIds = seeded.ids.officers;
  const db = platform.deps.db;
  await db
    .insertInto('inspection_matters')
    .values({
      id: randomUUID(),
      code: 'SJ-E2E-SHOP',
      name_zh: '沿街商户市容环境卫生责任区检查',
      legal_basis_zh: '《上海市市容环境卫生管理条例》',
      subject_kinds: ['street_shop'],
      items: JSON.stringify([
        { code: 'I-1', textZh: '门责区域整洁', legalBasisZh: '《上海市市容环境卫生管理条例》', photo: 'when_failed' },
      ]),
    })
    .execute();
  const squad = seeded.ids.orgs.get('qp-zjj')!;
  const bureau = seeded.ids.orgs.get('qp')!;
  const levels = ['red', 'red', 'yellow', 'yellow', 'yellow', ...Array<string>(12).fill('green')];
  await db
    .insertInto('subjects')
    .values(
      levels.map((level, i) => ({
        id: randomUUID(),
        code: randomBytes(12).toString('base64url'),
        bureau_id: bureau,
        org_id: squad,
        kind: 'street_shop',
        name: `朱家角沿街商户${i + 1}`,
        name_key: `朱家角沿街商户${i + 1}`,
        risk_level: level,
      })),
    )
    .execute();
  app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${port}`;

  // The squad leader drafts and submits the plan (its period starts today, so it may be drawn at once).
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'qp_zjj_leader', password: DEMO_PASSWORD },
  });
  const token = (login.json() as { token: string }).token;
  const today = day();
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/inspection-plans',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      title: '朱家角镇沿街商户双随机抽查',
      periodFrom: today,
      periodTo: day(30),
      matterCodes: ['SJ-E2E-SHOP'],
      subjectKinds: ['street_shop'],
      orgIds: [squad],
      riskLevels: [],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const plan = created.json() as PlanDetail;
  planId = plan.id;
  const submitted = await app.inject({
    method: 'POST',
    url: `/api/v1/inspection-plans/${plan.id}/submit`,
    headers: { authorization: `Bearer ${token}` },
    payload: { expectedVersion: plan.version },
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  s = await openBrowser(baseUrl);
}, 180_000);

afterAll(async () => {
  await s?.close();
  await app?.close();
  await platform?.database.close();
});

describe('a 双随机 plan approved, drawn and checked in public', () => {
  it('the leader approves and draws; the public page re-runs the draw and finds every check 一致', async () => {
    const { page } = s;
    await signIn(page, 'qp_leader');
    await page.goto(`/inspection-plans/${planId}`);
    await page.getByTestId('plan-page').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('待审批');

    const approved = page.waitForResponse((r) => r.url().endsWith(`/inspection-plans/${planId}/approve`));
    await page.getByTestId('plan-approve').click();
    await page.getByTestId('plan-approve-ok').click();
    expect((await approved).status()).toBe(200);
    await page.getByTestId('plan-commitment').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('已审批待抽取');

    const drawn = page.waitForResponse((r) => r.url().endsWith(`/inspection-plans/${planId}/draw`));
    await page.getByTestId('plan-draw').click();
    await page.getByTestId('plan-draw-ok').click();
    expect((await drawn).status()).toBe(200);
    await page.getByTestId('plan-teams').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('已抽取');
    await page.screenshot({ path: '/tmp/draw-plan-page.png', fullPage: true });

    // The public page: no login (a fresh context without the session cookie).
    const visitor = await s.context.browser()?.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const pub = visitor ? await visitor.newPage() : await s.context.newPage();
    if (!visitor) await s.context.clearCookies();
    await pub.goto(`/draws/${planId}`);
    await pub.getByTestId('draw-checks').waitFor();
    await pub.getByTestId('draw-seed').waitFor();
    for (const id of ['check-input-digest', 'check-seed', 'check-result']) {
      const line = pub.getByTestId(id);
      expect(await line.getAttribute('data-check')).toBe('consistent');
      expect(await line.textContent()).toContain('一致');
      expect(await line.textContent()).not.toContain('不一致');
    }
    await pub.getByTestId('draw-result').waitFor();
    // 一公开 before any visit: every drawn target not yet inspected.
    const drawnCount = (await app.inject({ method: 'GET', url: `/api/public/draws/${planId}` })).json() as PublicDraw;
    const total = drawnCount.result!.targets.length;
    expect(await pub.getByTestId('draw-results-counts').textContent()).toBe(`共${total}户，已检查0户，尚未检查${total}户`);

    // One team inspects one of its targets and finds an item failed: the public page shows the result at once.
    const subjectId = await submitVisit(drawnCount, ['I-1']);
    await pub.reload();
    await pub.getByTestId('draw-results').waitFor();
    expect(await pub.getByTestId('draw-results-counts').textContent()).toBe(`共${total}户，已检查1户，尚未检查${total - 1}户`);
    const row = pub.getByTestId(`draw-result-${subjectId}`);
    const rowText = await row.textContent();
    expect(rowText).toContain('不合格');
    expect(rowText).toContain('门责区域整洁');
    expect(rowText).toContain('按期公开');
    expect(rowText).toContain(day());
    await pub.screenshot({ path: '/tmp/draw-public-page.png', fullPage: true });

    // A seed that does not match the commitment is said so.
    await platform.deps.db
      .updateTable('inspection_plans')
      .set({ seed_hex: 'ab'.repeat(32) })
      .where('id', '=', planId)
      .execute();
    await pub.reload();
    await pub.getByTestId('draw-checks').waitFor();
    expect(await pub.getByTestId('check-seed').getAttribute('data-check')).toBe('inconsistent');
    expect(await pub.getByTestId('check-seed').textContent()).toContain('公布的种子与承诺不符');
    await visitor?.close();
  });
});

/** A visit of the first drawn target's team through the API (as the phone page submits it): answers the subject's id. */
async function submitVisit(d: PublicDraw, fail: string[]): Promise<string> {
  const target = d.result!.targets[0]!;
  const team = d.result!.teams.find((t) => t.teamNo === target.teamNo)!;
  const demo = buildDemoData();
  const users = team.inspectorIds.map((id) => demo.officers.find((o) => seededIds.get(o.key) === id)!.username);
  const token = async (username: string) =>
    (
      (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })).json() as {
        token: string;
      }
    ).token;
  const auth = { authorization: `Bearer ${await token(users[0]!)}` };
  const upload = async (bytes: Buffer, type: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...auth, 'content-type': type }, payload: bytes });
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { sm3: string }).sm3;
  };
  const png = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)]);
  const jpeg = (text: string) =>
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from(text)]);
  const prepared = await app.inject({ method: 'GET', url: `/api/v1/inspection-visits/prepare?subjectId=${target.id}`, headers: auth });
  expect(prepared.statusCode, prepared.body).toBe(200);
  const form = prepared.json() as VisitForm;
  const photo = await upload(jpeg(`photo ${randomUUID()}`), 'image/jpeg');
  const body: SubmitVisitBody = {
    subjectId: target.id,
    taskIds: form.tasks.map((t) => t.id),
    visitedAt: new Date().toISOString(),
    point: { lon: 121.05, lat: 31.11 },
    results: form.items.map((i) => ({
      code: i.code,
      result: fail.includes(i.code) ? 'fail' : 'pass',
      photoIds: i.photo === 'always' || (i.photo === 'when_failed' && fail.includes(i.code)) ? [photo] : [],
      ...(fail.includes(i.code) ? { note: '现场发现问题' } : {}),
    })),
    inspectorSignatures: [
      { officerId: team.inspectorIds[0]!, signatureSm3: await upload(png(`sig 1 ${randomUUID()}`), 'image/png') },
      {
        officerId: team.inspectorIds[1]!,
        signatureSm3: await upload(png(`sig 2 ${randomUUID()}`), 'image/png'),
        employeeNo: form.inspectors.find((i) => i.id === team.inspectorIds[1])!.employeeNo,
      },
    ],
    acknowledgement: { kind: 'signed', signerName: '店主', signatureSm3: await upload(png(`sig s ${randomUUID()}`), 'image/png') },
  };
  const r = await app.inject({ method: 'POST', url: '/api/v1/inspection-visits', headers: auth, payload: body });
  expect(r.statusCode, r.body).toBe(201);
  return target.id;
}

/** An option of the open dropdown (antd keeps closed ones in the page, hidden). */
const option = (page: Session['page'], testId: string, text: string) =>
  page.locator(`.ant-select-dropdown:visible [data-testid="${testId}"]`).filter({ hasText: text }).first();
/** Waits until every dropdown has closed (an option picked, Escape pressed), so the next one opened is the only one. */
const dropdownsClosed = (page: Session['page']) => expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);

describe('the plan wizard', () => {
  it('a squad leader drafts a plan step by step: basics, targets, matters, recusals, proportions, review', async () => {
    const { page } = s;
    await signIn(page, 'qp_zjj_leader');
    await page.goto('/inspection-plans/new');
    await page.getByTestId('plan-wizard').waitFor();
    await page.getByTestId('plan-title-input').fill('朱家角镇年终专项双随机抽查');
    await page.locator('.ant-picker-range input').first().fill('2026-12-10');
    await page.locator('.ant-picker-range input').nth(1).fill('2026-12-31');
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-next').click();
    await page.getByTestId('plan-squads').click();
    await page.getByText('朱家角镇中队').last().click();
    await page.keyboard.press('Escape');
    await page.getByText('沿街商户').first().click();
    await page.getByTestId('plan-next').click();
    // The matters of the chosen kinds, by name, each with its legal basis.
    await page.getByTestId('plan-matters').click();
    await option(page, 'matter-option', '沿街商户市容环境卫生责任区检查').click();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('matter-bases').textContent()).toContain('《上海市市容环境卫生管理条例》');
    await page.getByTestId('plan-next').click();
    // A recusal: an officer of the chosen squad and a subject found by its name.
    await page.getByTestId('plan-conflict-add').click();
    await dropdownsClosed(page);
    await page.getByTestId('plan-conflict-officer').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('plan-conflict-subject').click();
    await page.getByTestId('plan-conflict-subject').locator('input').fill('沿街商户7');
    await option(page, 'subject-option', '朱家角沿街商户7').click();
    await page.getByTestId('plan-conflict-reason').fill('近亲属在该店任职');
    for (let i = 0; i < 2; i++) await page.getByTestId('plan-next').click();
    const review = await page.getByTestId('plan-review').textContent();
    expect(review).toContain('朱家角镇中队');
    expect(review).toContain('沿街商户市容环境卫生责任区检查');
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-page').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('草稿');
    expect(await page.getByTestId('plan-pools').textContent()).toContain('朱家角镇中队');
    expect(await page.getByTestId('plan-conflicts').textContent()).toContain('朱家角沿街商户7：近亲属在该店任职');
  });
});

describe('the 专项检查 drawer', () => {
  it('a squad leader finds a subject by name, takes two of his officers and a matter of its kind', async () => {
    const { page } = s;
    await signIn(page, 'qp_zjj_leader');
    await page.goto('/inspection-tasks');
    await page.getByTestId('inspection-tasks-page').waitFor();
    await page.getByTestId('special-task-new').click();
    await page.getByTestId('special-subject').click();
    await page.getByTestId('special-subject').locator('input').fill('沿街商户5');
    await option(page, 'subject-option', '朱家角沿街商户5').click();
    await dropdownsClosed(page);
    await page.getByTestId('special-inspectors').click();
    const officers = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await officers.nth(0).click();
    await officers.nth(1).click();
    await page.keyboard.press('Escape');
    await dropdownsClosed(page);
    await page.getByTestId('special-matters').click();
    await option(page, 'matter-option', '沿街商户市容环境卫生责任区检查').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('special-due').fill(day(7));
    await page.getByTestId('special-save').click();
    await page.getByTestId('special-task-form').waitFor({ state: 'detached' });
    const rows = await platform.deps.db
      .selectFrom('inspection_tasks as t')
      .innerJoin('subjects as s', 's.id', 't.subject_id')
      .select(['s.name', 't.origin', 't.inspector_ids', 't.matter_codes'])
      .where('t.origin', '=', 'special')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: '朱家角沿街商户5', matter_codes: ['SJ-E2E-SHOP'] });
    expect(rows[0]!.inspector_ids).toHaveLength(2);

    // From a task row the drawer comes with that task's subject chosen and its kind's matters offered.
    const row = page.getByTestId('inspection-tasks-table').locator('tr', { hasText: '朱家角沿街商户5' }).first();
    await row.getByText('布置检查').click();
    expect(await page.getByTestId('special-subject').textContent()).toContain('朱家角沿街商户5');
    await page.getByTestId('special-matters').click();
    await option(page, 'matter-option', '沿街商户市容环境卫生责任区检查').waitFor();
  });
});
