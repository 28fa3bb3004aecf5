import { describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { PageOf, PublicationDigest } from '@chengguan/contracts';
import { login, useSession } from './browser.ts';

// The public page of the daily signed digests (公开数据上链, docs/data-sharing.md §3): a visitor with no login sees each
// day's root and signature and checks a record against its day; a record that was not published is said so.

const baseUrl = inject('baseUrl');

/** The day before today in Shanghai (an ended day, for which a digest may be made). */
function yesterdayInShanghai(now = new Date()): string {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  shanghai.setUTCDate(shanghai.getUTCDate() - 1);
  return shanghai.toISOString().slice(0, 10);
}

describe('公开数据每日签名摘要 (public)', () => {
  const session = useSession(baseUrl, { width: 390, height: 844 });

  it("lists the day's signed digest and refuses a record that was not published, with no login", async () => {
    const { page, context } = session();
    const day = yesterdayInShanghai();
    await login(page, 'admin');
    await page.getByTestId('header-user-name').waitFor();
    const made = await page.request.post('/api/v1/publication-digests', {
      data: { day },
      headers: { Origin: baseUrl, 'Idempotency-Key': randomUUID() },
    });
    expect(made.status()).toBeLessThan(300);
    const digest = (await made.json()) as PublicationDigest;
    await context.clearCookies();

    const listed = (await (await page.request.get('/api/public/digests?page=1&pageSize=100')).json()) as PageOf<PublicationDigest>;
    expect(listed.items.map((d) => d.day)).toContain(day);
    await page.goto('/digests');
    await page.getByTestId('digests-public').waitFor();
    await page.getByTestId('digest-entry').first().waitFor();
    if (listed.items[0]!.day === day) expect(await page.getByTestId('digest-root').first().innerText()).toContain(digest.root);

    await page.getByTestId('digest-day').fill(day);
    await page.getByTestId('digest-record-id').fill(`no-such-record-${randomUUID().slice(0, 8)}`);
    await page.getByTestId('digest-check').click();
    await page.getByTestId('digest-check-failure').waitFor();
    expect(new URL(page.url()).pathname).toBe('/digests');
  });
});
