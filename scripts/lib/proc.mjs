// Small process helpers shared by the scripts and the test harness (plain Node, no deps).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** @param {string} command @returns {string | undefined} absolute path of a command on PATH */
export function which(command) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
export const isDebian = () => process.platform === 'linux' && existsSync('/etc/debian_version');

let aptUpdated = false;
/**
 * Install Debian packages (root only). Returns an error text, or undefined on success.
 * @param {string[]} packages
 */
export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
    if (update.status !== 0) return (update.stderr || update.stdout || 'apt-get update failed').trim();
    aptUpdated = true;
  }
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    env,
    encoding: 'utf8',
  });
  return result.status === 0
    ? undefined
    : (result.stderr || result.stdout || 'apt-get install failed').trim().split('\n').slice(-3).join(' ');
}

/**
 * Poll until `check` resolves true, or throw after `timeoutMs`.
 * @param {() => Promise<boolean>} check @param {number} timeoutMs @param {string} what
 */
export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
