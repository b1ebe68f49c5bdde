// Find or start moto, a real AWS API emulator, for integration and e2e tests. In order:
//   1. MOTO_URL: a moto server that is already running (nothing is started or stopped);
//   2. `moto_server` on PATH;
//   3. on Debian as root: moto from Debian trixie in a debootstrap chroot, cached outside the repo
//      (DCS_MOTO_CHROOT, default ~/.cache/datachain-cluster-setup/moto-trixie; ~1 minute the first time);
//   4. otherwise fail, naming these options.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { aptInstall, freePort, isDebian, isRoot, waitFor, which } from './proc.mjs';

const CHROOT_PACKAGES = ['python3-moto', 'python3-flask-cors', 'python3-cffi-backend', 'python3-openapi-spec-validator'];

export function chrootDir() {
  return process.env.DCS_MOTO_CHROOT ?? path.join(os.homedir(), '.cache', 'datachain-cluster-setup', 'moto-trixie');
}

/** @param {string} url */
async function isMoto(url) {
  const response = await fetch(new URL('/moto-api/', url), { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/** @param {(line: string) => void} log */
async function ensureChroot(log) {
  const dir = chrootDir();
  if (existsSync(path.join(dir, 'usr', 'lib', 'python3', 'dist-packages', 'moto'))) return dir;
  if (!which('debootstrap')) {
    log('Installing debootstrap (apt-get)…');
    const error = aptInstall(['debootstrap']);
    if (error) throw new Error(`Could not install debootstrap: ${error}`);
  }
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  const mirror = process.env.DCS_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
  log(`Building the moto chroot (Debian trixie) in ${dir} — about a minute, once…`);
  await new Promise((resolve, reject) => {
    const child = spawn(
      'debootstrap',
      ['--variant=minbase', `--include=${CHROOT_PACKAGES.join(',')}`, 'trixie', partial, mirror],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let tail = '';
    const keep = (/** @type {Buffer} */ chunk) => {
      tail = (tail + chunk.toString()).slice(-2000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`debootstrap failed (${code}): ${tail.trim().split('\n').slice(-3).join(' ')}`))));
  });
  await rename(partial, dir);
  return dir;
}

/**
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, how: string, stop: () => Promise<void> }>}
 */
export async function ensureMoto(options = {}) {
  const log = options.log ?? ((line) => console.log(line));
  const given = process.env.MOTO_URL;
  if (given) {
    if (!(await isMoto(given).catch(() => false))) throw new Error(`MOTO_URL=${given} does not answer like a moto server (GET /moto-api/).`);
    return { url: given.replace(/\/$/, ''), how: `already running at ${given} (MOTO_URL)`, stop: async () => {} };
  }

  /** @type {[string, string[], string] | undefined} */
  let command;
  const port = await freePort();
  const motoServer = which('moto_server');
  if (motoServer) {
    command = [motoServer, ['-H', '127.0.0.1', '-p', String(port)], `moto_server from PATH (${motoServer})`];
  } else if (isDebian() && isRoot()) {
    const dir = await ensureChroot(log);
    command = ['chroot', [dir, 'python3', '-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], `moto from the Debian trixie chroot in ${dir}`];
  } else {
    throw new Error(
      'No AWS emulator (moto) is available. Either set MOTO_URL to a running moto server, put `moto_server` on PATH ' +
        '(e.g. `pip install "moto[server]"`), or run the tests as root on Debian so they can build a moto chroot with debootstrap.',
    );
  }

  const [file, args, how] = command;
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: os.tmpdir(), env: { ...process.env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`moto exited: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
      return isMoto(url);
    }, 60_000, `moto (${how})`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    how,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(undefined);
        }, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    },
  };
}

/** Environment that points the AWS SDK (and the app under test) at moto, with dummy credentials. */
export function motoEnv(/** @type {string} */ url) {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'eu-north-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(os.tmpdir(), 'dcs-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'dcs-no-aws-credentials'),
  };
}
