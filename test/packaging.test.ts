import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  });

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
