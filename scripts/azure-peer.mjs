#!/usr/bin/env node
// npm run azure-peer: the Azure test peer (test/support/azure) as a standalone process, to try the
// app or the az CLI against it by hand, or to launch it from an e2e host. Bundled with esbuild
// (a devDependency) into node_modules/.cache so plain Node runs it; arguments go to the peer
// (--latency <ms>, --info-file <path>).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'node_modules', '.cache', 'dcs-azure-peer', 'azure-peer.mjs');
await build({
  entryPoints: [path.join(root, 'test/support/azure/cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
