/**
 * Sign-in and discovery against the Azure peer: the app's credential factory (device code with
 * the code surfaced through a callback, the browser through a $BROWSER that follows the
 * authorize redirect) driving the real @azure/identity, then tenants, enabled subscriptions, the
 * signed-in user, physical locations, storage accounts and vaults subscription-wide in pages
 * (cursor = ARM's nextLink), a vault's secret names (metadata only) and provider registration.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureHttp } from '../provisioners/azure/client';
import { createAzureCredential, signIn } from '../provisioners/azure/credentials';
import {
  keyVaultsPage,
  listLocations,
  listSubscriptions,
  listTenants,
  providerRegistrations,
  secretNamesPage,
  signedInUser,
  storageAccountsPage,
} from '../provisioners/azure/discovery';
import type { DeviceCodePrompt } from '../provisioners/azure/discovery.schema';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';

const here = path.dirname(fileURLToPath(import.meta.url));
let peer: AzurePeer;
beforeAll(async () => {
  peer = await startAzurePeer({ pageSize: 25 });
});
afterAll(async () => {
  await peer.close();
});

describe('sign-in through the credential factory', () => {
  it('device code: the code reaches the callback, then ARM and Graph answer', async () => {
    const prompts: DeviceCodePrompt[] = [];
    const credential = await signIn('deviceCode', {
      tenantId: peer.tenantId,
      pipelineOptions: peer.pipelineOptions,
      onDeviceCode: (p) => prompts.push(p),
    });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.userCode.length).toBeGreaterThan(0);
    const http = createAzureHttp(credential, { pipelineOptions: peer.pipelineOptions });
    expect((await signedInUser(http)).userPrincipalName).toBe(peer.admin.upn);
    peer.assertClean();
  });

  it('browser: a loopback redirect in the main process', async () => {
    const saved = {
      BROWSER: process.env.BROWSER,
      AZURE_PEER_PROXY: process.env.AZURE_PEER_PROXY,
      AZURE_PEER_CA: process.env.AZURE_PEER_CA,
    };
    Object.assign(process.env, {
      BROWSER: path.join(here, 'support/azure/fake-browser.mjs'),
      AZURE_PEER_PROXY: peer.proxyUrl,
      AZURE_PEER_CA: peer.rootPemPath,
    });
    try {
      const credential = createAzureCredential('browser', {
        tenantId: peer.tenantId,
        pipelineOptions: peer.pipelineOptions,
      });
      const http = createAzureHttp(credential, { pipelineOptions: peer.pipelineOptions });
      expect((await listSubscriptions(http)).length).toBeGreaterThan(0);
      expect(peer.requests.some((r) => r.operation === 'authorize' && r.status === 302)).toBe(true);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    peer.assertClean();
  });
});

describe('discovery', () => {
  it('lists tenants, enabled subscriptions, physical locations, pages of accounts and vaults, secret names, providers', async () => {
    const sub = peer.subscription.subscriptionId;
    peer.addSubscription({ displayName: 'Old', state: 'Disabled' });
    for (let i = 0; i < 60; i++)
      peer.addStorageAccount({
        subscriptionId: sub,
        resourceGroup: `rg${i % 3}`,
        name: `acct${String(i).padStart(3, '0')}`,
        location: 'eastus',
        allowSharedKeyAccess: i !== 7,
      });
    peer.addKeyVault({
      subscriptionId: sub,
      resourceGroup: 'vaults',
      name: 'kv-rbac',
      location: 'eastus',
      rbac: true,
      secrets: ['a', 'b'],
    });
    peer.addKeyVault({
      subscriptionId: sub,
      resourceGroup: 'vaults',
      name: 'kv-policy',
      location: 'eastus',
      rbac: false,
    });
    const http = createAzureHttp(peer.credentialFor(peer.admin.upn), { pipelineOptions: peer.pipelineOptions });

    expect((await listTenants(http)).map((t) => t.tenantId)).toContain(peer.tenantId);
    const subs = await listSubscriptions(http);
    expect(subs.find((s) => s.subscriptionId === sub)?.enabled).toBe(true);
    expect(subs.filter((s) => !s.enabled).every((s) => s.state !== 'Enabled')).toBe(true);
    const locations = await listLocations(http, sub);
    expect(locations.length).toBeGreaterThan(0);
    expect(locations.some((l) => l.name === 'eastus')).toBe(true);

    const accounts = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await storageAccountsPage(http, sub, cursor);
      accounts.push(...page.accounts);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(accounts).toHaveLength(60);
    expect(pages).toBeGreaterThan(1);
    expect(accounts.find((a) => a.name === 'acct001')?.resourceGroup).toBe('rg1');
    expect(accounts.find((a) => a.name === 'acct007')?.warning).toMatch(/Shared key/);

    const vaults = (await keyVaultsPage(http, sub)).vaults;
    expect(Object.fromEntries(vaults.map((v) => [v.name, v.model]))).toEqual({
      'kv-rbac': 'rbac',
      'kv-policy': 'accessPolicy',
    });
    const rbac = vaults.find((v) => v.name === 'kv-rbac')!;
    expect(rbac.vaultHost).toBe('kv-rbac.vault.azure.net');
    const secrets = await secretNamesPage(http, rbac);
    expect(secrets.secrets.map((s) => s.id)).toEqual([
      'https://kv-rbac.vault.azure.net/secrets/a',
      'https://kv-rbac.vault.azure.net/secrets/b',
    ]);
    const providers = await providerRegistrations(http, sub);
    expect(providers.map((p) => p.namespace)).toContain('Microsoft.ContainerService');
    peer.assertClean();
  });
});
