#!/usr/bin/env node
// npm test: every check, in one command, on a fresh clone.
//   typecheck → lint → build → unit + integration (moto) → e2e in Chromium (loopback host)
//   → e2e in Electron (where the binary exists; otherwise one line says it was skipped).
// Installs what it needs (Chromium, the moto chroot, xvfb, the Azure CLI) when run as root on Debian.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { ensureAzureCli } from './lib/azure-cli.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureElectronRuntime, needsVirtualDisplay } from './lib/electron-runtime.mjs';
import { playwrightFailures, vitestFailures } from './lib/failure-digest.mjs';
import { ensureMoto } from './lib/moto.mjs';
import { aptInstall, isDebian, isRoot, which } from './lib/proc.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules', '.bin', name);

/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number, note?: string }[]} */
const results = [];
// Not under out/: the e2e run's global setup builds again, and a build starts by removing out/.
const reports = path.join(root, 'artifacts', 'reports');
const vitestReport = path.join(reports, 'vitest.json');
const e2eReport = path.join(reports, 'e2e-browser.json');
const electronReport = path.join(reports, 'e2e-electron.json');
rmSync(reports, { recursive: true, force: true });

/** @param {string} title */
function banner(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** @param {string} file @param {string[]} args @param {NodeJS.ProcessEnv} [env] @returns {Promise<number>} */
function run(file, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/** @param {string} name @param {() => Promise<number | { skipped: string }>} step */
async function step(name, step) {
  banner(name);
  const started = Date.now();
  const outcome = await step().catch((/** @type {unknown} */ error) => {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  });
  const seconds = (Date.now() - started) / 1000;
  if (typeof outcome === 'object') {
    console.log(outcome.skipped);
    results.push({ name, status: 'skipped', seconds, note: outcome.skipped });
  } else {
    results.push({ name, status: outcome === 0 ? 'passed' : 'failed', seconds });
  }
}

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

await step('Type check', async () => {
  for (const config of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json']) {
    const code = await run(bin('tsc'), ['-p', config]);
    if (code !== 0) return code;
  }
  return 0;
});
await step('Lint and format', async () => {
  const code = await run(bin('eslint'), ['.', '--max-warnings=0']);
  return code !== 0 ? code : run(bin('prettier'), ['--check', '--log-level', 'warn', '.']);
});
await step('Build', async () => {
  await buildAll();
  return 0;
});

banner('Test peers');
const moto = await ensureMoto();
console.log(`AWS emulator: ${moto.how}`);
const chromium = ensureChromium();
console.log(`Chromium: ${chromium}`);
console.log(`Azure CLI: ${ensureAzureCli().how}`);
const peers = { ...env, MOTO_URL: moto.url, CHROMIUM_PATH: chromium };

try {
  await step('Unit and integration tests (vitest, moto)', () =>
    run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], peers),
  );
  await step('End-to-end in Chromium (loopback host, moto)', () =>
    run(bin('playwright'), ['test', '--project', 'browser'], { ...peers, E2E_JSON_REPORT: e2eReport }),
  );
  await step('End-to-end in Electron', async () => {
    const runtime = ensureElectronRuntime({ download: true });
    if (!runtime.ok) return { skipped: `Electron-mode e2e skipped: ${runtime.reason}.` };
    if (needsVirtualDisplay()) {
      if (!which('xvfb-run') && isDebian() && isRoot()) aptInstall(['xvfb', 'xauth']);
      if (!which('xvfb-run'))
        return { skipped: 'Electron-mode e2e skipped: no display and no xvfb-run to provide one.' };
      return run('xvfb-run', ['--auto-servernum', '--', bin('playwright'), 'test', '--project', 'electron'], {
        ...peers,
        E2E_JSON_REPORT: electronReport,
      });
    }
    return run(bin('playwright'), ['test', '--project', 'electron'], { ...peers, E2E_JSON_REPORT: electronReport });
  });
} finally {
  await moto.stop();
}

banner('Summary');
for (const r of results) {
  const mark = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP';
  console.log(`${mark}  ${r.name.padEnd(48)} ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`);
}
const failures = [
  ...vitestFailures(vitestReport),
  ...playwrightFailures(e2eReport),
  ...playwrightFailures(electronReport),
];
if (failures.length > 0) {
  banner(`What failed (${failures.length})`);
  console.log(failures.join('\n'));
}
process.exit(results.some((r) => r.status === 'failed') ? 1 : 0);
