import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureElectronRuntime } from '../../scripts/lib/electron-runtime.mjs';
import { cleanEnv, motoHostEnv } from '../support/host';

const here = path.dirname(fileURLToPath(import.meta.url));

const runtime = ensureElectronRuntime({ download: false });
const skipReason = runtime.ok ? '' : `Electron-mode e2e skipped: ${runtime.reason}.`;
if (!runtime.ok) console.log(skipReason);

test.describe('desktop app (Electron)', () => {
  test.skip(!runtime.ok, skipReason);

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    if (!runtime.ok) return;
    app = await electron.launch({
      executablePath: runtime.path,
      args: ['.', ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      cwd: path.resolve(here, '..', '..'),
      env: cleanEnv({
        ...motoHostEnv(),
        DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-userdata-')),
      }) as Record<string, string>,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('loads the bundle from app://wizard and shows the moto account through IPC', async () => {
    expect(page.url()).toBe('app://wizard/');
    await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('Signed in');
    await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText(/\d{12}/);
  });

  test('runs the page without Node, with only call/subscribe/cancel exposed', async () => {
    const exposed = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { wizard: object }).wizard).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ keys: ['call', 'cancel', 'subscribe'], require: 'undefined', process: 'undefined' });
  });

  test('answers unknown methods with a structured error', async () => {
    const result = await page.evaluate(() =>
      (window as unknown as { wizard: { call(m: string, i: unknown): Promise<unknown> } }).wizard.call(
        'no.such.method',
        {},
      ),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  test('blocks navigation away from the bundle and new windows', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://wizard/');
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('saves an export through the system save dialog, and the draft through main', async () => {
    const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'dcs-export-')), 'picked.studio.json');
    // The native dialog cannot be clicked by a test: answer it as a user picking `target` would.
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    type Bridge = { wizard: { call(m: string, i: unknown): Promise<{ ok: boolean; result?: unknown }> } };
    const saved = await page.evaluate(() =>
      (window as unknown as Bridge).wizard.call('app.saveFile', {
        suggestedName: 'x.studio.json',
        content: '{"version":1}',
        filterName: 'Studio config',
        extensions: ['json'],
      }),
    );
    expect(saved).toEqual({ ok: true, result: { saved: true, path: target, reason: 'saved' } });
    expect(readFileSync(target, 'utf8')).toBe('{"version":1}');

    const draft = { version: 1, step: 'region', cloud: 'aws', aws: { profile: '', region: 'eu-north-1' } };
    expect(
      await page.evaluate((d) => (window as unknown as Bridge).wizard.call('app.draft.save', { draft: d }), draft),
    ).toMatchObject({ ok: true });
    expect(await page.evaluate(() => (window as unknown as Bridge).wizard.call('app.draft.load', {}))).toMatchObject({
      ok: true,
      result: { draft },
    });
  });

  test('denies permission requests', async () => {
    const permission = await page.evaluate(() => Notification.requestPermission());
    expect(permission).toBe('denied');
  });
});
