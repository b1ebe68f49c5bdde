import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchHost, motoHostEnv, type RunningHost } from './host';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Fixtures {
  /** A loopback host signed in to moto, with the wizard opened in the page. */
  wizard: { page: Page; host: RunningHost };
}

export const test = base.extend<Fixtures>({
  wizard: async ({ page }, use) => {
    const host = await launchHost(motoHostEnv());
    await page.goto(host.launchUrl);
    await use({ page, host });
    await host.stop();
  },
});

export { expect };

const SCREENSHOTS = path.resolve(here, '..', '..', 'artifacts', 'screenshots');

/**
 * Save the current screen in both themes to artifacts/screenshots/<name>.<theme>.png, switching
 * themes with the app's own toggle, then restore the theme the page had.
 */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const current = async () => page.evaluate(() => document.documentElement.dataset.theme ?? 'light');
  const original = await current();
  for (const theme of ['light', 'dark']) {
    if ((await current()) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.${theme}.png`), fullPage: true, animations: 'disabled' });
  }
  if ((await current()) !== original) await page.getByRole('button', { name: `Switch to ${original} theme` }).click();
}
