import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(here, '..', '..', 'artifacts', 'screenshots');

async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Record a screen as a user sees it: a full-page screenshot in the light and the dark theme
 * (artifacts/screenshots/<name>.<theme>.png), each checked by axe-core for serious or critical
 * accessibility violations. Themes are switched with the app's own toggle.
 */
export async function captureScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const current = async () => page.evaluate(() => document.documentElement.dataset.theme ?? 'light');
  const original = await current();
  for (const theme of ['light', 'dark']) {
    if ((await current()) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.${theme}.png`), fullPage: true, animations: 'disabled' });
    expect(await accessibilityProblems(page), `${name} (${theme} theme)`).toEqual([]);
  }
  if ((await current()) !== original) await page.getByRole('button', { name: `Switch to ${original} theme` }).click();
}
