import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface BuilderConfig {
  files: string[];
  electronFuses: Record<string, boolean>;
  [platform: string]: unknown;
}
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = require('app-builder-lib/scheme.json');
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  }, 60_000); // compiling the large schema is slow on a busy machine

  it('builds dmg+zip on macOS, nsis on Windows, AppImage+deb on Linux', () => {
    const targets = (platform: string) =>
      (config[platform] as { target: { target: string }[] }).target.map((t) => t.target).sort();
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
  });

  it('ships build output only, never the loopback host or source maps', () => {
    const files = config.files;
    expect(files.filter((f) => !f.startsWith('!'))).toEqual([
      'package.json',
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
    ]);
    expect(files).toContain('!out/host/**');
    expect(files).toContain('!**/*.map');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.main).toBe('out/main/index.cjs');
    // Everything main needs is bundled by esbuild: no runtime node_modules in the installer.
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('publishes update files to a feed (GitHub releases; a generic URL at build time)', () => {
    expect(config.publish).toEqual({
      provider: 'github',
      owner: 'iterative',
      repo: 'datachain-cluster-setup',
      releaseType: 'release',
    });
  });

  it('ships the command line tool beside the app, without its source map', () => {
    expect(config.extraResources).toEqual([{ from: 'out/cli', to: 'cli', filter: ['index.mjs'] }]);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.bin).toEqual({ 'datachain-setup': 'out/cli/index.mjs' });
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has an icon in every format the targets need', () => {
    for (const file of [
      'assets/icon.icns',
      'assets/icon.ico',
      'assets/icon.png',
      'assets/icons/512x512.png',
      'assets/icons/256x256.png',
    ]) {
      expect(readFileSync(file).length, file).toBeGreaterThan(500);
    }
    const png = readFileSync('assets/icon.png');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width from the IHDR chunk
  });
});

/**
 * A real electron-builder run, unpacked (--dir), with a local Electron (`electronDist`): the one
 * in node_modules/electron/dist when its binary was installed, or DCS_ELECTRON_DIST. This machine
 * cannot download Electron, so without one the test says so and is skipped.
 */
function localElectronDist(): string | undefined {
  const candidates = [process.env.DCS_ELECTRON_DIST, path.resolve('node_modules/electron/dist')];
  return candidates.find((dir): dir is string => !!dir && existsSync(dir) && readdirSync(dir).length > 0);
}
const electronDist = localElectronDist();
if (!electronDist)
  console.log(
    'packaging: skipped the electron-builder run: no unpacked Electron here (node_modules/electron/dist is empty; set DCS_ELECTRON_DIST to one)',
  );

describe.skipIf(!electronDist)('electron-builder with a local Electron', () => {
  it('packs the app into an asar with its update feed and no sources', () => {
    expect(existsSync('out/main/index.cjs'), 'run the build first').toBe(true);
    const output = mkdtempSync(path.join(os.tmpdir(), 'dcs-package-'));
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--config',
        'electron-builder.yml',
        '--dir',
        '--publish',
        'never',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      { encoding: 'utf8', timeout: 600_000, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const unpacked = readdirSync(output).find((d) => d.endsWith('-unpacked') || d.endsWith('.app'));
    expect(unpacked).toBeDefined();
    const resources = path.join(output, unpacked!, 'resources');
    expect(existsSync(path.join(resources, 'app.asar'))).toBe(true);
    expect(readFileSync(path.join(resources, 'app-update.yml'), 'utf8')).toMatch(/provider: github/);
  }, 600_000);
});
