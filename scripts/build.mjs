#!/usr/bin/env node
// Build everything the app runs: main and preload (Electron), the loopback host (plain Node)
// and the renderer (Vite). Output goes to out/; only out/ is packaged.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildCli } from './build-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string[]} p */
const out = (...p) => path.join(root, 'out', ...p);

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  absWorkingDir: root,
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: 'linked',
  minifySyntax: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

/**
 * The esbuild bundles of the app (main, preload, loopback host). Exported so the licence test can
 * bundle exactly these, with a metafile, and list every module that would ship.
 * @returns {import('esbuild').BuildOptions[]}
 */
export function appBundles() {
  return [
    {
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: out('main', 'index.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
    },
    {
      ...common,
      // Sandboxed preloads may only require('electron'): bundle everything else in.
      entryPoints: ['electron/preload/index.ts'],
      outfile: out('preload', 'index.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    },
    {
      ...common,
      entryPoints: ['electron/host/index.ts'],
      outfile: out('host', 'index.mjs'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Some bundled CommonJS dependencies call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __dcsCreateRequire } from 'node:module'; const require = __dcsCreateRequire(import.meta.url);",
      },
    },
  ];
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await rm(out(), { recursive: true, force: true });
  await Promise.all([
    ...appBundles().map((options) => esbuild(options)),
    viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'silent' : 'warn' }),
    buildCli(),
  ]);
  if (!quiet)
    console.log(
      `Built main, preload, host, renderer and cli into out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
