import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { motoEnv } from '../../scripts/lib/moto.mjs';
import { withoutAzureCli } from '../../test/support/without-az';

export { noAzureCliSkipReason } from '../../test/support/without-az';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface RunningHost {
  url: string;
  launchUrl: string;
  port: number;
  /** Quit as the user would (SIGTERM: the host finishes what it is waiting for, then exits). */
  stop(): Promise<void>;
  /** End it at once (SIGKILL), as a crash or a forced quit would. */
  kill(): Promise<void>;
}

const root = path.resolve(here, '..', '..');

/** Environment without any AWS setting of the machine running the tests. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_')) env[key] = value;
  }
  return {
    ...env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** Environment for a host that signs in to moto with static test keys. */
export function motoHostEnv(): Record<string, string> {
  const url = process.env.MOTO_URL;
  if (!url) throw new Error('MOTO_URL is not set: the e2e global setup starts moto.');
  return motoEnv(url);
}

/** Environment for a host with no AWS credentials at all (empty config files). */
export function noCredentialsEnv(): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-nocreds-'));
  writeFileSync(path.join(dir, 'config'), '');
  writeFileSync(path.join(dir, 'credentials'), '');
  return {
    AWS_ENDPOINT_URL: process.env.MOTO_URL ?? 'http://127.0.0.1:9',
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
}

export interface LaunchOptions {
  /** As on a computer without the Azure CLI (test/support/without-az.ts). */
  withoutAzureCli?: boolean;
}

/**
 * Start `node out/host/index.mjs --json` and wait for its ready line. Each host gets a user-data
 * folder of its own unless the caller names one: tests never share a draft, nor touch the real one.
 */
export function launchHost(env: Record<string, string>, options: LaunchOptions = {}): Promise<RunningHost> {
  const node = [process.execPath, path.join(root, 'out', 'host', 'index.mjs'), '--json'];
  const [command, ...args] = options.withoutAzureCli ? withoutAzureCli(node) : node;
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command!, args, {
      cwd: root,
      env: cleanEnv({
        DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-userdata-')),
        // Never the machine's own Azure CLI session: an Azure world names the peer's.
        AZURE_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dcs-azure-config-')),
        ...env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // Generous: on a busy machine the host's first start takes a while.
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('DCS_HOST_READY '));
      if (!line) return;
      clearTimeout(timer);
      const info = JSON.parse(line.slice('DCS_HOST_READY '.length)) as { url: string; launchUrl: string; port: number };
      const end = (signal: NodeJS.Signals) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill(signal);
        });
      resolve({ ...info, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${output}`));
    });
  });
}
