/**
 * What we ship is Apache-2.0, so nothing copyleft may ship with it: no production dependency in
 * package-lock.json (transitively: every package npm does not mark dev-only) is GPL, AGPL, LGPL or
 * SSPL, and the bundles the build makes (the esbuild bundles of scripts/build.mjs and
 * scripts/build-cli.mjs, bundled here with a metafile) contain no copyleft module — in particular
 * none of the AGPL policy simulator packages, which only the doctor's differential tests use.
 * (The renderer is built by Vite and may import only the contract; the architecture test holds it there.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { appBundles } from '../scripts/build.mjs';
import { cliBundle } from '../scripts/build-cli.mjs';

const COPYLEFT = /\b(A|L)?GPL|\bSSPL/i;
const AGPL_SIMULATOR = /node_modules\/@cloud-copilot\/iam-(simulate|policy|utils)\//;

/** A licence expression is fine when every AND-part has an alternative that is not copyleft. */
function copyleft(license: string): boolean {
  return license
    .replace(/[()]/g, ' ')
    .split(/\s+AND\s+/i)
    .some((part) => part.split(/\s+OR\s+/i).every((alternative) => COPYLEFT.test(alternative)));
}

function licenseOf(meta: { license?: unknown; licenses?: unknown }): string {
  const l = meta.license ?? meta.licenses;
  if (typeof l === 'string') return l;
  if (Array.isArray(l)) return l.map((x) => (typeof x === 'string' ? x : (x as { type?: string }).type)).join(' OR ');
  if (l && typeof l === 'object') return String((l as { type?: string }).type ?? '');
  return '';
}

interface LockPackage {
  dev?: boolean;
  license?: string;
}

describe('licences of what we ship', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockPackage> };

  it('no production dependency in package-lock.json is copyleft', () => {
    const production = Object.entries(lock.packages).filter(([where, p]) => where && !p.dev);
    const offending = production
      .filter(([, p]) => copyleft(p.license ?? ''))
      .map(([where, p]) => `${where} (${p.license})`);
    expect(offending).toEqual([]);
    // The AGPL simulator is in the lock file, as a devDependency only.
    for (const name of ['iam-simulate', 'iam-policy', 'iam-utils']) {
      const entry = lock.packages[`node_modules/@cloud-copilot/${name}`];
      expect(entry?.license, name).toMatch(/AGPL/);
      expect(entry?.dev, name).toBe(true);
    }
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@cloud-copilot/iam-s'))).toEqual([]);
  });

  it('the bundles contain no copyleft module, and none of the AGPL simulator', { timeout: 300_000 }, async () => {
    const bundles: BuildOptions[] = [...appBundles(), await cliBundle()];
    const inputs = new Set<string>();
    for (const options of bundles) {
      const { metafile } = await build({
        ...options,
        write: false,
        metafile: true,
        sourcemap: false,
        logLevel: 'silent',
      });
      // zod-locales: is the build's own stand-in for zod's locale index (scripts/build.mjs), not a package.
      for (const input of Object.keys(metafile.inputs)) if (!input.startsWith('zod-locales:')) inputs.add(input);
    }
    expect([...inputs].filter((i) => i.startsWith('provisioners/aws/doctor/')).length).toBeGreaterThan(5);
    expect([...inputs].filter((i) => AGPL_SIMULATOR.test(i))).toEqual([]);
    const packages = new Set<string>();
    for (const input of inputs) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) packages.add(m[1]!);
    }
    expect(packages.size).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const dir of packages) {
      const file = path.join(dir, 'package.json');
      const license = existsSync(file) ? licenseOf(JSON.parse(readFileSync(file, 'utf8'))) : '';
      if (!license || copyleft(license)) offending.push(`${dir} (${license || 'no licence'})`);
    }
    expect(offending).toEqual([]);
  });

  it('tells a copyleft licence from a permissive one', () => {
    expect(['AGPL-3.0-or-later', 'GPL-2.0', 'LGPL-3.0-only', 'SSPL-1.0', '(GPL-2.0 AND MIT)'].map(copyleft)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['MIT', 'Apache-2.0', '(MIT OR GPL-3.0)', 'BSD-3-Clause', 'ISC'].map(copyleft)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
