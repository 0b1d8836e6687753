/**
 * Issue 12's per-view checks, run at a phone width (390 px) and a desktop width (1280 px): no horizontal
 * scroll, no control cut off at the right edge, no serious or critical axe violation, and a full-page
 * screenshot in test-output/ named `<view>-<width>.png`.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { screenshot, SCREENSHOT_DIR } from '../support/browser.js';

export const WIDTHS = [390, 1280] as const;

export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport`);
    for (const el of document.querySelectorAll<HTMLElement>('button, a, input, select, textarea, h2, h3, h4, .card, .essay')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.right > width + 0.5 || box.left < -0.5) problems.push(`${el.tagName.toLowerCase()}#${el.id || '?'} "${(el.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
    }
    return problems;
  });
}

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Checks the view as it is now at both widths, then restores the previous viewport. A modal dialog is
 * photographed as the screen shows it (a full-page picture would put the backdrop in the wrong place).
 */
export async function checkView(page: Page, name: string, { modal = false } = {}): Promise<void> {
  const before = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // A sticky header would otherwise be drawn wherever the page happened to be scrolled.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await horizontalOverflow(page), `${name} at ${width}px`).to.deep.equal([]);
    expect(await seriousAxeViolations(page), `${name} at ${width}px`).to.deep.equal([]);
    if (modal) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`) });
    } else await screenshot(page, `${name}-${width}`);
  }
  if (before) await page.setViewportSize(before);
}
