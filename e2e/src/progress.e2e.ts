import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { apiGet, login, type Session, useSession } from './browser.ts';

// Where the case stands (issue 11, part 3): the stepper with dates, the running clocks, and 「还需完成」 as plain
// sentences with the citation in the Chinese form — the rule ID only on hover — on desk and on a phone.

const baseUrl = inject('baseUrl');

/** Demo case A: the prior notice was served on the last working day, so the party's statement period runs. */
async function noticedCaseId(s: Session): Promise<string> {
  const list = await apiGet<PageOf<CaseListItem>>(s.page, '/api/v1/cases?state=prior_notice_served&pageSize=5');
  const first = list.items[0];
  if (!first) throw new Error('the demo data has no case in its statement period');
  return first.id;
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  describe(`case progress at ${viewport.width}×${viewport.height}`, () => {
    const session = useSession(baseUrl, viewport);
    beforeAll(async () => {
      const { page } = session();
      await login(page, 'pd_ljz_leader');
      await page.getByTestId('header-user-name').waitFor();
    });

    it('shows the stages with dates, the statement clock and what is still needed with its citation', async () => {
      const id = await noticedCaseId(session());
      const page = session().page;
      await page.goto(`/cases/${id}`);
      const card = page.getByTestId('case-progress');
      await card.waitFor();
      expect(await card.getAttribute('data-current')).toBe('statement');
      expect(await page.getByTestId('progress-stage-notice').getAttribute('data-status')).toBe('done');
      expect(await page.getByTestId('progress-stage-filing').getAttribute('data-status')).toBe('done');
      expect(await page.getByTestId('progress-stage-decision').getAttribute('data-status')).toBe('upcoming');
      // The stage dates are shown as YYYY-MM-DD.
      expect(await card.innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);

      const clock = page.getByTestId('progress-clock-statement');
      await clock.waitFor();
      expect(await clock.innerText()).toMatch(/个工作日/);
      expect(await page.getByTestId('progress-clock-decision').innerText()).toContain('办案期限');

      const need = page.locator('[data-testid="progress-need"][data-rule="D2"]');
      await need.waitFor();
      const text = await need.innerText();
      expect(text).toContain('陈述申辩期限届满');
      expect(text).toContain('《中华人民共和国行政处罚法》第六十二条');
      // No rule codes, no "Art." on screen in the progress card.
      const cardText = await card.innerText();
      expect(cardText).not.toMatch(/\b[A-J]\d{1,2}\b/);
      expect(cardText).not.toContain('Art.');
      // The rule ID is a hover detail.
      await need.getByTestId('progress-citation').hover();
      await page.locator('.ant-tooltip:visible', { hasText: '规则编号 D2' }).waitFor();

      // The blocked decision says why in words and the Chinese citation, not a red rule code.
      const reasons = page.getByTestId('case-actions');
      expect(await reasons.innerText()).not.toMatch(/\b[A-J]\d{1,2}\b/);

      // Nothing overflows the screen horizontally.
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
