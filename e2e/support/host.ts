import { fileURLToPath } from 'node:url';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KNOWN_AZ_DIRS } from '../../provisioners/azure/credentials';
import { motoEnv } from '../../scripts/lib/moto.mjs';

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

/** Every `az` a host could find: on PATH and in the folders the app looks in when PATH lacks it. */
function azureClis(): string[] {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...KNOWN_AZ_DIRS].filter((d) => path.isAbsolute(d));
  return [...new Set(dirs.map((d) => path.join(d, 'az')))].filter((file) => existsSync(file));
}

/**
 * Why a host cannot be started on a machine without the Azure CLI here (undefined when it can):
 * the host runs in a mount namespace of its own where every `az` is /dev/null (not executable),
 * which needs Linux, root and util-linux's unshare. Nothing outside that host changes.
 */
export function noAzureCliSkipReason(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return 'Hiding the Azure CLI from one host needs Linux and root (a mount namespace of its own).';
  const probe = spawnSync('unshare', ['--mount', '--', 'true'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare --mount is not available here: ${probe.stderr || probe.error}`;
}

export interface LaunchOptions {
  /** As on a computer without the Azure CLI (see noAzureCliSkipReason). */
  withoutAzureCli?: boolean;
}

/**
 * Start `node out/host/index.mjs --json` and wait for its ready line. Each host gets a user-data
 * folder of its own unless the caller names one: tests never share a draft, nor touch the real one.
 */
export function launchHost(env: Record<string, string>, options: LaunchOptions = {}): Promise<RunningHost> {
  const node = [process.execPath, path.join(root, 'out', 'host', 'index.mjs'), '--json'];
  // unshare and sh exec in turn: the process spawned is the host itself (signals reach it).
  const hide = azureClis()
    .map((file) => `mount --bind /dev/null '${file}'`)
    .join(' && ');
  const [command, ...args] = options.withoutAzureCli
    ? [
        'unshare',
        '--mount',
        '--propagation',
        'private',
        '--',
        'sh',
        '-c',
        `${hide || 'true'} && exec "$@"`,
        'sh',
        ...node,
      ]
    : node;
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
