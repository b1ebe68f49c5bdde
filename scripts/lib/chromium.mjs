// Find Chromium for Playwright: CHROMIUM_PATH, else /usr/bin/chromium, else (root on Debian)
// install Debian's chromium package with apt. Playwright's own browser download is never used.
import { existsSync } from 'node:fs';
import { aptInstall, isDebian, isRoot } from './proc.mjs';

const DEFAULT = '/usr/bin/chromium';

/** @returns {string | undefined} */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  return existsSync(DEFAULT) ? DEFAULT : undefined;
}

/** @param {(line: string) => void} [log] @returns {string} */
export function ensureChromium(log = console.log) {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  if (isDebian() && isRoot()) {
    log("Installing Debian's chromium package (apt-get)…");
    const error = aptInstall(['chromium']);
    if (error) throw new Error(`Could not install chromium: ${error}`);
    if (existsSync(DEFAULT)) return DEFAULT;
  }
  throw new Error(
    'No Chromium found for the e2e tests. Set CHROMIUM_PATH to a Chromium or Chrome binary, or install one at /usr/bin/chromium.',
  );
}

/** Flags for headless Chromium on a machine without a desktop or outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
