import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { InspectionVisit, VisitForm } from '@chengguan/contracts';
import { apiGet, openBrowser, type Session } from './browser.ts';
import { PNG, signIn } from './case-helpers.ts';

// The visit on a phone (390×844), end to end: a task of 陆家嘴's team at a registered shop, the combined checklist
// (合格 / 不合格 / 不适用), a photo of the failed item, the phone's position, both inspectors' drawn signatures (the
// second with his own 工号), the shop's signature, the submission, and the failed item ordered rectified (责令改正)
// with its re-inspection. The registry has no screens in this build, so the test prepares its own database (a shop
// and a task: apps/server/test/e2e-inspection-fixture.ts) and its own server on it.

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LUJIAZUI = { longitude: 121.4997, latitude: 31.2397 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function draw(page: Page, testId: string): Promise<void> {
  const pad = page.getByTestId(testId);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 15 : -15), { steps: 2 });
  await page.mouse.up();
}

describe('the inspection visit on a phone (390×844)', () => {
  let s: Session;
  let server: ChildProcess | null = null;
  let dataDir = '';
  let baseUrl = '';
  let subjectId = '';
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguan-e2e-insp-'));
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
    const fixture = spawnSync('npx', ['tsx', 'apps/server/test/e2e-inspection-fixture.ts', dataDir], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    });
    if (fixture.status !== 0) throw new Error(`fixture failed: ${fixture.stderr}`);
    subjectId = (JSON.parse(fixture.stdout.trim().split('\n').at(-1)!) as { subjectId: string }).subjectId;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
      detached: true,
    });
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    s = await openBrowser(baseUrl, { width: 390, height: 844 }, { serviceWorkers: 'allow' });
    await s.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await s.context.setGeolocation({ ...LUJIAZUI, accuracy: 10 });
    s.page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });
  afterAll(async () => {
    await s?.close();
    const pid = server?.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      // Wait for the whole process group (npx, tsx, node): the server writes its audit checkpoint as it stops.
      const alive = () => {
        try {
          process.kill(-pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 60 && alive(); i++) await new Promise((r) => setTimeout(r, 250));
      if (alive()) process.kill(-pid, 'SIGKILL');
    }
    // The server's last writes may still be landing as its process group exits.
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  });

  it('checks every item of the team’s tasks, photographs the failed one, signs, submits, and orders rectification', async () => {
    const { page } = s;
    await signIn(page, 'pd_ljz_01');
    const form = await apiGet<VisitForm>(page, `/api/v1/inspection-visits/prepare?subjectId=${subjectId}`);
    const me = await apiGet<{ id: string }>(page, '/api/v1/me');
    const other = form.inspectors.find((i) => i.id !== me.id)!;

    await page.goto('/inspection-tasks');
    await page.getByTestId('inspection-tasks-page').waitFor();
    await page.getByTestId('task-start').first().click();
    await page.getByTestId('visit-subject').waitFor();
    expect(await page.getByTestId('visit-subject').textContent()).toBe('陆家嘴示范便利店');

    // The shared item of the two matters (门前责任区) appears once.
    expect(form.items.filter((i) => i.code === 'ZRQ-01')).toHaveLength(1);
    for (const item of form.items) {
      const card = page.getByTestId(`item-${item.code}`);
      await card.scrollIntoViewIfNeeded();
      await card.getByText(item.code === 'ZDJY-01' ? '不合格' : '合格', { exact: true }).click();
    }
    await page.getByTestId('photo-ZDJY-01').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.getByTestId('photos-ZDJY-01').textContent()).toContain('1');
    await page.getByTestId('note-ZDJY-01').fill('店外摆放货架约两米');

    await page.getByTestId('visit-locate').click();
    await page.getByTestId('visit-located').waitFor();
    expect(await page.getByTestId('visit-located').textContent()).toContain('121.4997');

    await draw(page, 'sign-inspector-0');
    await draw(page, 'sign-inspector-1');
    await page.getByTestId('visit-employee-no').fill(other.employeeNo);
    await page.getByTestId('visit-signer').fill('店主王五');
    await draw(page, 'sign-subject');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(392);
    await page.screenshot({ path: '/tmp/inspection-phone-form.png', fullPage: true });

    await page.getByTestId('visit-submit').click();
    await page.getByTestId('inspection-result-page').waitFor();
    await expect.poll(() => page.getByTestId('visit-outcome').textContent()).toBe('发现问题');

    // The failed item's photo is shown, read through the visit.
    await expect
      .poll(() =>
        page
          .getByTestId('visit-photo')
          .first()
          .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
      )
      .toBe(true);

    await page.getByTestId('visit-rectify').click();
    await page.getByTestId('rectify-deadline').fill(form.dueOn);
    await page.getByTestId('rectify-reinspect').fill(form.dueOn);
    await page.getByTestId('rectify-ok').click();
    await page.getByTestId('visit-rectification').waitFor();
    expect(await page.getByTestId('visit-rectification').textContent()).toContain('整改中');
    await page.screenshot({ path: '/tmp/inspection-phone-result.png', fullPage: true });

    const visitId = page.url().split('/').at(-1)!;
    const visit = await apiGet<InspectionVisit>(page, `/api/v1/inspection-visits/${visitId}`);
    expect(visit.items.find((i) => i.code === 'ZDJY-01')).toMatchObject({ result: 'fail', note: '店外摆放货架约两米' });
    expect(visit.rectification).toMatchObject({ status: 'open', items: [{ code: 'ZDJY-01' }] });
    expect(visit.point.lon).toBeCloseTo(LUJIAZUI.longitude, 4);
    // The re-inspection is the same team's task.
    const tasks = await apiGet<{ items: { origin: string; status: string }[] }>(
      page,
      `/api/v1/inspection-tasks?subjectId=${subjectId}&origin=reinspection`,
    );
    expect(tasks.items).toEqual([expect.objectContaining({ origin: 'reinspection', status: 'open' })]);
    expect(consoleErrors).toEqual([]);
    expect(s.cspViolations).toEqual([]);
  });

  it('records the re-inspection and a duty-log note with no signal, and sends both when the connection returns', async () => {
    const { page, context } = s;
    // Under the service worker's control, with the visit form and the log tags read once while there is a signal.
    await page.goto('/field');
    await page.getByTestId('field-submit').waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('label:has([data-testid=field-kind-note])').click();
    await page.getByTestId('field-note-tag').click();
    await page.locator('.ant-select-item-option').first().waitFor();
    await page.goto(`/inspection-visit/${subjectId}`);
    await page.getByTestId('visit-subject').waitFor();
    const form = await apiGet<VisitForm>(page, `/api/v1/inspection-visits/prepare?subjectId=${subjectId}`);
    const me = await apiGet<{ id: string }>(page, '/api/v1/me');
    const other = form.inspectors.find((i) => i.id !== me.id)!;

    await context.setOffline(true);
    for (const item of form.items) {
      const card = page.getByTestId(`item-${item.code}`);
      await card.scrollIntoViewIfNeeded();
      await card.getByText('合格', { exact: true }).click();
    }
    await page.getByTestId('visit-locate').click();
    await page.getByTestId('visit-located').waitFor();
    await draw(page, 'sign-inspector-0');
    await draw(page, 'sign-inspector-1');
    await page.getByTestId('visit-employee-no').fill(other.employeeNo);
    await page.getByTestId('visit-signer').fill('店主王五');
    await draw(page, 'sign-subject');
    await page.getByTestId('visit-submit').click();
    // Kept on the phone: the 外勤 page lists it as waiting.
    await page.getByTestId('field-offline').waitFor();
    await expect.poll(() => page.getByTestId('field-item').count()).toBe(1);
    expect(await page.getByTestId('field-item').first().textContent()).toContain('检查结果');

    await page.locator('label:has([data-testid=field-kind-note])').click();
    await page.getByTestId('field-note-tag').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('field-note-summary').fill('复查陆家嘴示范便利店，货架已撤回店内');
    await page.getByTestId('field-submit').click();
    await expect.poll(() => page.getByTestId('field-waiting').textContent()).toContain('2');

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('field-item').count(), { timeout: 20_000 }).toBe(0);
    const done = await apiGet<{ items: { origin: string; status: string }[] }>(
      page,
      `/api/v1/inspection-tasks?subjectId=${subjectId}&origin=reinspection`,
    );
    expect(done.items).toEqual([expect.objectContaining({ origin: 'reinspection', status: 'done' })]);
    const log = await apiGet<{ items: { summary: string; source: string }[] }>(page, '/api/v1/duty/log?source=manual');
    expect(log.items.map((e) => e.summary)).toContain('复查陆家嘴示范便利店，货架已撤回店内');
    expect(consoleErrors).toEqual([]);
  });
});
