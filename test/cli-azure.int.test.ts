/**
 * The command line tool on Azure end to end against the strict Azure peer, signed in with the
 * real Azure CLI (az 2.45 through the peer's proxy and test CA), unattended: plan → apply →
 * outputs in each format → grant → revoke → doctor (passing, then catching planted faults and
 * fixing what it can) → destroy, with exit codes and --json shapes; and the admin hand-off: a
 * user with only Reader rights is refused (exit 5, nothing written), writes `plan --handoff`, an
 * admin runs the script with the real az, and the user's status and outputs adopt the result.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureCliSkipReason } from '../scripts/lib/azure-cli.mjs';
import { EXIT } from '../cli/exit-codes';
import { DoctorReport } from '../electron/contract';
import { runAz } from './support/azure/az';
import { AZ_CONNECTIVITY_CHECK, startAzurePeer, type AzurePeer } from './support/azure/peer';
import { norm } from './support/azure/state';
import { cli } from './support/cli';

const skipAz = azureCliSkipReason();
if (skipAz) console.log(skipAz);

const LONG = 900_000;
let peer: AzurePeer;
let sub: string;
const dirs = { admin: '', reader: '', fresh: '' };
const READER = { upn: '', password: 'Reader-Passw0rd!' };

/** The CLI with the peer's environment; az reads its session from `who`'s config folder. */
function azCli(argv: string[], who: keyof typeof dirs = 'admin') {
  const env = { ...process.env, ...peer.env, AZURE_CONFIG_DIR: dirs[who] };
  const saved = { ...process.env };
  Object.assign(process.env, env); // AzureCliCredential runs az with this process's environment
  return cli(argv, { env, coreOptions: { azure: { pipelineOptions: peer.pipelineOptions } } }).finally(() => {
    for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
}
/** `datachain-setup <command> --cloud azure …`: the command name first. */
const run = (command: string, args: string[], who: keyof typeof dirs = 'admin') =>
  azCli([command, '--cloud', 'azure', ...args], who);

async function login(who: 'admin' | 'reader') {
  const upn = who === 'admin' ? peer.admin.upn : READER.upn;
  const password = who === 'admin' ? peer.admin.password : READER.password;
  const r = await runAz({ ...peer, env: { ...peer.env, AZURE_CONFIG_DIR: dirs[who] } } as AzurePeer, [
    'login',
    '-u',
    upn,
    '-p',
    password,
    '--output',
    'none',
  ]);
  expect(r.code, r.stderr).toBe(0);
}

const studioSchema = JSON.parse(
  readFileSync(new URL('../docs/schemas/studio-config.v2.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(
  JSON.parse(readFileSync(new URL('../docs/schemas/studio-config.v1.schema.json', import.meta.url), 'utf8')),
);
const validStudioConfig = ajv.compile(studioSchema);

beforeAll(async () => {
  peer = await startAzurePeer();
  sub = peer.subscription.subscriptionId;
  for (const who of ['admin', 'reader', 'fresh'] as const) {
    dirs[who] = path.join(peer.azureConfigDir, who);
    mkdirSync(dirs[who], { recursive: true });
  }
  const reader = peer.addUser({
    upn: `reader@${peer.tenant.defaultDomain}`,
    password: READER.password,
    displayName: 'Reader',
  });
  READER.upn = reader.upn;
  peer.assignRole({ principalId: reader.id, role: 'Reader', scope: `/subscriptions/${sub}` });
  peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'data', name: 'acmedata1', location: 'eastus' });
  peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'data', name: 'acmedata2', location: 'eastus' });
  peer.addKeyVault({
    subscriptionId: sub,
    resourceGroup: 'vaults',
    name: 'kv-rbac',
    location: 'eastus',
    rbac: true,
    secrets: ['db-url'],
  });
  peer.addKeyVault({
    subscriptionId: sub,
    resourceGroup: 'vaults',
    name: 'kv-policy',
    location: 'eastus',
    rbac: false,
    secrets: ['hf-token'],
  });
  if (!skipAz) await Promise.all([login('admin'), login('reader')]);
}, LONG);
afterAll(async () => peer?.close());

