import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpdateFeed, type UpdateFeed } from '../../../test/support/update-feed';
import { silentLogger } from '../services';
import { feedUpdater } from './feed-updater';
import { DAY_MS, UpdateService, type UpdaterPort } from './service';

let feed: UpdateFeed;
beforeAll(async () => {
  feed = await startUpdateFeed('0.2.0');
});
afterAll(async () => feed.close());

const updaterAt = (version: string, onInstall?: () => void) =>
  feedUpdater({
    feedUrl: feed.url,
    currentVersion: version,
    appName: 'DataChain Cluster Setup',
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'dcs-updates-')),
    ...(onInstall ? { onInstall } : {}),
  });

describe("electron-updater's generic provider against a local feed", () => {
  it('finds the newer version and downloads it, verified against the feed', async () => {
    let installed = 0;
    const service = new UpdateService(
      updaterAt('0.1.0', () => installed++),
      { busy: () => undefined, log: silentLogger },
    );
    await service.checkNow();
    expect(service.status()).toEqual({ state: 'ready', version: '0.2.0' });
    expect(feed.requests).toContain('/latest-linux.yml');
    expect(feed.requests).toContain('/datachain-cluster-setup-0.2.0-linux-amd64.deb');
    expect(service.install()).toEqual({ installing: true });
    expect(installed).toBe(1);
  });

  it('offers nothing when this version is the latest (or newer)', async () => {
    for (const version of ['0.2.0', '0.3.0']) {
      const service = new UpdateService(updaterAt(version), { busy: () => undefined, log: silentLogger });
      await service.checkNow();
      expect(service.status()).toEqual({ state: 'idle' });
    }
  });

  it('refuses a download whose bytes do not match the checksum the feed published', async () => {
    feed.tamper = true;
    try {
      const warnings: string[] = [];
      const log = {
        ...silentLogger,
        warn: (_: string, data?: Record<string, unknown>) => warnings.push(String(data?.error)),
      };
      const service = new UpdateService(updaterAt('0.1.0'), { busy: () => undefined, log });
      await service.checkNow();
      expect(service.status()).toMatchObject({ state: 'error' });
      expect(warnings.join('\n')).toMatch(/sha512 checksum mismatch/);
      expect(service.install()).toMatchObject({ installing: false });
    } finally {
      feed.tamper = false;
    }
  });
});

describe('the update policy', () => {
  function scripted(versions: (string | undefined)[]) {
    const calls: string[] = [];
    const port: UpdaterPort = {
      check: async () => {
        calls.push('check');
        return versions.shift();
      },
      download: async () => {
        calls.push('download');
      },
      install: () => calls.push('install'),
    };
    return { port, calls };
  }

  it('checks at start and then every day', async () => {
    const { port, calls } = scripted([undefined, undefined, '0.2.0']);
    const timers: { run: () => void; ms: number }[] = [];
    const service = new UpdateService(port, {
      busy: () => undefined,
      log: silentLogger,
      setInterval: (run, ms) => {
        timers.push({ run, ms });
        return {};
      },
      clearInterval: () => timers.splice(0),
    });
    service.start();
    await service.checkNow();
    expect(calls).toEqual(['check']);
    expect(timers.map((t) => t.ms)).toEqual([DAY_MS]);
    timers[0]!.run();
    await service.checkNow();
    expect(service.status().state).toBe('idle');
    timers[0]!.run();
    await service.checkNow();
    expect(calls).toEqual(['check', 'check', 'check', 'download']);
    expect(service.status()).toEqual({ state: 'ready', version: '0.2.0' });
    // A downloaded update is kept: no more checks until it is installed.
    timers[0]!.run();
    await service.checkNow();
    expect(calls.filter((c) => c === 'check')).toHaveLength(3);
    service.stop();
    expect(timers).toHaveLength(0);
  });

  it('never installs while a deploy or teardown runs, and says what it waits for', async () => {
    const { port, calls } = scripted(['0.2.0']);
    let running: string | undefined = 'Deploy acme-datachain-cluster';
    const service = new UpdateService(port, { busy: () => running, log: silentLogger });
    await service.checkNow();
    expect(service.status()).toEqual({ state: 'ready', version: '0.2.0', waitingFor: running });
    expect(service.install()).toEqual({
      installing: false,
      reason: '"Deploy acme-datachain-cluster" is still running; the update can be installed once it has finished.',
    });
    expect(calls).not.toContain('install');
    running = undefined;
    expect(service.install()).toEqual({ installing: true });
    expect(calls).toContain('install');
  });

  it('is off without an updater (a development build, the loopback host)', async () => {
    const service = new UpdateService(undefined, { busy: () => undefined, log: silentLogger });
    service.start();
    await service.checkNow();
    expect(service.status()).toMatchObject({ state: 'disabled' });
    expect(service.install()).toMatchObject({ installing: false });
  });
});
