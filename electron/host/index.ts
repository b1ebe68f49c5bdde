/**
 * The loopback host: the same core and the same renderer bundle, served to a browser on
 * 127.0.0.1 when no Electron runtime is available (CI, this kind of machine). Plain Node.
 *
 *   node out/host/index.mjs [--port N] [--open] [--json]
 *
 * Prints the launch URL (with its one-time token). With --json, prints one line
 * `DCS_HOST_READY {"url":...}` that test harnesses parse.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core';
import { consoleLogger } from '../core/services';
import { isAllowedExternalUrl } from '../shared/url-policy';
import { defaultUserDataDir } from '../shared/user-data';
import type { ConnectionOptions } from 'node:tls';
import { startLoopbackHost } from '../transports/http/server';
import { openInBrowser } from './open-browser';

interface Args {
  port: number;
  open: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 0, open: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--open') args.open = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--port') args.port = Number(argv[++i]);
    else throw new Error(`Unknown argument: ${arg}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port takes 0-65535');
  return args;
}

/**
 * DCS_RESOLVE=host:443=127.0.0.1:8443[,…] reaches an OIDC issuer at another address, like curl's
 * --resolve (tests run a local issuer; trust its CA with NODE_EXTRA_CA_CERTS). Host only.
 */
function parseResolve(value: string | undefined): Map<string, ConnectionOptions> {
  const map = new Map<string, ConnectionOptions>();
  for (const entry of (value ?? '').split(',').filter(Boolean)) {
    const match = /^([a-z0-9.-]+):443=([0-9.]+):(\d+)$/.exec(entry.trim());
    if (!match) throw new Error(`DCS_RESOLVE entry "${entry}" is not host:443=ip:port`);
    map.set(match[1]!, { host: match[2]!, port: Number(match[3]), servername: match[1]! });
  }
  return map;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    productName: string;
    version: string;
  };

  const resolve = parseResolve(process.env.DCS_RESOLVE);
  // DCS_UPDATE_FEED: the host runs the same update service as the desktop app against a generic
  // feed (dev and tests; the host is never packaged, so "installing" only says so).
  const feed = process.env.DCS_UPDATE_FEED;
  // electron-updater and its dependencies (~250 KB) load only when a feed is set.
  const updater = feed
    ? (await import('../core/updates/feed-updater')).feedUpdater({
        feedUrl: feed,
        currentVersion: pkg.version,
        appName: pkg.productName,
        cacheDir: path.join(defaultUserDataDir(pkg.productName), 'updates'),
        onInstall: () => console.log('An update was asked for: the loopback host has nothing to install.'),
      })
    : undefined;
  // The core (the contract's schemas, the handlers, zod) loads right after the ready line, or on
  // the first request that needs it if one comes sooner: listening does not wait for it.
  let core: Promise<Core> | undefined;
  const makeCore = async (): Promise<Core> => {
    const { createCore } = await import('../core');
    return createCore(
      {
        appName: pkg.productName,
        appVersion: pkg.version,
        runtime: 'browser',
        platform: process.platform,
        env: process.env,
        log: consoleLogger,
        userDataDir: defaultUserDataDir(pkg.productName),
        ...(updater ? { updater } : {}),
        async openExternal(url) {
          if (!isAllowedExternalUrl(url)) return false;
          return openInBrowser(url, spawn);
        },
      },
      resolve.size
        ? { issuerTarget: { connectOptions: (host) => resolve.get(host) ?? { host, port: 443, servername: host } } }
        : {},
    );
  };
  const coreOnce = () => (core ??= makeCore());
  const host = await startLoopbackHost({
    core: coreOnce,
    staticRoot: path.join(root, 'out', 'renderer'),
    port: args.port,
  });

  if (args.json) {
    console.log(`DCS_HOST_READY ${JSON.stringify({ url: host.url, launchUrl: host.launchUrl, port: host.port })}`);
  } else {
    console.log(`DataChain Cluster Setup is running at ${host.launchUrl}`);
    console.log('Press Ctrl+C to stop.');
  }
  setImmediate(() =>
    coreOnce().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }),
  );
  if (args.open && !(await openInBrowser(host.launchUrl, spawn))) {
    console.log('(No default browser found: open the link above yourself.)');
  }

  const stop = async () => {
    if (core) await (await core).shutdown();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
