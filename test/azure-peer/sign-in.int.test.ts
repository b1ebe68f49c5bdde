/**
 * Signing in against the Azure peer with the real clients: the Azure CLI (az 2.45, MSAL Python)
 * through the CONNECT proxy, then the app side through AzureCliCredential; DeviceCodeCredential;
 * InteractiveBrowserCredential with a $BROWSER that follows the authorize redirect.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AzureCliCredential, DeviceCodeCredential, InteractiveBrowserCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { azureCliSkipReason } from '../../scripts/lib/azure-cli.mjs';
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
afterAll(() => peer?.close());

const skipAz = azureCliSkipReason();
if (skipAz) console.log(skipAz);

describe.skipIf(Boolean(skipAz))('the real Azure CLI', () => {
  test('az login --service-principal, az account show, then AzureCliCredential calls ARM with the CLI token', async () => {
    const sp = peer.addServicePrincipalLogin({ displayName: 'ci-login' });
    peer.assignRole({
      principalId: sp.objectId,
      role: 'Contributor',
      scope: `/subscriptions/${peer.subscription.subscriptionId}`,
    });
    const login = await runAz(peer, [
      'login',
      '--service-principal',
      '-u',
      sp.appId,
      '-p',
      sp.secret,
      '--tenant',
      peer.tenantId,
      '--output',
      'json',
    ]);
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
