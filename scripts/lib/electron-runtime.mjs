// Is the Electron binary here? `npm ci` never downloads it (.npmrc sets ignore-scripts); this
// module fetches it on demand with electron's own install script, once, where GitHub is reachable.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** @returns {string | undefined} path of the Electron executable, when it is installed */
export function electronBinary() {
  const dir = electronDir();
  if (!dir) return undefined;
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const exe = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : undefined;
}

/**
 * @param {{ download?: boolean, timeoutMs?: number }} [options]
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function ensureElectronRuntime(options = {}) {
  if (process.env.DCS_NO_ELECTRON) return { ok: false, reason: 'DCS_NO_ELECTRON is set' };
  const found = electronBinary();
  if (found) return { ok: true, path: found };
  const dir = electronDir();
  if (!dir) return { ok: false, reason: 'the electron package is not installed (run `npm ci`)' };
  if (!options.download) return { ok: false, reason: 'the Electron binary is not installed' };
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 180_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  const downloaded = electronBinary();
  if (downloaded) return { ok: true, path: downloaded };
  const why =
    (result.error?.message ?? result.stderr ?? '').split('\n').find((line) => /error/i.test(line)) ?? 'download failed';
  return { ok: false, reason: `the Electron binary could not be downloaded: ${why.trim().slice(0, 160)}` };
}

/** Electron on Linux needs a display; tests can borrow one from xvfb-run. */
export function needsVirtualDisplay() {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}
