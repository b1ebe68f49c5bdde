/**
 * The command line tool on a computer without the Azure CLI, against the strict Azure peer: the
 * built CLI (out/cli/index.mjs) runs in a mount namespace where every `az` is hidden
 * (support/without-az.ts). `login` signs in with a device code through the app's own sign-in,
 * says that nothing is kept and how to keep it; a later command is not signed in and says what
 * to do. Nothing reaches the peer but Microsoft Entra's sign-in and the reads `login` makes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBundle } from '../scripts/build-cli.mjs';
import { EXIT } from '../cli/exit-codes';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';
import { noAzureCliSkipReason, withoutAzureCli } from './support/without-az';

const skip = noAzureCliSkipReason();
if (skip) console.log(skip);

const LONG = 300_000;
let peer: AzurePeer;
let cliFile: string;

beforeAll(async () => {
  const { build } = await import('esbuild');
  const options = await cliBundle();
  cliFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'dcs-cli-bundle-')), 'index.mjs');
  await build({ ...options, outfile: cliFile, logLevel: 'error' });
  peer = await startAzurePeer();
}, LONG);
afterAll(async () => peer?.close());

/** Run the built CLI without az; its output and exit code. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...rest] = withoutAzureCli([process.execPath, cliFile, ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(command!, rest, {
      env: {
        PATH: process.env.PATH,
        HOME: mkdtempSync(path.join(os.tmpdir(), 'dcs-home-')),
        ...peer.env,
        AZURE_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'dcs-azure-config-')),
        DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-cli-user-data-')),
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), LONG - 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

describe.skipIf(Boolean(skip))('the command line tool without the Azure CLI', () => {
  it(
    'login signs in with a device code for this command only, and says how to keep the sign-in',
    async () => {
      const login = await run(['login', '--cloud', 'azure', '--json']);
      expect(login.code, login.stderr).toBe(0);
      // The code to enter is shown (on stderr, with the page to enter it on).
      expect(login.stderr).toMatch(/microsoft\.com\/devicelogin/);
      const result = JSON.parse(login.stdout) as {
        method: string;
        user: { userPrincipalName?: string };
        tenant: { tenantId: string };
        sessionKept: boolean;
      };
      expect(result).toMatchObject({
        method: 'deviceCode',
        user: { userPrincipalName: peer.admin.upn },
        tenant: { tenantId: peer.tenantId },
        sessionKept: false,
      });
      expect(login.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no token on stdout

      const human = await run(['login', '--cloud', 'azure']);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toContain('with a device code, for this command only');
      expect(human.stdout).toContain('The Azure CLI (az) is not installed: install it to keep the sign-in');

      // Nothing was kept: a later command is not signed in, and says what to do.
      const whoami = await run(['whoami', '--cloud', 'azure', '--json']);
      expect(whoami.code).toBe(EXIT.credentials);
      expect((JSON.parse(whoami.stdout) as { error: { hint: string } }).error.hint).toMatch(/login --cloud azure/);
    },
    LONG,
  );
});
