// Start-up: the loopback host's ready line and peak memory against a bare Node HTTP server
// (alternating runs), and the wizard's first screen usable in Chromium after the host starts.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, ensureChromium } from '../chromium.mjs';
import { alternate } from './stats.mjs';
import { startHost } from './host.mjs';

/** @param {string} root @param {Record<string, string>} env @param {number} runs */
export async function benchHostStart(root, env, runs) {
  const once = async (/** @type {boolean} */ bare) => {
    const started = await startHost(
      root,
      { ...env, DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-bench-')) },
      { bare },
    );
    const figure = { readyMs: started.readyMs, peakKb: started.peakKb() };
    await started.stop();
    return figure;
  };
  const [host, bare] = await alternate(
    runs,
    () => once(false),
    () => once(true),
  );
  return { host, bare };
}

/**
 * From starting the host to the first screen being usable: its heading shown and its primary button
 * enabled (the saved draft loaded), then to the signed-in identity shown. Chromium is started first
 * and not counted.
 * @param {string} root @param {Record<string, string>} env @param {number} runs
 */
export async function benchInteractive(root, env, runs) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const figures = {
    interactive: /** @type {number[]} */ ([]),
    identity: /** @type {number[]} */ ([]),
    /** The same as `interactive`, seen from inside the page (no polling interval in it). */
    interactiveInPage: /** @type {number[]} */ ([]),
    /** The scripts the page had requested when its first screen became usable (the last run's). */
    scriptsBeforeInteractive: /** @type {string[]} */ ([]),
  };
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      // The same moment seen from inside the page, every frame (Playwright's waitFor polls at
      // growing intervals, up to 100 ms apart): wall-clock time, comparable with this process's.
      await page.addInitScript(() => {
        const w = /** @type {any} */ (globalThis);
        const look = () => {
          if (w.document.querySelector('.step-footer button.button--primary:enabled'))
            w.__usableAt = w.performance.timeOrigin + w.performance.now();
          else w.requestAnimationFrame(look);
        };
        w.requestAnimationFrame(look);
      });
      const started = performance.now();
      const host = await startHost(root, { ...env, DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-bench-')) });
      try {
        await page.goto(host.ready.launchUrl);
        // The first screen's heading shown and the footer's primary button usable (it reads "Choose
        // credentials" until the identity is known and "Next" after; the identity has its own
        // figure below), checked every frame: a locator's waitFor polls up to 100 ms apart, which
        // would count the harness's polling as the app's time.
        await page.waitForFunction(
          () => {
            const doc = /** @type {any} */ (globalThis).document;
            return (
              [...doc.querySelectorAll('h1, h2')].some(
                (/** @type {any} */ h) => h.textContent?.trim() === 'Where should Studio run your clusters?',
              ) && !!doc.querySelector('.step-footer button.button--primary:enabled')
            );
          },
          undefined,
          { polling: 'raf' },
        );
        figures.interactive.push(performance.now() - started);
        const usableAt = await page.evaluate(() => /** @type {any} */ (globalThis).__usableAt);
        figures.interactiveInPage.push(usableAt - (performance.timeOrigin + started));
        figures.scriptsBeforeInteractive = await page.evaluate(() =>
          /** @type {any} */ (globalThis).performance
            .getEntriesByType('resource')
            .map((/** @type {{ name: string }} */ e) => new URL(e.name).pathname)
            .filter((/** @type {string} */ p) => p.endsWith('.js')),
        );
        await page.getByText('Signed in').waitFor();
        figures.identity.push(performance.now() - started);
      } finally {
        await host.stop();
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}
