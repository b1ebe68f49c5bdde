/**
 * A role-assignment name the setup would take (its deterministic GUID) already held by another
 * principal, or at another scope: Azure's names are unique, so the PUT would be refused. The plan
 * reads it first and shows a conflict row with what to remove; nothing is written until it is gone.
 * Against the peer, with the real @azure/identity and core-rest-pipeline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../provisioners/core/events';
import { createAzureHttp, type AzureHttp } from '../provisioners/azure/client';
import { AzureSetupConfig } from '../provisioners/azure/config.schema';
import { assignmentGuid, azureNames, roleDefinitionId } from '../provisioners/azure/naming';
import { createAzureProvider, type AzureProvider } from '../provisioners/azure/provider';
import type { AzureDeployResult } from '../provisioners/azure/setup.schema';
import { API } from '../provisioners/azure/shapes';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';

let peer: AzurePeer;
let http: AzureHttp;
let provider: AzureProvider;
beforeEach(async () => {
  peer = await startAzurePeer({ replication: { servicePrincipalAfterApp: 0, graphReadAfterWrite: 0 } });
  http = createAzureHttp(peer.credentialFor(peer.admin.upn), { pipelineOptions: peer.pipelineOptions });
  provider = createAzureProvider({ client: () => http, backoff: { initialMs: 50, maxMs: 400, factor: 1.5 } });
});
afterEach(async () => {
  await peer.close();
});

const sub = () => peer.subscription.subscriptionId;
const config = (accounts: string[]) =>
  AzureSetupConfig.parse({
    tenantId: peer.tenantId,
    subscriptionId: sub(),
    location: 'eastus',
    studio: { team: 'acme' },
    storageAccounts: accounts.map((name) => ({ resourceGroup: 'data', name })),
  });

async function deploy(cfg: AzureSetupConfig): Promise<AzureDeployResult> {
  const plan = await provider.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
  expect(plan.view.blockers).toEqual([]);
  const gen = provider.deploy(plan.deployable!).run(new AbortController().signal);
  for (;;) {
    const next: IteratorResult<ProvisionEvent, unknown> = await gen.next();
    if (next.done) return next.value as AzureDeployResult;
  }
}

/** A deployed setup granting `first`, and the name its grant on `second` will take. */
async function deployedWithSecondAccount() {
  const first = peer.addStorageAccount({
    subscriptionId: sub(),
    resourceGroup: 'data',
    name: 'first',
    location: 'eastus',
  });
  const second = peer.addStorageAccount({
    subscriptionId: sub(),
    resourceGroup: 'data',
    name: 'second',
    location: 'eastus',
  });
  const result = await deploy(config(['first']));
  const sp = [...peer.tenant.servicePrincipals.values()].find(
    (s) => s.appId === result.outputs.datachain_storage_azure_client_id,
  )!;
  const roleGuid = azureNames(peer.tenantId, sub()).roleGuid.storage;
  return { first, second, name: assignmentGuid(second.id, roleGuid, sp.id), spId: sp.id, roleGuid };
}

describe('a role-assignment name already held', () => {
  it('by another principal on the same scope: a conflict row with what to remove; deploys once it is gone', async () => {
    const { second, name, spId, roleGuid } = await deployedWithSecondAccount();
    const other = peer.addUser({ upn: `other@${peer.tenant.defaultDomain}`, password: 'Other-Passw0rd!' });
    const held = peer.assignRole({ principalId: other.id, role: 'Reader', scope: second.id, name });
    // Azure's answer at deploy time: the name cannot be given to our principal.
    const put = await http.request(
      'arm',
      'PUT',
      `${second.id}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      {
        query: { 'api-version': API.authorization },
        body: {
          properties: {
            roleDefinitionId: roleDefinitionId(sub(), roleGuid),
            principalId: spId,
            principalType: 'ServicePrincipal',
          },
        },
        allow: [400, 409],
      },
    );
    expect(put.status).toBe(400);

    const before = peer.writes();
    const plan = await provider.plan({ cloud: 'azure', tenantId: peer.tenantId }, config(['first', 'second']), {});
    const row = plan.view.rows.find((r) => r.kind === 'roleAssignment' && r.scope === second.id)!;
    expect(row.action).toBe('conflict');
    expect(row.reason).toContain(name);
    expect(row.reason).toContain(`another identity (${other.id}) on the same scope`);
    const blocker = plan.view.blockers.find((b) => b.code === 'ASSIGNMENT_NAME_TAKEN')!;
    expect(blocker.hint).toContain(
      `az role assignment delete --ids ${second.id}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    );
    expect(plan.deployable).toBeUndefined();
    expect(peer.writes()).toBe(before);

    await http.request('arm', 'DELETE', `${held.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, {
      query: { 'api-version': API.authorization },
    });
    await deploy(config(['first', 'second']));
    const granted = [...peer.state.roleAssignments.values()].find((a) => a.name === name)!;
    expect(granted.principalId).toBe(spId);
    peer.assertClean();
  });

  it('at another scope: the conflict names that scope', async () => {
    const { second, name } = await deployedWithSecondAccount();
    const rgData = `/subscriptions/${sub()}/resourceGroups/data`;
    peer.assignRole({ principalId: peer.admin.id, role: 'Reader', scope: rgData, name });
    const plan = await provider.plan({ cloud: 'azure', tenantId: peer.tenantId }, config(['first', 'second']), {});
    const row = plan.view.rows.find((r) => r.kind === 'roleAssignment' && r.scope === second.id)!;
    expect(row.action).toBe('conflict');
    expect(row.reason).toContain(`a grant on ${rgData}`);
    expect(plan.view.blockers.map((b) => b.code)).toEqual(['ASSIGNMENT_NAME_TAKEN']);
    // The other grants of the plan are untouched and shown as they are.
    expect(plan.view.rows.filter((r) => r.kind === 'roleAssignment' && r.action === 'none')).toHaveLength(2);
    peer.assertClean();
  });
});
