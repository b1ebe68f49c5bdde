import { test as base, expect, type Page } from '@playwright/test';
import { launchHost, motoHostEnv, type RunningHost } from './host';

interface Fixtures {
  /** A loopback host signed in to moto, with the wizard opened in the page. */
  wizard: { page: Page; host: RunningHost };
}

export const test = base.extend<Fixtures>({
  // Every page fails its test on an uncaught error, wherever the test was looking.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    const logs: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}\n${error.stack ?? ''}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logs.push(`${message.type()}: ${message.text()}`);
    });
    await use(page);
    expect(errors, `uncaught errors in the page (console: ${logs.join(' | ') || 'quiet'})`).toEqual([]);
  },
  wizard: async ({ page }, use) => {
    const host = await launchHost(motoHostEnv());
    await page.goto(host.launchUrl);
    await use({ page, host });
    await host.stop();
  },
});

export { expect };
