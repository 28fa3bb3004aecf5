import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login, openBrowser, type Session } from './browser.ts';

// 机构 › a squad's 责任区 as 浦东's administrator: the saved area of 陆家嘴 on the map, a boundary pasted and previewed
// (the subjects inside counted by the server), a boundary that does not close refused at the field, the area saved.

const baseUrl = inject('baseUrl');
let s: Session;
// The demo's 陆家嘴 box (apps/server/src/seed/demo-subjects.ts), and the same box a little smaller.
const [W, S, E, N] = [121.503, 31.228, 121.52, 31.245];
const ring = (w: number, so: number, e: number, n: number) => [
  [w, so],
  [e, so],
  [e, n],
  [w, n],
  [w, so],
];

describe('squad service area editor', () => {
  beforeAll(async () => {
    s = await openBrowser(baseUrl);
    await login(s.page, 'pd_admin');
    await s.page.getByTestId('side-menu').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the area, counts the subjects inside a pasted boundary, refuses an open ring at the field, saves', async () => {
    const { page } = s;
    await page.goto('/orgs');
    await page.getByTestId('org-page').waitFor();
    await page.getByTestId('org-node-PD-LJZ').click();
    await page.getByTestId('org-area').click();
    const drawer = page.getByTestId('squad-area-drawer');
    const map = drawer.getByTestId('squad-area-map');
    await map.waitFor();
    await expect.poll(() => map.getAttribute('data-saved'), { timeout: 30_000 }).toBe('true');
    expect(await drawer.getByTestId('squad-area-street').inputValue()).toBe('陆家嘴街道');

    const geometry = drawer.getByTestId('squad-area-geometry');
    // The whole box: every subject of the squad is inside, none joins or leaves.
    await geometry.fill(
      JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(W, S, E, N)] } }),
    );
    await expect.poll(() => map.getAttribute('data-draft')).toBe('true');
    await drawer.getByTestId('squad-area-preview').click();
    const inside = drawer.getByTestId('squad-area-inside');
    await inside.waitFor();
    const all = Number(await inside.textContent());
    expect(all).toBeGreaterThan(0);
    // A smaller box holds fewer.
    await geometry.fill(JSON.stringify({ type: 'Polygon', coordinates: [ring(W + 0.008, S + 0.008, E, N)] }));
    await drawer.getByTestId('squad-area-preview').click();
    await expect.poll(async () => Number(await drawer.getByTestId('squad-area-inside').textContent())).toBeLessThan(all);

    // A ring that does not end where it starts: the server's rule at the boundary field, nothing counted.
    await geometry.fill(JSON.stringify({ type: 'Polygon', coordinates: [ring(W, S, E, N).slice(0, 4)] }));
    await drawer.getByTestId('squad-area-preview').click();
    // Shown under the boundary field (its help line), not as a passing toast.
    await drawer.locator('.ant-form-item-explain-error').getByText('边界未闭合', { exact: false }).waitFor();
    expect(await drawer.getByTestId('squad-area-counts').count()).toBe(0);
    // Not a text the map can read.
    await geometry.fill('{ not json');
    await drawer.getByTestId('squad-area-preview').click();
    await drawer.getByText('不是有效的地理要素文本').waitFor();

    // Saved as it was: the squad keeps all its subjects.
    await geometry.fill(JSON.stringify({ type: 'Polygon', coordinates: [ring(W, S, E, N)] }));
    await drawer.getByTestId('squad-area-save').click();
    await page.getByText('责任区已保存，0个执法对象的所属中队随之调整').waitFor();
  });
});
