// Discovery at scale, as the user sees it: the buckets step of the wizard in Chromium, with moto
// holding 10,000 buckets. Per run: from the first aws.buckets.list request to the frame showing
// the last bucket listed (the count without "loading more"), and filter keystrokes, each from its
// keydown to the first frame whose rows all match (timed inside the page: no round trip through
// Playwright). Alternating with it, the same listing through the host's HTTP API (the host's own
// floor) with the TCP connections the host opened to AWS for it (counted by the proxy).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, ensureChromium } from '../chromium.mjs';
import { hostSession, startHost } from './host.mjs';

/** Where the renderer keeps its session token (renderer/src/transport/session.ts). */
const SESSION_KEY = 'dcs.session';

/** Installed before the renderer's own scripts on every load: the timings, kept in the page. */
function instrument(/** @type {string} */ listedLabel) {
  // Runs in Chromium: the page's globals, typed loosely (this file is checked as Node code).
  const w = /** @type {any} */ (globalThis);
  const document = w.document;
  const requestAnimationFrame = (/** @type {() => void} */ f) => w.requestAnimationFrame(f);
  w.__bench = { listStart: NaN, listed: NaN, keys: /** @type {number[]} */ ([]), frames: /** @type {number[]} */ ([]) };
  const fetch0 = w.fetch.bind(w);
  w.fetch = (/** @type {unknown} */ input, /** @type {{ body?: unknown } | undefined} */ init) => {
    if (Number.isNaN(w.__bench.listStart) && typeof init?.body === 'string' && init.body.includes('"aws.buckets.list"'))
      w.__bench.listStart = performance.now();
    return fetch0(input, init);
  };
  const card = () => document.querySelector('[aria-label="Your buckets"]');
  const rows = () =>
    /** @type {{ textContent: string | null }[]} */ ([
      ...document.querySelectorAll('[aria-label="Your buckets"] .list-row__name'),
    ]);
  const watchListed = () => {
    const head = document.querySelector('[aria-label="Your buckets"] .card__head .muted')?.textContent ?? '';
    if (head.trim() === listedLabel) w.__bench.listed = performance.now();
    else requestAnimationFrame(watchListed);
  };
  requestAnimationFrame(watchListed);
  // Typed digits only (not the select-all and delete that clear the field between needles); a
  // keystroke's wait ends when the next one starts.
  let typed = 0;
  w.addEventListener(
    'keydown',
    (/** @type {{ key: string, ctrlKey: boolean, metaKey: boolean }} */ event) => {
      if (!/^[0-9]$/.test(event.key) || event.ctrlKey || event.metaKey) return;
      const t0 = performance.now();
      const mine = ++typed;
      let frames = 0;
      const check = () => {
        frames++;
        if (mine !== typed) return;
        const value = document.activeElement?.value ?? '';
        const shown = rows();
        const none = !shown.length && /No bucket name contains/.test(card()?.textContent ?? '');
        if (value && (none || (shown.length && shown.every((r) => (r.textContent ?? '').includes(value)))))
          setTimeout(() => {
            // after the frame is painted; `frames`: 1 when it was the first frame after the key
            w.__bench.frames.push(frames);
            w.__bench.keys.push(performance.now() - t0);
          });
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    true,
  );
}

/**
 * @param {{ root: string, env: Record<string, string>, region: string, runs: number, buckets: number,
 *   proxy: Awaited<ReturnType<typeof import('../counting-proxy.mjs').startCountingProxy>> }} options
 */
export async function benchBucketsUi({ root, env, region, runs, buckets, proxy }) {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'dcs-bench-ui-'));
  const draft = {
    version: 2,
    step: 'buckets',
    cloud: 'aws',
    studio: { issuer: 'issuer.bench.example/api', team: 'bench' },
    aws: { region, zones: [`${region}a`, `${region}b`] },
  };
  writeFileSync(path.join(userData, 'draft.json'), JSON.stringify({ savedAt: new Date().toISOString(), draft }), {
    mode: 0o600,
  });
  const host = await startHost(root, { ...env, AWS_ENDPOINT_URL: proxy.url, DCS_USER_DATA: userData });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.addInitScript(instrument, `${buckets.toLocaleString('en-US')} buckets`);
  const figures = {
    uiListedMs: /** @type {number[]} */ ([]),
    keystrokeMs: /** @type {number[]} */ ([]),
    /** Per keystroke, which frame after it showed the filtered rows (1: the very next one). */
    keystrokeFrames: /** @type {number[]} */ ([]),
    apiListedMs: /** @type {number[]} */ ([]),
    connections: /** @type {number[]} */ ([]),
    pages: /** @type {number[]} */ ([]),
    listed: 0,
  };

  const inUi = async () => {
    await page.reload();
    await page.waitForFunction(() => Number.isFinite(/** @type {any} */ (globalThis).__bench.listed), null, {
      timeout: 120_000,
    });
    const { listStart, listed } = await page.evaluate(() => /** @type {any} */ (globalThis).__bench);
    figures.uiListedMs.push(listed - listStart);
    const search = page.getByLabel('Search buckets');
    // Each needle narrows the list at every keystroke ("9", "98", "987", "9876"), and the top row
    // before it never matches, so a frame with every row matching is the filtered one.
    for (const needle of ['9876', '8765', '7654', '6543', '5432']) {
      await search.fill('');
      await page
        .locator('[aria-label="Your buckets"] .list-row__name')
        .first()
        .filter({ hasText: 'bench-00000' })
        .waitFor();
      await search.focus();
      for (const key of needle) {
        const before = await page.evaluate(() => /** @type {any} */ (globalThis).__bench.keys.length);
        await page.keyboard.press(key);
        await page.waitForFunction((n) => /** @type {any} */ (globalThis).__bench.keys.length > n, before);
      }
    }
    const { keys, frames } = await page.evaluate(() => /** @type {any} */ (globalThis).__bench);
    figures.keystrokeMs.push(...keys);
    figures.keystrokeFrames.push(...frames);
  };

  /** @type {(method: string, input: unknown) => Promise<any>} */
  let call = async () => undefined;
  const throughApi = async () => {
    proxy.reset();
    const started = performance.now();
    let cursor;
    let pages = 0;
    let count = 0;
    do {
      const page = await call('aws.buckets.list', cursor ? { cursor } : {});
      pages += 1;
      count += page.buckets.length;
      cursor = page.nextCursor;
    } while (cursor);
    figures.apiListedMs.push(performance.now() - started);
    figures.connections.push(proxy.connections);
    figures.pages.push(pages);
    figures.listed = count;
  };

  try {
    await page.goto(host.ready.launchUrl);
    await page.getByRole('heading', { name: 'Buckets Studio jobs may use' }).waitFor({ timeout: 60_000 });
    // The page traded the one-time launch token; the API runs use the session it got.
    const token = await page.evaluate(
      (key) => /** @type {any} */ (globalThis).sessionStorage.getItem(key),
      SESSION_KEY,
    );
    ({ call } = await hostSession(host.ready, token ?? undefined));
    await throughApi(); // warm-up, not counted: the S3 client and moto's first listing
    figures.apiListedMs.length = figures.connections.length = figures.pages.length = 0;
    for (let i = 0; i < runs; i++) {
      await inUi();
      await throughApi();
    }
    if (figures.listed < buckets) throw new Error(`listed ${figures.listed} buckets, expected ${buckets}`);
    return figures;
  } finally {
    await browser.close();
    await host.stop();
  }
}
