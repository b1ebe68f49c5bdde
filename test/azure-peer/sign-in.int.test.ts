/**
 * Signing in against the Azure peer with the real clients: the Azure CLI (az 2.45, MSAL Python)
 * through the CONNECT proxy, then the app side through AzureCliCredential; DeviceCodeCredential;
 * InteractiveBrowserCredential with a $BROWSER that follows the authorize redirect.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { fileURLToPath } from 'node:url';
import { AzureCliCredential, DeviceCodeCredential, InteractiveBrowserCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { azureCliSkipReason } from '../../scripts/lib/azure-cli.mjs';
import { createAzureHttp } from '../../provisioners/azure/client';
import { ensureAzOnPath, signIn } from '../../provisioners/azure/credentials';
import { listSubscriptions } from '../../provisioners/azure/discovery';
import { azureErrorToApiError } from '../../provisioners/azure/errors';
import { runAz, withPeerEnv } from '../support/azure/az';
import { restClient } from '../support/azure/client';
import { AZ_CONNECTIVITY_CHECK, AZURE_CLI_CLIENT_ID, startAzurePeer, type AzurePeer } from '../support/azure/peer';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const ARM_SUBSCRIPTIONS = 'https://management.azure.com/subscriptions?api-version=2022-12-01';

let peer: AzurePeer;
beforeAll(async () => {
  peer = await startAzurePeer();
});
afterAll(async () => {
  await peer?.close();
  // The az tests wrote the peer's AZURE_CONFIG_DIR: closing removes it all (no ENOTEMPTY).
  if (peer) expect(existsSync(path.dirname(peer.rootPemPath))).toBe(false);
});

const skipAz = azureCliSkipReason();
if (skipAz) console.log(skipAz);
/** Where the real az is (resolved once, with this process's PATH). */
const realAz = skipAz ? undefined : execFileSync('/bin/sh', ['-c', 'command -v az'], { encoding: 'utf8' }).trim();

/** A service principal with a role on the subscription, and `az login --service-principal` as it. */
async function loginServicePrincipal(displayName: string, role: string) {
  const sp = peer.addServicePrincipalLogin({ displayName });
  peer.assignRole({ principalId: sp.objectId, role, scope: `/subscriptions/${peer.subscription.subscriptionId}` });
  const login = await runAz(peer, [
    ...['login', '--service-principal', '-u', sp.appId, '-p', sp.secret],
    ...['--tenant', peer.tenantId, '--output', 'json'],
  ]);
  return { sp, login };
}

describe.skipIf(Boolean(skipAz))('the real Azure CLI', () => {
  test('az login --service-principal, az account show, then AzureCliCredential calls ARM with the CLI token', async () => {
    const { sp, login } = await loginServicePrincipal('ci-login', 'Contributor');
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    const show = await runAz(peer, ['account', 'show', '--output', 'json']);
    const account = JSON.parse(show.stdout);
    expect(account).toMatchObject({
      id: peer.subscription.subscriptionId,
      tenantId: peer.tenantId,
      user: { name: sp.appId, type: 'servicePrincipal' },
    });

    const credential = new AzureCliCredential({ processTimeoutInMs: 60_000 });
    const token = await withPeerEnv(peer, () => credential.getToken('https://management.azure.com/.default'));
    expect(token.token.split('.')).toHaveLength(3);
    const call = restClient(peer.pipelineOptions, { getToken: async () => token });
    const subs = await call('GET', ARM_SUBSCRIPTIONS);
    expect(subs.status).toBe(200);
    expect(subs.body.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([
      peer.subscription.subscriptionId,
    ]);
    expect(peer.requests.some((r) => r.host === 'login.microsoftonline.com' && r.operation === 'token')).toBe(true);
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });

  test('az login with a username and password (MSAL Python ROPC)', async () => {
    const login = await runAz(peer, ['login', '-u', peer.admin.upn, '-p', peer.admin.password, '--output', 'json']);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    const show = JSON.parse((await runAz(peer, ['account', 'show', '--output', 'json'])).stdout);
    expect(show).toMatchObject({ id: peer.subscription.subscriptionId, user: { name: peer.admin.upn, type: 'user' } });
    const token = await withPeerEnv(peer, () =>
      new AzureCliCredential({ processTimeoutInMs: 60_000 }).getToken('https://graph.microsoft.com/.default'),
    );
    const me = await restClient(peer.pipelineOptions, { getToken: async () => token })(
      'GET',
      'https://graph.microsoft.com/v1.0/me',
    );
    expect(me.body.userPrincipalName).toBe(peer.admin.upn);
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });
});

describe.skipIf(Boolean(skipAz))("the app's own signIn('cli') with the real Azure CLI", () => {
  /** Run `fn` as a GUI app would: the peer's env, and a PATH without az (an empty folder). */
  async function withoutAzOnPath<T>(fn: () => Promise<T>): Promise<T> {
    const saved = process.env.PATH;
    process.env.PATH = mkdtempSync(path.join(os.tmpdir(), 'no-az-'));
    try {
      return await withPeerEnv(peer, fn);
    } finally {
      process.env.PATH = saved;
    }
  }

  async function subscriptionsWith(credential: TokenCredential) {
    const http = createAzureHttp(credential, { pipelineOptions: peer.pipelineOptions });
    return (await listSubscriptions(http)).map((s) => s.subscriptionId);
  }

  test('finds az in the install folders when PATH lacks it, then signs in with the CLI session', async () => {
    expect((await loginServicePrincipal('gui-app', 'Reader')).login.code).toBe(0);
    const { credential, pathAfter } = await withoutAzOnPath(async () => ({
      credential: await signIn('cli', { tenantId: peer.tenantId }),
      pathAfter: process.env.PATH!,
    }));
    expect(pathAfter.split(path.delimiter)[0]).toBe(path.dirname(realAz!));
    // The credential keeps working on the PATH it found (the app keeps it for the session).
    const subscriptions = await withPeerEnv(peer, () => subscriptionsWith(credential));
    expect(subscriptions).toEqual([peer.subscription.subscriptionId]);
    expect(
      peer.requests.filter((r) => r.host === 'login.microsoftonline.com' && r.operation === 'token').length,
    ).toBeGreaterThan(0);
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });

  test("asks the user's login shell where az is when neither PATH nor the install folders say", async () => {
    expect((await loginServicePrincipal('gui-app', 'Reader')).login.code).toBe(0);
    const found = await withoutAzOnPath(async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, SHELL: '/bin/bash' };
      const at = await ensureAzOnPath(env, 'linux', []);
      process.env.PATH = env.PATH;
      const credential = await signIn('cli', { tenantId: peer.tenantId });
      return { at, subscriptions: await subscriptionsWith(credential) };
    });
    expect(found.at).toBe(realAz);
    expect(found.subscriptions).toEqual([peer.subscription.subscriptionId]);
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });

  test('not logged in: signIn fails with the error the app maps to "run az login"', async () => {
    await runAz(peer, ['logout']);
    await runAz(peer, ['account', 'clear']);
    const error = await withoutAzOnPath(() => signIn('cli', { tenantId: peer.tenantId })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(azureErrorToApiError(error)).toMatchObject({ code: 'NO_CREDENTIALS', details: { hint: /az login/ } });
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });
});

