/**
 * The Azure provider's harder cases against the peer: a Terraform-made footprint adopted (and
 * released at teardown), a second subscription of the same tenant (no role-name clash), a
 * soft-deleted app restored with its client id, replication windows waited through and
 * throttling honoured. Real @azure/identity and core-rest-pipeline through the peer's proxy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../provisioners/core/events';
import { createAzureHttp } from '../provisioners/azure/client';
import { AzureSetupConfig, type AzureSetupConfigInput } from '../provisioners/azure/config.schema';
import { azureNames } from '../provisioners/azure/naming';
import { createAzureProvider, type AzureProvider } from '../provisioners/azure/provider';
import type { AzureDeployResult } from '../provisioners/azure/setup.schema';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';

let peer: AzurePeer;
afterEach(async () => {
  await peer?.close();
});

function providerFor(upn: string, waits: string[] = []): AzureProvider {
  const http = createAzureHttp(peer.credentialFor(upn), {
    pipelineOptions: peer.pipelineOptions,
    onWait: (w) => waits.push(w.reason),
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 1500))),
  });
  return createAzureProvider({ client: () => http, backoff: { initialMs: 50, maxMs: 400, factor: 1.5 } });
}

async function run<R>(gen: AsyncGenerator<ProvisionEvent, R>) {
  const events: ProvisionEvent[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { result: next.value, events };
    events.push(next.value);
  }
}

function config(extra: Partial<AzureSetupConfigInput> = {}) {
  return AzureSetupConfig.parse({
    tenantId: peer.tenantId,
    subscriptionId: peer.subscription.subscriptionId,
    location: 'eastus',
    studio: { team: 'acme' },
    ...extra,
  });
}

async function deploy(provider: AzureProvider, cfg: AzureSetupConfig) {
  const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
  expect(plan.view.blockers).toEqual([]);
  const out = await run(provider.deploy(plan.deployable!).run(new AbortController().signal));
  return { plan, result: out.result as AzureDeployResult, events: out.events };
}

describe('Azure provider, harder cases', () => {
  it("refuses to apply the doctor's re-deploy inside one call: it is planned like any change, and nothing is written", async () => {
    peer = await startAzurePeer();
    const provider = providerFor(peer.admin.upn);
    const ref = {
      cloud: 'azure' as const,
      tenantId: peer.tenantId,
      subscriptionId: peer.subscription.subscriptionId,
      resourceGroup: 'datachain',
    };
    await expect(provider.repair!(ref, { kind: 'redeploy', label: 'Deploy the setup again' })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('planned like any change'),
    });
    expect(peer.subscription.resourceGroups.size).toBe(0);
    expect(peer.tenant.applications.size).toBe(0);
  });

  it('adopts a Terraform-made footprint, keeps its client ids, and releases it at teardown', async () => {
    peer = await startAzurePeer();
    const sub = peer.subscription.subscriptionId;
    const account = peer.addStorageAccount({
      subscriptionId: sub,
      resourceGroup: 'data',
      name: 'tfdata',
      location: 'eastus',
    });
    const tf = peer.addTerraformFootprint({
      subscriptionId: sub,
      issuer: 'https://studio.datachain.ai/api',
      computeSubject: 'credentials:acme/datachain-compute',
      storageSubject: 'credentials:acme/datachain-compute', // the Terraform's defect: storage had the compute subject
      storageAccounts: [account.id],
      ownerId: peer.admin.id,
    });
    const provider = providerFor(peer.admin.upn);
    const cfg = config({ storageAccounts: [{ resourceGroup: 'data', name: 'tfdata' }] });
    const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    const byKey = Object.fromEntries(plan.view.rows.map((r) => [r.key, r]));
    expect(byKey['application:compute']!.action).toBe('adopt');
    expect(byKey['resourceGroup:datachain']!.action).toBe('adopt');
    expect(byKey['roleDefinition:compute']!.action).toBe('adopt');
    expect(byKey['federatedCredential:storage']!.changes).toEqual([
      { field: 'subject', before: 'credentials:acme/datachain-compute', after: 'credentials:acme/datachain-storage' },
    ]);
    const { result } = await deploy(provider, cfg);
    expect(result.outputs.datachain_compute_azure_client_id).toBe(tf.compute.app.appId);
    expect(result.outputs.datachain_storage_azure_client_id).toBe(tf.storage.app.appId);
    expect(tf.storage.app.federatedIdentityCredentials[0]!.subject).toBe('credentials:acme/datachain-storage');
    // No second role: the Terraform's are reused under their own names.
    expect(
      [...peer.state.roleDefinitions.values()]
        .filter((d) => d.roleName.startsWith('datachain'))
        .map((d) => d.roleName)
        .sort(),
    ).toEqual(['datachain-oidc-compute', 'datachain-oidc-storage']);
    const again = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(again.view.kind).toBe('no-changes');

    const ref = { cloud: 'azure' as const, tenantId: cfg.tenantId, subscriptionId: sub, resourceGroup: 'datachain' };
    const torn = await run(provider.teardown(ref).run(new AbortController().signal));
    const tr = torn.result as { leftAlone: { kind: string }[] };
    expect(tr.leftAlone.map((l) => l.kind)).toEqual(
      expect.arrayContaining(['application', 'roleDefinition', 'resourceGroup']),
    );
    expect(peer.tenant.applications.size).toBe(2);
    expect(peer.subscription.resourceGroups.get('datachain')!.tags['datachain-managed-by']).toBeUndefined();
    peer.assertClean();
  });

  it('deploys into two subscriptions of one tenant without a role-name clash', async () => {
    peer = await startAzurePeer();
    const second = peer.addSubscription({ displayName: 'Second' });
    peer.assignRole({ principalId: peer.admin.id, role: 'Owner', scope: `/subscriptions/${second.subscriptionId}` });
    const provider = providerFor(peer.admin.upn);
    await deploy(provider, config());
    const { result } = await deploy(provider, config({ subscriptionId: second.subscriptionId }));
    expect(result.outputs.datachain_compute_azure_subscription_id).toBe(second.subscriptionId);
    const names = [...peer.state.roleDefinitions.values()]
      .map((d) => d.roleName)
      .filter((n) => n.startsWith('datachain'));
    expect(names).toContain(azureNames(peer.tenantId, second.subscriptionId).roleName.compute);
    expect(names).toContain(azureNames(peer.tenantId, peer.subscription.subscriptionId).roleName.compute);
    expect(peer.tenant.applications.size).toBe(4);
    const listing = await provider.list({ cloud: 'azure', tenantId: peer.tenantId });
    expect(listing.setups).toHaveLength(2);
    peer.assertClean();
  });

  it('restores a soft-deleted app that holds its unique name, with the same client id', async () => {
    peer = await startAzurePeer();
    const names = azureNames(peer.tenantId, peer.subscription.subscriptionId);
    const deleted = peer.softDeleteApp({
      displayName: 'datachain-oidc-compute',
      uniqueName: names.uniqueName.compute,
      ownerId: peer.admin.id,
    });
    const provider = providerFor(peer.admin.upn);
    const cfg = config();
    const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(plan.view.rows.find((r) => r.key === 'application:compute')!.action).toBe('restore');
    expect(plan.view.warnings.map((w) => w.code)).toContain('APP_RESTORE');
    const { result } = await deploy(provider, cfg);
    expect(result.outputs.datachain_compute_azure_client_id).toBe(deleted.appId);
    expect(result.notes.join(' ')).toMatch(/restored/);
    peer.assertClean();
  });

  it('waits visibly through replication windows and honours Retry-After on 429', async () => {
    peer = await startAzurePeer({
      replication: {
        servicePrincipalAfterApp: 1500,
        graphReadAfterWrite: 800,
        principalAfterServicePrincipal: 1500,
        principalTypeSkipsLookup: false,
        roleDefinitionAfterPut: 1000,
        providerRegistration: 800,
      },
    });
    peer.setProviderState(peer.subscription.subscriptionId, 'Microsoft.ContainerService', 'NotRegistered');
    const waits: string[] = [];
    const provider = providerFor(peer.admin.upn, waits);
    const cfg = config();
    const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(plan.view.rows.find((r) => r.key === 'provider:Microsoft.ContainerService')!.action).toBe('create');
    peer.throttleNext(2, 1);
    const out = await run(provider.deploy(plan.deployable!).run(new AbortController().signal));
    const logs = out.events.filter((e) => e.type === 'log').map((e) => (e as { message: string }).message);
    expect(logs.some((m) => /replicate/.test(m))).toBe(true);
    expect(logs.some((m) => /Waiting for Azure to register Microsoft.ContainerService/.test(m))).toBe(true);
    expect(logs.some((m) => /throttling/.test(m))).toBe(true);
    expect((out.result as AzureDeployResult).outputs.datachain_compute_azure_client_id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(again.view.kind).toBe('no-changes');
    peer.assertClean();
  });

  it('resumes a deploy stopped halfway, and refuses teardown while a cluster runs in the group', async () => {
    peer = await startAzurePeer();
    const provider = providerFor(peer.admin.upn);
    const cfg = config();
    const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    const total = plan.view.writes;
    const controller = new AbortController();
    const gen = provider.deploy(plan.deployable!).run(controller.signal);
    let completed = 0;
    await expect(
      (async () => {
        for (;;) {
          const next = await gen.next();
          if (next.done) return;
          if (next.value.type === 'resource' && next.value.status === 'complete' && ++completed === 4)
            controller.abort();
        }
      })(),
    ).rejects.toThrow(/abort/i);
    const resumed = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(resumed.view.kind).toBe('changes');
    expect(resumed.view.writes).toBeLessThan(total);
    await run(provider.deploy(resumed.deployable!).run(new AbortController().signal));
    expect((await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {})).view.kind).toBe('no-changes');

    peer.addManagedCluster({ subscriptionId: cfg.subscriptionId, resourceGroup: 'datachain', name: 'studio-cluster' });
    const ref = {
      cloud: 'azure' as const,
      tenantId: cfg.tenantId,
      subscriptionId: cfg.subscriptionId,
      resourceGroup: 'datachain',
    };
    await expect(run(provider.teardown(ref).run(new AbortController().signal))).rejects.toThrow(/studio-cluster/);
    expect(peer.tenant.applications.size).toBe(2);
    expect(peer.subscription.resourceGroups.has('datachain')).toBe(true);
    peer.assertClean();
  });

  it('keeps a group it made when Azure lists anything else in it, and removes only its own tags', async () => {
    peer = await startAzurePeer({ replication: { resourceGroupDelete: 100 } });
    const provider = providerFor(peer.admin.upn);
    const cfg = config();
    await deploy(provider, cfg);
    // Something of the user's that the setup never looks at (not an account, vault or cluster).
    peer.addResource({
      subscriptionId: cfg.subscriptionId,
      resourceGroup: 'datachain',
      type: 'Microsoft.Compute/disks',
      name: 'scratch-disk',
    });
    const ref = {
      cloud: 'azure' as const,
      tenantId: cfg.tenantId,
      subscriptionId: cfg.subscriptionId,
      resourceGroup: 'datachain',
    };
    const torn = await run(provider.teardown(ref).run(new AbortController().signal));
    const group = peer.subscription.resourceGroups.get('datachain');
    expect(group).toBeDefined();
    expect(group!.otherResources.map((r) => r.name)).toEqual(['scratch-disk']);
    expect(Object.keys(group!.tags).filter((k) => k.startsWith('datachain-record-'))).toEqual([]);
    const kept = (torn.result as { leftAlone: { kind: string; reason: string }[] }).leftAlone;
    expect(kept.find((k) => k.kind === 'resourceGroup')?.reason).toMatch(/scratch-disk/);
    expect(peer.tenant.applications.size).toBe(0);
    peer.assertClean();
  });
});
