import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AZ_TIMEOUT_MS, createAzureCredential, ensureAzOnPath } from './credentials';

describe('ensureAzOnPath', () => {
  it('finds az in a known folder when PATH lacks it, and puts that folder first on PATH', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'az-'));
    const az = path.join(dir, 'az');
    writeFileSync(az, '#!/bin/sh\necho fake\n');
    chmodSync(az, 0o755);
    const env: NodeJS.ProcessEnv = { PATH: '/nonexistent' };
    expect(await ensureAzOnPath(env, 'linux', [dir])).toBe(az);
    expect(env.PATH!.split(path.delimiter)[0]).toBe(dir);
  });

  it('answers undefined (and leaves PATH alone) when there is no az and no login shell', async () => {
    const env: NodeJS.ProcessEnv = { PATH: '/nonexistent' };
    expect(await ensureAzOnPath(env, 'linux', ['/nonexistent-too'])).toBeUndefined();
    expect(env.PATH).toBe('/nonexistent');
  });
});

describe('createAzureCredential', () => {
  it('gives the Azure CLI credential a timeout of at least 30 s and refuses device code without a place for the code', () => {
    expect(AZ_TIMEOUT_MS).toBeGreaterThanOrEqual(30_000);
    const cli = createAzureCredential('cli') as unknown as { timeout?: number };
    expect(cli.timeout).toBe(AZ_TIMEOUT_MS);
    expect(() => createAzureCredential('deviceCode')).toThrow(/show the code/);
  });
});
