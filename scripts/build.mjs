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
 * zod carries 64 locales (337 KiB) behind one namespace; the app speaks English only. Any import
 * of zod's locale index gets just its English one.
 * @type {import('esbuild').Plugin}
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: args.importer, namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * Node bundles take the packages' ES module builds (the AWS SDK's dist-es, zod's ESM), which
 * esbuild can tree-shake: only the commands and locales the app uses are bundled.
 * @type {import('esbuild').BuildOptions}
 */
const nodeCommon = {
  ...common,
  // Less to parse at start (names kept: errors are told apart by their class names).
  minifyWhitespace: true,
  minifyIdentifiers: true,
  keepNames: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  conditions: ['module'],
  plugins: [zodEnglishOnly],
};

/**
 * The loopback host: ES modules split into chunks, so what `import()` loads on first use (each
 * cloud's provider and handlers, each SDK client) stays out of the start-up chunk.
 * @type {import('esbuild').BuildOptions}
 */
export const hostBuild = {
  ...nodeCommon,
  entryPoints: { index: 'electron/host/index.ts' },
  outdir: out('host'),
  splitting: true,
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __dcsCreateRequire } from 'node:module'; const require = __dcsCreateRequire(import.meta.url);",
  },
};

/**
 * The Electron main process (CommonJS: it must register its scheme before `ready`). What the
 * core imports with `import()` is bundled but evaluated only on first use: the window is shown
 * before any cloud module runs.
 * @type {import('esbuild').BuildOptions}
 */
export const mainBuild = {
  ...nodeCommon,
  entryPoints: ['electron/main/index.ts'],
  outfile: out('main', 'index.cjs'),
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const preloadBuild = {
  ...common,
  // Sandboxed preloads may only require('electron'): bundle everything else in.
  entryPoints: ['electron/preload/index.ts'],
  outfile: out('preload', 'index.cjs'),
  platform: 'browser',
  format: 'cjs',
  target: 'chrome130',
  external: ['electron'],
};

/**
 * The esbuild bundles of the app (main, preload, loopback host). Exported so the licence test can
 * bundle exactly these, with a metafile, and list every module that would ship.
 * @returns {import('esbuild').BuildOptions[]}
 */
export function appBundles() {
  return [mainBuild, preloadBuild, hostBuild];
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await rm(out(), { recursive: true, force: true });
  await Promise.all([
    esbuild(mainBuild),
    esbuild(preloadBuild),
    esbuild(hostBuild),
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
