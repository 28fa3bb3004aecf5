/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';

export type LayoutProblem = { kind: 'overflow' | 'clipped-cell' | 'broken-label'; detail: string };

/** Collects the page's console errors and uncaught exceptions from now on (clear it with `length = 0`). */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * What a user would see as broken on the page as drawn now:
 * - overflow: the page is wider than the window (the user has to scroll sideways), naming the widest elements;
 * - clipped-cell: a table cell whose content runs out of the cell and that does not say so (antd's ellipsis cells
 *   show the whole text on hover and are allowed);
 * - broken-label: a label or column title of three or more characters drawn one or two characters per line.
 */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: 'overflow' | 'clipped-cell' | 'broken-label'; detail: string }[] = [];
    const name = (el: Element): string => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2).join('.') : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls ? `.${cls}` : ''} 「${text}」`;
    };
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const st = getComputedStyle(el);
      return st.visibility !== 'hidden' && st.display !== 'none';
    };
    /** Inside something that scrolls or clips sideways on purpose (a table's scroll box, a tab bar, a drawer). */
    const insideScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };

    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => visible(el) && el.getBoundingClientRect().right > width + 1 && !insideScroller(el))
        .slice(0, 3)
        .map(name);
      problems.push({ kind: 'overflow', detail: `page ${document.documentElement.scrollWidth}px wide in ${width}px: ${wide.join('; ')}` });
    }

    // A cell's content (its text and elements, not antd's shadow of a fixed column) must lie inside the cell.
    for (const cell of document.querySelectorAll('.ant-table-cell')) {
      if (!visible(cell) || cell.classList.contains('ant-table-cell-ellipsis') || cell.classList.contains('ant-table-selection-column'))
        continue;
      if (cell.classList.contains('ant-table-cell-scrollbar') || cell.querySelector('.ant-typography-ellipsis')) continue;
      const box = cell.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(cell);
      const content = range.getBoundingClientRect();
      if (content.width > 0 && (content.right > box.right + 1 || content.left < box.left - 1))
        problems.push({ kind: 'clipped-cell', detail: name(cell) });
    }

    const labels = document.querySelectorAll(
      '.ant-descriptions-item-label, th.ant-table-cell, .ant-form-item-label > label, .ant-statistic-title, .ant-tabs-tab-btn',
    );
    for (const label of labels) {
      if (!visible(label)) continue;
      const text = (label.textContent ?? '').replace(/\s+/g, '');
      if (text.length < 3) continue;
      const range = document.createRange();
      range.selectNodeContents(label);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size >= 3 && lines.size * 2 >= text.length)
        problems.push({ kind: 'broken-label', detail: `${name(label)} in ${lines.size} lines` });
    }
    return problems;
  });
}
