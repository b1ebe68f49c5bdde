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
import { createCore } from '../core';
import { consoleLogger } from '../core/services';
import { isAllowedExternalUrl } from '../shared/url-policy';
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { productName: string; version: string };

  const core = createCore({
    appName: pkg.productName,
    appVersion: pkg.version,
    runtime: 'browser',
    platform: process.platform,
    env: process.env,
    log: consoleLogger,
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) return false;
      return openInBrowser(url, spawn);
    },
  });
  const host = await startLoopbackHost({ core, staticRoot: path.join(root, 'out', 'renderer'), port: args.port });

  if (args.json) {
    console.log(`DCS_HOST_READY ${JSON.stringify({ url: host.url, launchUrl: host.launchUrl, port: host.port })}`);
  } else {
    console.log(`DataChain Cluster Setup is running at ${host.launchUrl}`);
    console.log('Press Ctrl+C to stop.');
  }
  if (args.open && !(await openInBrowser(host.launchUrl, spawn))) {
    console.log('(No default browser found: open the link above yourself.)');
  }

  const stop = async () => {
    await core.shutdown();
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
