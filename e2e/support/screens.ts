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
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/**
 * Record a screen as a user sees it: a full-page screenshot in the light and the dark theme
 * (artifacts/screenshots/<name>.<theme>.png), each checked by axe-core for serious or critical
 * accessibility violations. Themes are switched with the app's own toggle.
 */
export async function captureScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const current = async () => page.evaluate(() => document.documentElement.dataset.theme ?? 'light');
  // With a dialog open the toggle sits behind it: set the theme attribute the toggle would set.
  const modal = (await page.getByRole('dialog').count()) > 0;
  const switchTo = async (theme: string) => {
    if ((await current()) === theme) return;
    if (modal) await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    else await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  };
  const original = await current();
  for (const theme of ['light', 'dark']) {
    await switchTo(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // A dialog is captured as the user sees it (the viewport); a screen from its top, in full.
    if (!modal) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${name}.${theme}.png`),
      fullPage: !modal,
      animations: 'disabled',
    });
    expect(await accessibilityProblems(page), `${name} (${theme} theme)`).toEqual([]);
  }
  await switchTo(original);
}
