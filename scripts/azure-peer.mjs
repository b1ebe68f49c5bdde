#!/usr/bin/env node
// npm run azure-peer: the Azure test peer (test/support/azure) as a standalone process, to try the
// app or the az CLI against it by hand, or to launch it from an e2e host. Bundled with esbuild
// (a devDependency, scripts/lib/bundle-entry.mjs) into node_modules/.cache so plain Node runs it; arguments go to the peer
// (--latency <ms>, --info-file <path>).
import { spawn } from 'node:child_process';
import { bundleEntry } from './lib/bundle-entry.mjs';

const outfile = await bundleEntry('test/support/azure/cli.ts', 'azure-peer');
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
