#!/usr/bin/env node
// npm start: build, then launch the desktop app. Where the Electron runtime is missing (it could
// not be downloaded, or there is no display), say so in one line and serve the same wizard on
// the loopback host instead, printing its URL and opening the default browser when there is one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { ensureElectronRuntime, needsVirtualDisplay } from './lib/electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} file @param {string[]} args */
function run(file, args) {
  const child = spawn(file, args, { cwd: root, stdio: 'inherit' });
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

await buildAll();
const runtime = ensureElectronRuntime({ download: true });
if (runtime.ok && !needsVirtualDisplay()) {
  run(runtime.path, ['.']);
} else {
  const reason = runtime.ok ? 'there is no display to open a window on' : runtime.reason;
  console.log(`Electron runtime not available — ${reason}. Serving the wizard in your browser instead.`);
  run(process.execPath, [path.join(root, 'out', 'host', 'index.mjs'), '--open', ...process.argv.slice(2)]);
}
