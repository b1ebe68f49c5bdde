/**
 * The permission pre-check with group membership, against the peer: on Azure a role held through
 * a group (nested groups too) counts — ARM's `$filter=assignedTo('{objectId}')` lists the group's
 * assignments for a user, and Permissions_List* answers with the effective permissions
 * (learn.microsoft.com, "List Azure role assignments using the REST API"). The peer implements it
 * that way; the app must read it that way. Real @azure/identity and core-rest-pipeline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../provisioners/core/events';
import { createAzureHttp, type AzureHttp } from '../provisioners/azure/client';
import { AzureSetupConfig } from '../provisioners/azure/config.schema';
import { createAzureProvider, type AzureProvider } from '../provisioners/azure/provider';
import type { AzureDeployResult } from '../provisioners/azure/setup.schema';
import { API, RoleAssignmentShape } from '../provisioners/azure/shapes';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';

let peer: AzurePeer;
beforeEach(async () => {
  peer = await startAzurePeer({ replication: { servicePrincipalAfterApp: 0, graphReadAfterWrite: 0 } });
});
afterEach(async () => {
  await peer.close();
});

function httpFor(upn: string): AzureHttp {
  return createAzureHttp(peer.credentialFor(upn), { pipelineOptions: peer.pipelineOptions });
}
const providerFor = (upn: string): AzureProvider =>
  createAzureProvider({ client: () => httpFor(upn), backoff: { initialMs: 50, maxMs: 400, factor: 1.5 } });

function setting() {
  const sub = peer.subscription.subscriptionId;
  peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'data', name: 'teamdata', location: 'eastus' });
  peer.addKeyVault({ subscriptionId: sub, resourceGroup: 'data', name: 'team-kv', location: 'eastus', rbac: true });
  return AzureSetupConfig.parse({
    tenantId: peer.tenantId,
    subscriptionId: sub,
    location: 'eastus',
    studio: { team: 'acme' },
    storageAccounts: [{ resourceGroup: 'data', name: 'teamdata' }],
    vaults: [{ resourceGroup: 'data', name: 'team-kv' }],
  });
}

function user(name: string) {
  return peer.addUser({ upn: `${name}@${peer.tenant.defaultDomain}`, password: 'Group-Passw0rd!', displayName: name });
}

async function run<R>(gen: AsyncGenerator<ProvisionEvent, R>): Promise<R> {
  for (;;) {
    const next = await gen.next();
    if (next.done) return next.value;
  }
}

describe('permission pre-check with group membership', () => {
  it('a user who is Owner only through a nested group passes the pre-check, and the deploy works', async () => {
    const cfg = setting();
    const dana = user('dana');
    const platform = peer.addGroup({ displayName: 'Platform team', members: [dana.id] });
    const admins = peer.addGroup({ displayName: 'Cloud admins', members: [platform.id] });
    peer.assignRole({ principalId: admins.id, role: 'Owner', scope: `/subscriptions/${cfg.subscriptionId}` });

    const provider = providerFor(dana.upn);
    const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    const checks = Object.fromEntries(plan.view.permissions.map((p) => [p.id, p.status]));
    expect(checks).toMatchObject({
      'arm:resource-group': 'ok',
      'arm:storage-role': 'ok',
      'arm:group-roles': 'ok',
      'entra:register-apps': 'ok',
    });
    expect(plan.view.permissions.filter((p) => p.status !== 'ok')).toEqual([]);
    expect(plan.view.blockers).toEqual([]);
    const result = (await run(
      provider.deploy(plan.deployable!).run(new AbortController().signal),
    )) as AzureDeployResult;
    expect(result.outputs.datachain_compute_resource_group).toBe('datachain');
    // Azure's own view agrees: the group's Owner shows up for Dana through assignedTo(), not principalId eq.
    const http = httpFor(dana.upn);
    const list = (filter: string) =>
      http.list(
        'arm',
        `/subscriptions/${cfg.subscriptionId}/providers/Microsoft.Authorization/roleAssignments`,
        RoleAssignmentShape,
        {
          query: { 'api-version': API.authorization, $filter: filter },
        },
      );
    expect((await list(`assignedTo('${dana.id}')`)).map((a) => a.properties.principalId)).toContain(admins.id);
    expect(await list(`principalId eq '${dana.id}'`)).toEqual([]);
    peer.assertClean();
  });

  it('a user whose group holds only Reader gets "missing" with what to ask for, and nothing is written', async () => {
    const cfg = setting();
    const eve = user('eve');
    const readers = peer.addGroup({ displayName: 'Readers', members: [eve.id] });
    peer.assignRole({ principalId: readers.id, role: 'Reader', scope: `/subscriptions/${cfg.subscriptionId}` });
    const before = peer.writes();
    const plan = await providerFor(eve.upn).plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
    expect(plan.view.kind).toBe('blocked');
    expect(plan.deployable).toBeUndefined();
    const missing = Object.fromEntries(
      plan.view.permissions.filter((p) => p.status === 'missing').map((p) => [p.id, p.askFor]),
    );
    expect(missing['arm:resource-group']).toBe('Contributor or Owner on the subscription');
    expect(missing['arm:storage-role']).toMatch(/Owner, User Access Administrator .* on the subscription/);
    expect(missing[`arm:assign:${peer.subscription.storageAccounts.values().next().value!.id.toLowerCase()}`]).toMatch(
      /User Access Administrator .* on teamdata/,
    );
    expect(peer.writes()).toBe(before);
    peer.assertClean();
  });

  it('the peer refuses assignedTo() with a group id, as Azure documents', async () => {
    const cfg = setting();
    const group = peer.addGroup({ displayName: 'Some group', members: [peer.admin.id] });
    const http = httpFor(peer.admin.upn);
    const answer = await http.request(
      'arm',
      'GET',
      `/subscriptions/${cfg.subscriptionId}/providers/Microsoft.Authorization/roleAssignments`,
      { query: { 'api-version': API.authorization, $filter: `assignedTo('${group.id}')` }, allow: [400] },
    );
    expect(answer.status).toBe(400);
    peer.assertClean();
  });
});