describe('a Node subprocess with peer.env (how the app host runs in e2e)', () => {
  test('HTTPS_PROXY + NODE_EXTRA_CA_CERTS: ClientSecretCredential and a pipeline reach ARM with the real URLs', async () => {
    const sp = peer.addServicePrincipalLogin({ displayName: 'subprocess' });
    peer.assignRole({
      principalId: sp.objectId,
      role: 'Reader',
      scope: `/subscriptions/${peer.subscription.subscriptionId}`,
    });
    const script = `
      const { ClientSecretCredential } = require('@azure/identity');
      const p = require('@azure/core-rest-pipeline');
      const pipeline = p.createPipelineFromOptions({});
      pipeline.addPolicy(p.bearerTokenAuthenticationPolicy({ credential: new ClientSecretCredential(process.argv[1], process.argv[2], process.argv[3]), scopes: 'https://management.azure.com/.default' }));
      pipeline.sendRequest(p.createDefaultHttpClient(), p.createPipelineRequest({ url: 'https://management.azure.com/subscriptions?api-version=2022-12-01' }))
        .then((r) => console.log(JSON.stringify({ status: r.status, body: JSON.parse(r.bodyAsText) })), (e) => { console.error(String(e)); process.exit(1); });`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, peer.tenantId, sp.appId, sp.secret], {
        cwd: repo,
        env: { ...process.env, ...peer.env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
    });
    const answer = JSON.parse(out);
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([
      peer.subscription.subscriptionId,
    ]);
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });
});

describe('@azure/identity user credentials', () => {
  test('DeviceCodeCredential: one authorization_pending, then tokens; Graph silently from the refresh token', async () => {
    const prompts: string[] = [];
    const credential = new DeviceCodeCredential({
      tenantId: peer.tenantId,
      clientId: AZURE_CLI_CLIENT_ID,
      userPromptCallback: (info) => void prompts.push(info.userCode),
      ...peer.pipelineOptions,
    });
    const arm = await credential.getToken('https://management.azure.com/.default');
    const subs = await restClient(peer.pipelineOptions, { getToken: async () => arm })('GET', ARM_SUBSCRIPTIONS);
    expect(subs.status).toBe(200);
    expect(prompts).toHaveLength(1);
    const graph = await credential.getToken('https://graph.microsoft.com/.default');
    expect(graph.token).not.toBe(arm.token);
    const grants = peer.requests.filter((r) => r.operation === 'token').map((r) => r.status);
    expect(grants).toContain(400);
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });

  test('InteractiveBrowserCredential: auth code + PKCE through a $BROWSER that follows the redirect', async () => {
    const saved = {
      BROWSER: process.env.BROWSER,
      AZURE_PEER_PROXY: process.env.AZURE_PEER_PROXY,
      AZURE_PEER_CA: process.env.AZURE_PEER_CA,
    };
    Object.assign(process.env, {
      BROWSER: path.join(here, '../support/azure/fake-browser.mjs'),
      AZURE_PEER_PROXY: peer.proxyUrl,
      AZURE_PEER_CA: peer.rootPemPath,
    });
    try {
      const credential = new InteractiveBrowserCredential({
        tenantId: peer.tenantId,
        clientId: AZURE_CLI_CLIENT_ID,
        redirectUri: 'http://localhost',
        ...peer.pipelineOptions,
      });
      const token = await credential.getToken('https://management.azure.com/.default');
      const subs = await restClient(peer.pipelineOptions, { getToken: async () => token })('GET', ARM_SUBSCRIPTIONS);
      expect(subs.status).toBe(200);
      expect(peer.requests.some((r) => r.operation === 'authorize' && r.status === 302)).toBe(true);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    peer.assertClean({ ignoreRefused: [AZ_CONNECTIVITY_CHECK] });
  });
});
