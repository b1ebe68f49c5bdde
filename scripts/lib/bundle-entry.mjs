// Bundle a TypeScript entry of the project (a test peer, a benchmark) into one ES module under
// node_modules/.cache, so that plain Node runs it; packages stay external (resolved from node_modules).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @param {string} entry path from the repository root @param {string} name the cache file's name @returns {Promise<string>} the bundle's path */
export async function bundleEntry(entry, name) {
  const outfile = path.join(root, 'node_modules', '.cache', 'dcs-bundles', `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
