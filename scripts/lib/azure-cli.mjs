// Find the Azure CLI (`az`) for the tests that sign in with the real CLI against the Azure peer.
// On PATH it is used as it is; otherwise, as root on Debian, Debian's azure-cli package is installed
// with apt (about 3 minutes, ~670 MB). Elsewhere the az tests are skipped and say so in one line.
import { spawnSync } from 'node:child_process';
import { aptInstall, isDebian, isRoot, which } from './proc.mjs';

/** @returns {{ path: string, version: string } | undefined} */
export function findAzureCli() {
  const path = which('az');
  if (!path) return undefined;
  const out = spawnSync(path, ['version', '--output', 'json'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, AZURE_CORE_COLLECT_TELEMETRY: 'false' },
  });
  let version = 'unknown version';
  try {
    version = JSON.parse(out.stdout)['azure-cli'] ?? version;
  } catch {
    // keep "unknown version": `az version` printed no JSON
  }
  return { path, version };
}

/**
 * @param {(line: string) => void} [log]
 * @returns {{ path?: string, how: string }}
 */
export function ensureAzureCli(log = console.log) {
  const found = findAzureCli();
  if (found) return { path: found.path, how: `${found.path} (${found.version})` };
  if (isDebian() && isRoot()) {
    log("Installing Debian's azure-cli package (apt-get, about 3 minutes)…");
    const started = Date.now();
    const error = aptInstall(['azure-cli']);
    if (error)
      return { how: `not installed (apt-get install azure-cli failed: ${error}); the az tests will be skipped` };
    const installed = findAzureCli();
    if (installed) {
      const seconds = Math.round((Date.now() - started) / 1000);
      return { path: installed.path, how: `${installed.path} (${installed.version}, installed in ${seconds} s)` };
    }
  }
  return { how: 'not found on PATH (install azure-cli to run them); the az tests will be skipped' };
}

/** The one-line reason a test prints when it cannot run az, or undefined when az is there. */
export function azureCliSkipReason() {
  return which('az')
    ? undefined
    : "Azure CLI tests skipped: `az` is not on PATH (npm test installs Debian's azure-cli when run as root on Debian).";
}
