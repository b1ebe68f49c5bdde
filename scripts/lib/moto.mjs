// Find or start moto, a real AWS API emulator, for integration and e2e tests. In order:
//   1. MOTO_URL: a moto server that is already running (nothing is started or stopped);
//   2. `moto_server` on PATH;
//   3. on Debian as root: moto from Debian trixie in a debootstrap chroot, cached outside the repo
//      (DCS_MOTO_CHROOT, default ~/.cache/datachain-cluster-setup/moto-trixie; ~1 minute the first time);
//   4. otherwise fail, naming these options.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, freePort, isDebian, isRoot, waitFor, which } from './proc.mjs';

const GAPS = fileURLToPath(new URL('./moto_gaps.py', import.meta.url));

/** Start moto's server from Python with moto_gaps.py loaded first. */
const BOOTSTRAP = (/** @type {string} */ dir) =>
  `import sys; sys.path.insert(0, ${JSON.stringify(dir)}); import moto_gaps; from moto.server import main; main(sys.argv[1:])`;

/**
 * The Python interpreter behind a `moto_server` command (its shebang, else python3), when it
 * can import moto; undefined otherwise.
 * @param {string} motoServer
 */
function pythonFor(motoServer) {
  /** @type {string[]} */
  const candidates = [];
  try {
    const shebang = readFileSync(motoServer, 'utf8').split('\n', 1)[0] ?? '';
    const interpreter = shebang.startsWith('#!') ? shebang.slice(2).trim().split(/\s+/)[0] : undefined;
    if (interpreter && /python/.test(interpreter)) candidates.push(interpreter);
  } catch {
    // not readable: fall through
  }
  const python3 = which('python3');
  if (python3) candidates.push(python3);
  return candidates.find((python) => spawnSync(python, ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0);
}

const CHROOT_PACKAGES = [
  'python3-moto',
  'python3-flask-cors',
  'python3-cffi-backend',
  'python3-openapi-spec-validator',
];

export function chrootDir() {
  return process.env.DCS_MOTO_CHROOT ?? path.join(os.homedir(), '.cache', 'datachain-cluster-setup', 'moto-trixie');
}

/** @param {string} url */
async function isMoto(url) {
  const response = await fetch(new URL('/moto-api/', url), { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/**
 * Whether a moto server has the fills of moto_gaps.py: a stack created through a change set
 * reports its outputs and its resources' events, and a change set name is refused a second time. (A few requests against a throwaway stack in a region nothing else uses.)
 * @param {string} url
 */
async function hasGapFills(url) {
  const {
    CloudFormationClient,
    CreateChangeSetCommand,
    ExecuteChangeSetCommand,
    DescribeStacksCommand,
    DescribeStackEventsCommand,
    DeleteStackCommand,
  } = await import('@aws-sdk/client-cloudformation');
  const cfn = new CloudFormationClient({
    region: 'af-south-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'probe' },
  });
  const StackName = `dcs-gap-probe-${Date.now()}`;
  const TemplateBody = JSON.stringify({
    Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.9.0.0/16' } } },
    Outputs: { VpcId: { Value: { Ref: 'Vpc' } } },
  });
  try {
    const created = await cfn.send(
      new CreateChangeSetCommand({ StackName, ChangeSetName: 'probe', ChangeSetType: 'CREATE', TemplateBody }),
    );
    // A second change set with the same name is refused, as in AWS (moto_fills_changesets.py).
    const again = await cfn
      .send(new CreateChangeSetCommand({ StackName, ChangeSetName: 'probe', ChangeSetType: 'CREATE', TemplateBody }))
      .then(
        () => 'accepted',
        (error) => String(error?.name),
      );
    await cfn.send(new ExecuteChangeSetCommand({ StackName: created.StackId, ChangeSetName: created.Id }));
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName }))).StackEvents ?? [];
    return (
      (stack?.Outputs ?? []).length === 1 &&
      again === 'AlreadyExistsException' &&
      events.some((e) => e.LogicalResourceId === 'Vpc' && e.ResourceStatus === 'CREATE_COMPLETE')
    );
  } catch (error) {
    if (process.env.DCS_DEBUG) console.error('moto gap probe failed:', error);
    return false;
  } finally {
    await cfn.send(new DeleteStackCommand({ StackName })).catch(() => undefined);
    cfn.destroy();
  }
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
    child.on('exit', (code) =>
      code === 0
        ? resolve(undefined)
        : reject(new Error(`debootstrap failed (${code}): ${tail.trim().split('\n').slice(-3).join(' ')}`)),
    );
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
    if (!(await isMoto(given).catch(() => false)))
      throw new Error(`MOTO_URL=${given} does not answer like a moto server (GET /moto-api/).`);
    if (!(await hasGapFills(given))) {
      throw new Error(
        `The moto at MOTO_URL=${given} lacks the fills in scripts/lib/moto_gaps.py (its change sets leave stacks without outputs). ` +
          'Start one with `npm run moto` and point MOTO_URL at it, or unset MOTO_URL to let the tests start their own.',
      );
    }
    return { url: given.replace(/\/$/, ''), how: `already running at ${given} (MOTO_URL)`, stop: async () => {} };
  }

  /** @type {[string, string[], string] | undefined} */
  let command;
  const port = await freePort();
  const listen = ['-H', '127.0.0.1', '-p', String(port)];
  const motoServer = which('moto_server');
  if (motoServer) {
    const python = pythonFor(motoServer);
    command = python
      ? [
          python,
          ['-c', BOOTSTRAP(path.dirname(GAPS)), ...listen],
          `moto_server from PATH (${motoServer}), with moto_gaps.py`,
        ]
      : [motoServer, listen, `moto_server from PATH (${motoServer}), without moto_gaps.py (its Python was not found)`];
  } else if (isDebian() && isRoot()) {
    const dir = await ensureChroot(log);
    await mkdir(path.join(dir, 'opt', 'dcs-moto'), { recursive: true });
    // moto_gaps.py and the fills it imports (moto_fills_*.py).
    for (const file of (await readdir(path.dirname(GAPS))).filter((f) => /^moto_.*\.py$/.test(f)))
      await copyFile(path.join(path.dirname(GAPS), file), path.join(dir, 'opt', 'dcs-moto', file));
    command = [
      'chroot',
      [dir, 'python3', '-c', BOOTSTRAP('/opt/dcs-moto'), ...listen],
      `moto from the Debian trixie chroot in ${dir}, with moto_gaps.py`,
    ];
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
    await waitFor(
      async () => {
        if (exited) throw new Error(`moto exited: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
        return isMoto(url);
      },
      60_000,
      `moto (${how})`,
    );
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