const SETUP = ['--location', 'eastus', '--team', 'acme', '--subscription'];

describe.skipIf(Boolean(skipAz))('the command line tool on Azure', () => {
  it(
    'refuses bad input and a user without rights (exit 5) without writing anything',
    async () => {
      const writes = peer.writes();
      expect((await run('apply', ['--bogus'])).code).toBe(EXIT.usage);
      const noTeam = await run('apply', ['--location', 'eastus', '--subscription', sub, '--yes', '--json']);
      expect(noTeam.code).toBe(EXIT.usage);
      expect(noTeam.json<{ error: { code: string } }>().error.code).toBe('INVALID_INPUT');
      const wrongKind = await run('grant', ['bucket', 'x', '--subscription', sub, '--yes']);
      expect(wrongKind.code).toBe(EXIT.usage);
      expect(wrongKind.stderr).toContain('storage-account');
      const reader = await run('apply', [...SETUP, sub, '--yes', '--json'], 'reader');
      expect(reader.code, reader.stderr).toBe(EXIT.permissions);
      expect(reader.json<{ error: { code: string; hint: string } }>().error.hint).toContain('plan --handoff');
      expect(peer.writes()).toBe(writes);
    },
    LONG,
  );

  it(
    'signs in with the az session: whoami names the user and tenant',
    async () => {
      const who = await run('whoami', ['--json']);
      expect(who.code, who.stderr).toBe(0);
      expect(who.json()).toMatchObject({
        method: 'cli',
        user: { userPrincipalName: peer.admin.upn },
        tenant: { tenantId: peer.tenantId },
      });
      expect(who.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no token on stdout
    },
    LONG,
  );

  it(
    'login runs az login (its device code on stderr); commands then use the subscription az defaults to, and say so',
    async () => {
      // A second subscription: without az's default, "which subscription?" would have no answer.
      const second = peer.addSubscription({ displayName: 'DataChain Second Subscription' });
      peer.assignRole({ principalId: peer.admin.id, role: 'Owner', scope: `/subscriptions/${second.subscriptionId}` });
      const azFresh = (args: string[]) =>
        runAz({ ...peer, env: { ...peer.env, AZURE_CONFIG_DIR: dirs.fresh } } as AzurePeer, args);
      try {
        const before = await run('whoami', ['--json'], 'fresh');
        expect(before.code).toBe(EXIT.credentials);
        expect(before.json<{ error: { hint: string } }>().error.hint).toContain('login --cloud azure');

        const login = await run('login', ['--device-code', '--json'], 'fresh');
        expect(login.code, login.stderr).toBe(0);
        // az's own prompt, on stderr even though the peer's environment says "errors only".
        expect(login.stderr).toMatch(/open the page https:\/\/microsoft\.com\/devicelogin and enter the code \w+/);
        const signedIn = login.json<{
          method: string;
          user: { userPrincipalName: string };
          sessionKept: boolean;
          subscription: { subscriptionId: string; why: string };
        }>();
        expect(signedIn).toMatchObject({
          method: 'cli',
          user: { userPrincipalName: peer.admin.upn },
          sessionKept: true,
        });
        const azDefault = JSON.parse((await azFresh(['account', 'show', '--output', 'json'])).stdout) as { id: string };
        expect(signedIn.subscription.subscriptionId.toLowerCase()).toBe(azDefault.id.toLowerCase());
        expect(signedIn.subscription.why).toContain("the Azure CLI's default");
        expect(login.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

        // The session is az's: a later command is signed in, in the subscription az defaults to.
        for (const chosen of [second, peer.subscription]) {
          expect((await azFresh(['account', 'set', '--subscription', chosen.subscriptionId])).code).toBe(0);
          const status = await run('status', ['--json'], 'fresh');
          expect(status.code, status.stderr).toBe(0);
          expect(status.stderr).toContain(
            `Subscription ${chosen.displayName} (${chosen.subscriptionId}), the Azure CLI's default`,
          );
        }
        // Given, it is used as given, and nothing is said about it.
        const given = await run('status', ['--subscription', second.subscriptionId, '--json'], 'fresh');
        expect(given.code, given.stderr).toBe(0);
        expect(given.stderr).not.toContain('Subscription ');
      } finally {
        for (const [key, a] of peer.state.roleAssignments)
          if (a.scope.toLowerCase().startsWith(`/subscriptions/${second.subscriptionId}`.toLowerCase()))
            peer.state.roleAssignments.delete(key);
        peer.state.subscriptions.delete(second.subscriptionId);
      }
    },
    LONG,
  );

  it(
    'plans, applies, exports in each format, grants and revokes',
    async () => {
      const planned = await run('plan', [...SETUP, sub, '--json']);
      expect(planned.code, planned.stderr).toBe(0);
      const plan = planned.json<{ plan: { kind: string; writes: number; permissions: { status: string }[] } }>().plan;
      expect(plan.kind).toBe('changes');
      expect(plan.writes).toBeGreaterThan(5);
      expect(plan.permissions.every((p) => p.status !== 'missing')).toBe(true);
      expect(planned.json()).not.toHaveProperty('plan.planId');

      const unconfirmed = await run('apply', [...SETUP, sub]);
      expect(unconfirmed.code).toBe(EXIT.notConfirmed);

      const applied = await run('apply', [...SETUP, sub, '--yes', '--json']);
      expect(applied.code, applied.stderr).toBe(0);
      const deployed = applied.json<{ status: string; outputs: Record<string, string>; writes: number }>();
      expect(deployed.status).toBe('deployed');
      expect(Object.keys(deployed.outputs).sort()).toEqual(
        [
          'datachain_compute_azure_client_id',
          'datachain_compute_azure_subscription_id',
          'datachain_compute_azure_tenant_id',
          'datachain_compute_resource_group',
          'datachain_storage_azure_client_id',
          'datachain_storage_azure_subscription_id',
          'datachain_storage_azure_tenant_id',
        ].sort(),
      );
      expect(applied.stderr).toContain('1/'); // progress on stderr, plain lines without a terminal

      const again = await run('apply', [...SETUP, sub, '--yes', '--json']);
      expect(again.code).toBe(0);
      expect(again.json<{ status: string }>().status).toBe('no-changes');

      const status = await run('status', ['--subscription', sub, '--json']);
      expect(status.code).toBe(0);
      expect(status.json<{ setups: { ref: { resourceGroup: string }; team: string }[] }>().setups).toEqual([
        expect.objectContaining({ ref: expect.objectContaining({ resourceGroup: 'datachain' }), team: 'acme' }),
      ]);

      const json = await run('outputs', ['--subscription', sub, '--format', 'json']);
      expect(json.code, json.stderr).toBe(0);
      const file = JSON.parse(json.stdout);
      expect(validStudioConfig(file), JSON.stringify(validStudioConfig.errors)).toBe(true);
      expect(file).toMatchObject({ cloud: 'azure', resourceGroup: 'datachain', outputs: deployed.outputs });
      const yamlOut = await run('outputs', ['--subscription', sub, '--format', 'yaml']);
      expect(yaml.load(yamlOut.stdout)).toMatchObject({ cloud: 'azure', outputs: deployed.outputs });
      const tf = await run('outputs', ['--subscription', sub, '--format', 'terraform']);
      const shaped = JSON.parse(tf.stdout) as Record<string, { value: string; type: string; sensitive: boolean }>;
      expect(Object.keys(shaped)).toHaveLength(7);
      expect(shaped.datachain_storage_azure_client_id).toEqual({
        sensitive: false,
        type: 'string',
        value: deployed.outputs.datachain_storage_azure_client_id,
      });

      for (const args of [
        ['storage-account', 'acmedata1'],
        ['storage-account', 'acmedata2'],
        ['key-vault', 'kv-rbac', '--secret', 'db-url', '--env', 'DB_URL', '--key', 'url'],
        ['key-vault', 'kv-policy'],
      ]) {
        const granted = await run('grant', [...args, '--subscription', sub, '--yes', '--json']);
        expect(granted.code, granted.stderr).toBe(0);
        expect(granted.json<{ status: string }>().status).toBe('deployed');
      }
      const config = JSON.parse((await run('outputs', ['--subscription', sub])).stdout);
      expect(config.storage.accounts.map((a: { name: string }) => a.name)).toEqual(['acmedata1', 'acmedata2']);
      expect(config.storage.secrets[0].reference).toBe('DB_URL=azsecret://kv-rbac.vault.azure.net/secrets/db-url#url');
      const policyVault = [...peer.subscription.keyVaults.values()].find((v) => v.name === 'kv-policy')!;
      expect(policyVault.accessPolicies).toHaveLength(1);

      const revoked = await run('revoke', ['storage-account', 'acmedata2', '--subscription', sub, '--yes', '--json']);
      expect(revoked.code, revoked.stderr).toBe(0);
      const notGranted = await run('revoke', ['storage-account', 'acmedata2', '--subscription', sub, '--yes']);
      expect(notGranted.code).toBe(EXIT.usage);
      const after = JSON.parse((await run('outputs', ['--subscription', sub])).stdout);
      expect(after.storage.accounts.map((a: { name: string }) => a.name)).toEqual(['acmedata1']);
      peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
    },
    LONG,
  );

  it(
    'the doctor passes on the setup, catches planted faults, and --fix puts back what it can',
    async () => {
      const good = await run('doctor', ['--subscription', sub, '--json']);
      expect(good.code, good.stderr).toBe(EXIT.ok);
      const report = DoctorReport.parse(good.json());
      expect(report.verdict).toBe('ok');
      expect(report.summary).toMatch(/^Studio can get in/);

      // Planted: the storage app's credential names another team; the compute assignment is gone;
      // the access-policy vault switched to Azure RBAC; a granted storage account deleted.
      const tenant = peer.tenant;
      const storageApp = [...tenant.applications.values()].find((a) =>
        a.uniqueName?.startsWith('datachain-oidc-storage'),
      )!;
      storageApp.federatedIdentityCredentials[0]!.subject = 'credentials:other-team/datachain-storage';
      const computeSp = [...tenant.servicePrincipals.values()].find(
        (s) =>
          s.appId ===
          [...tenant.applications.values()].find((a) => a.uniqueName?.startsWith('datachain-oidc-compute'))!.appId,
      )!;
      for (const [key, a] of peer.state.roleAssignments)
        if (a.principalId === computeSp.id) peer.state.roleAssignments.delete(key);
      const vault = [...peer.subscription.keyVaults.values()].find((v) => v.name === 'kv-policy')!;
      vault.rbac = true;

      const faulty = await run('doctor', ['--subscription', sub, '--json']);
      expect(faulty.code).toBe(EXIT.doctorProblems);
      const found = DoctorReport.parse(faulty.json());
      const failed = (id: string) => found.findings.find((f) => f.id === id);
      expect(failed('trust.storage.studio-token')).toMatchObject({ status: 'fail', remedy: { kind: 'redeploy' } });
      expect(failed('trust.storage.no-other-token')?.detail).toContain('credentials:other-team/datachain-storage');
      expect(failed('access.compute.assignment')).toMatchObject({ status: 'fail' });
      expect(failed('access.storage.vault.kv-policy')).toMatchObject({ status: 'fail' });
      expect(failed('access.storage.vault.kv-policy')?.detail).toMatch(/Azure RBAC now/);
      expect(found.findings.filter((f) => f.status === 'fail').every((f) => f.fix)).toBe(true);

      const fixed = await run('doctor', ['--subscription', sub, '--fix', '--yes', '--json']);
      expect(fixed.code, fixed.stderr).toBe(EXIT.ok);
      expect(DoctorReport.parse(fixed.json()).verdict).toBe('ok');
      // The fix was a deploy planned like any change: its plan was read, then it was followed to the end.
      expect(fixed.stderr).toMatch(/Deployed datachain again from its record: [1-9]\d* change\(s\) made\./);
      expect(storageApp.federatedIdentityCredentials[0]!.subject).toBe('credentials:acme/datachain-storage');

      // A deleted storage account is found, and the fix says what to do (the app cannot make it again).
      const account = [...peer.subscription.storageAccounts.values()].find((a) => a.name === 'acmedata1')!;
      peer.subscription.storageAccounts.delete(norm(account.id));
      const gone = await run('doctor', ['--subscription', sub, '--json']);
      expect(gone.code).toBe(EXIT.doctorProblems);
      const missing = DoctorReport.parse(gone.json()).findings.find((f) => f.id === 'live.account.acmedata1')!;
      expect(missing).toMatchObject({ status: 'fail' });
      expect(missing.fix).toContain('revoke storage-account acmedata1');
      expect(missing.remedy).toBeUndefined();
      peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'data', name: 'acmedata1', location: 'eastus' });
      peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
    },
    LONG,
  );

  it(
    'destroys the setup (confirmed), leaving none behind',
    async () => {
      expect((await run('destroy', ['--subscription', sub])).code).toBe(EXIT.notConfirmed);
      const destroyed = await run('destroy', ['--subscription', sub, '--yes', '--json']);
      expect(destroyed.code, destroyed.stderr).toBe(0);
      expect(destroyed.json<{ status: string }>().status).toBe('deleted');
      const status = await run('status', ['--subscription', sub, '--json']);
      expect(status.json<{ setups: unknown[] }>().setups).toEqual([]);
      expect((await run('doctor', ['--subscription', sub, '--json'])).code).toBe(EXIT.notFound);
      peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
    },
    LONG,
  );

  it(
    'hands off to an admin: the reader writes the az script, the admin runs it with az, the reader adopts it',
    async () => {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'dcs-az-handoff-'));
      const handoff = await run(
        'plan',
        [...SETUP, sub, '--resource-group', 'handed', '--prefix', 'ho', '--handoff', folder, '--json'],
        'reader',
      );
      expect(handoff.code, handoff.stderr).toBe(0);
      expect(handoff.json()).toMatchObject({ files: ['setup.sh', 'README.md'], command: 'bash setup.sh' });
      const script = await readFile(path.join(folder, 'setup.sh'), 'utf8');
      expect(script).toMatch(/^#!\/usr\/bin\/env bash\n/);
      expect(script).toContain('set -euo pipefail');
      expect((await stat(path.join(folder, 'setup.sh'))).mode & 0o111).not.toBe(0);
      const writes = peer.writes();

      const ran = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          'bash',
          ['setup.sh'],
          { cwd: folder, env: { ...process.env, ...peer.env, AZURE_CONFIG_DIR: dirs.admin }, timeout: LONG },
          (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
      expect(ran.code, ran.stderr).toBe(0);
      expect(peer.writes()).toBeGreaterThan(writes);
      // Run again: idempotent.
      const twice = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          'bash',
          ['setup.sh'],
          { cwd: folder, env: { ...process.env, ...peer.env, AZURE_CONFIG_DIR: dirs.admin }, timeout: LONG },
          (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
      expect(twice.code, twice.stderr).toBe(0);

      // The reader sees the admin-made setup as one the app made.
      const status = await run('status', ['--subscription', sub, '--resource-group', 'handed', '--json'], 'reader');
      expect(status.json<{ setups: { status: string; team: string }[] }>().setups).toEqual([
        expect.objectContaining({ status: 'deployed', team: 'acme' }),
      ]);
      const outputs = await run('outputs', ['--subscription', sub, '--resource-group', 'handed'], 'reader');
      expect(outputs.code, outputs.stderr).toBe(0);
      const file = JSON.parse(outputs.stdout);
      expect(validStudioConfig(file)).toBe(true);
      expect(file.outputs.datachain_compute_resource_group).toBe('handed');
      // Exactly what the plan would have made: planning again finds nothing to do, and the doctor passes.
      const replan = await run(
        'plan',
        [...SETUP, sub, '--resource-group', 'handed', '--prefix', 'ho', '--json'],
        'reader',
      );
      expect(replan.json<{ plan: { kind: string } }>().plan.kind).toBe('no-changes');
      const doctor = await run('doctor', ['--subscription', sub, '--resource-group', 'handed', '--json'], 'reader');
      expect(DoctorReport.parse(doctor.json()).verdict).toBe('ok');
      peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
    },
    LONG,
  );
});
