// The command line tool (cli/): one ESM file for plain Node, out/cli/index.mjs. Packaged with the
// app (electron-builder.yml extraResources) and run from a clone with `npm run cli -- …`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The CLI bundle's options. Exported so the licence test can bundle exactly this, with a metafile.
 * @returns {Promise<import('esbuild').BuildOptions>}
 */
export async function cliBundle() {
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  return {
    bundle: true,
    absWorkingDir: root,
    logLevel: 'warning',
    legalComments: 'none',
    sourcemap: 'linked',
    minifySyntax: true,
    entryPoints: ['cli/index.ts'],
    outfile: path.join(root, 'out', 'cli', 'index.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.node.json'),
    define: { 'process.env.NODE_ENV': '"production"', __APP_VERSION__: JSON.stringify(version) },
    // Some bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __dcsCreateRequire } from 'node:module'; const require = __dcsCreateRequire(import.meta.url);",
    },
  };
}

export async function buildCli() {
  await build(await cliBundle());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
