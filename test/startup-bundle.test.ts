import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostBuild, mainBuild } from '../scripts/build.mjs';

/** The output files a bundle's entry loads before it runs: static imports only, transitively. */
function startupFiles(meta: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of meta.outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) stack.push(imported.path);
  }
  return [...seen];
}

const inputsOf = (meta: Metafile, files: string[]) => files.flatMap((file) => Object.keys(meta.outputs[file]!.inputs));

/** Cloud code that must wait for its first use: SDKs, providers, handlers, sign-in. */
const LAZY = [
  /node_modules\/@aws-sdk\//,
  /node_modules\/@smithy\/(node-http-handler|core)\//,
  /node_modules\/@azure\/(identity|msal-node|core-rest-pipeline)\//,
  /^provisioners\/aws\/(provider|plan|deploy|teardown|preflight)\.ts$/,
  /^provisioners\/azure\/(provider|client|credentials|discovery|plan|deploy|teardown)\.ts$/,
  /^electron\/core\/handlers\/aws-(discovery|identity)\.ts$/,
  /^electron\/core\/clouds\/(aws|azure)\.ts$/,
];

/**
 * `coreAtStart`: the core (its dispatch, with the error mappings, which have no SDK in them) is
 * loaded before the entry runs (the Electron main process), or itself on first use (the loopback
 * host, which listens before the contract's schemas load).
 */
function expectLazy(metafile: Metafile, entryPoint: string, { coreAtStart }: { coreAtStart: boolean }) {
  const entry = Object.keys(metafile.outputs).find((f) => metafile.outputs[f]!.entryPoint === entryPoint)!;
  const startup = inputsOf(metafile, startupFiles(metafile, entry));
  const all = inputsOf(metafile, Object.keys(metafile.outputs));
  for (const core of ['electron/core/dispatch.ts', 'provisioners/aws/errors.ts', 'provisioners/azure/errors.ts']) {
    expect(all).toContain(core);
    if (coreAtStart) expect(startup).toContain(core);
    else expect(startup).not.toContain(core);
  }
  for (const lazy of LAZY) expect(startup.filter((input) => lazy.test(input))).toEqual([]);
  // ...but each is in the bundle, in a chunk loaded on first use.
  expect(all).toContain('provisioners/aws/provider.ts');
  expect(all).toContain('provisioners/azure/provider.ts');
  expect(all.some((input) => input.includes('@aws-sdk/client-ec2/dist-es/'))).toBe(true);
  expect(all.some((input) => input.includes('node_modules/@azure/identity/'))).toBe(true);
}

let host: Metafile;
let main: Metafile;
/** The main process's module graph split at its import() calls, as the host's is. */
let mainSplit: Metafile;
beforeAll(async () => {
  const quick = { write: false, sourcemap: false } as const;
  const [hostResult, mainResult, mainSplitResult] = await Promise.all([
    build({ ...hostBuild, ...quick }),
    build({ ...mainBuild, ...quick }),
    build({
      ...mainBuild,
      ...quick,
      outfile: undefined,
      outdir: 'out/main-split',
      format: 'esm',
      splitting: true,
      minify: false,
      minifyWhitespace: false,
      minifyIdentifiers: false,
    }),
  ]);
  host = hostResult.metafile!;
  main = mainResult.metafile!;
  mainSplit = mainSplitResult.metafile!;
}, 300_000);

describe('the start-up bundles', () => {
  it('load no cloud SDK, no provider, no HTTP handler and not the core itself before the host is ready', () => {
    expectLazy(host, 'electron/host/index.ts', { coreAtStart: false });
  });

  it('reach no cloud code from the Electron main entry but through import() (evaluated on first use)', () => {
    // The CommonJS main bundle is one file, but esbuild evaluates what import() reaches only
    // when that import() runs: the window is up before any of it.
    expectLazy(mainSplit, 'electron/main/index.ts', { coreAtStart: true });
  });

  it('take the packages’ ES module builds and only the English zod locale', () => {
    for (const metafile of [host, main]) {
      const inputs = Object.keys(metafile.inputs);
      expect(inputs.filter((i) => /@aws-sdk\/client-[a-z-]+\/dist-cjs\//.test(i))).toEqual([]);
      expect(inputs.filter((i) => /zod\/v4\/locales\/(?!en\.js)/.test(i))).toEqual([]);
      expect(inputs.some((i) => i.endsWith('zod/v4/locales/en.js'))).toBe(true);
    }
  });
});
