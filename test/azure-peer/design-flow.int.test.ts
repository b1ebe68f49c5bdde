/**
 * Every call of the Azure design note §3, in order, against the peer with real credentials and the
 * pipeline: discovery, permission pre-checks, deploy, day 2, teardown. Each answer is checked by the
 * peer against its contract schemas (assertClean at the end); the test checks the semantics.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { restClient } from '../support/azure/client';
import { startAzurePeer, type AzurePeer } from '../support/azure/peer';

const ARM = 'https://management.azure.com';
const G = 'https://graph.microsoft.com/v1.0';
const V = {
  res: '2021-04-01',
  sub: '2022-12-01',
  authz: '2022-04-01',
  st: '2023-05-01',
  kv: '2023-07-01',
  aks: '2024-09-01',
};
const KV_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

let peer: AzurePeer;
let call: ReturnType<typeof restClient>;
let sub: string;
let rg: string;
let accountId: string;
let account2Id: string;
let rbacVaultId: string;
let apVaultId: string;

beforeAll(async () => {
  peer = await startAzurePeer({ pageSize: 2, replication: { providerRegistration: 100, resourceGroupDelete: 100 } });
  sub = peer.subscription.subscriptionId;
  rg = `/subscriptions/${sub}/resourceGroups/datachain`;
  accountId = peer.addStorageAccount({
    subscriptionId: sub,
    resourceGroup: 'data',
    name: 'dcsdata',
    location: 'eastus',
    allowSharedKeyAccess: false,
  }).id;
  account2Id = peer.addStorageAccount({
    subscriptionId: sub,
    resourceGroup: 'data',
    name: 'dcsdata2',
    location: 'eastus',
  }).id;
  peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'other', name: 'unrelated', location: 'westeurope' });
  rbacVaultId = peer.addKeyVault({
    subscriptionId: sub,
    resourceGroup: 'data',
    name: 'dcs-rbac-vault',
    location: 'eastus',
    rbac: true,
    secrets: ['db-password', 'api-key'],
  }).id;
  apVaultId = peer.addKeyVault({
    subscriptionId: sub,
    resourceGroup: 'data',
    name: 'dcs-ap-vault',
    location: 'eastus',
    rbac: false,
    secrets: ['token'],
  }).id;
  peer.setProviderState(sub, 'Microsoft.ContainerService', 'NotRegistered');
  call = restClient(peer.pipelineOptions, peer.credentialFor(peer.admin.upn));
});
afterAll(() => peer?.close());

async function all(url: string): Promise<any[]> {
  const items: any[] = [];
  for (let next: string | undefined = url; next;) {
    const page = await call('GET', next);
    expect(page.status).toBe(200);
    items.push(...page.body.value);
    next = page.body.nextLink;
  }
  return items;
}

async function poll(fn: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('did not settle');
}

const uniqueCompute = () => `datachain-oidc-compute-${sub}`;
const state: {
  appId?: string;
  appObjectId?: string;
  spId?: string;
  computeRole?: string;
  storageRole?: string;
  assignments: string[];
} = { assignments: [] };

test('discovery (§3.1) and permission pre-checks (§3.2)', async () => {
  const tenants = await call('GET', `${ARM}/tenants?api-version=${V.sub}`);
  expect(tenants.body.value.map((t: any) => t.tenantId)).toEqual([peer.tenantId]);
  const subs = await call('GET', `${ARM}/subscriptions?api-version=${V.sub}`);
  expect(subs.body.value[0]).toMatchObject({ subscriptionId: sub, state: 'Enabled', tenantId: peer.tenantId });
  const locations = await call('GET', `${ARM}/subscriptions/${sub}/locations?api-version=${V.sub}`);
  expect(
    locations.body.value.filter((l: any) => l.metadata.regionType === 'Physical').map((l: any) => l.name),
  ).toContain('eastus');
  const me = await call('GET', `${G}/me?$select=id,userPrincipalName,displayName`);
  expect(me.body).toMatchObject({ id: peer.admin.id, userPrincipalName: peer.admin.upn });
  for (const ns of [
    'Microsoft.ContainerService',
    'Microsoft.Compute',
    'Microsoft.Network',
    'Microsoft.ManagedIdentity',
    'Microsoft.Storage',
    'Microsoft.KeyVault',
  ]) {
    const p = await call('GET', `${ARM}/subscriptions/${sub}/providers/${ns}?api-version=${V.res}`);
    expect(p.body.registrationState).toBe(ns === 'Microsoft.ContainerService' ? 'NotRegistered' : 'Registered');
  }
  const group = await call('GET', `${ARM}${rg}?api-version=${V.res}`);
  expect([group.status, group.body.error.code]).toEqual([404, 'ResourceGroupNotFound']);
  const app = await call('GET', `${G}/applications(uniqueName='${uniqueCompute()}')`);
  expect([app.status, app.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  const byName = await call(
    'GET',
    `${G}/applications?$filter=${encodeURIComponent("displayName eq 'datachain-oidc-compute'")}&$select=id,appId,uniqueName,api`,
  );
  expect(byName.body.value).toEqual([]);
  const bin = await call(
    'GET',
    `${G}/directory/deletedItems/microsoft.graph.application?$filter=${encodeURIComponent(`uniqueName eq '${uniqueCompute()}'`)}`,
  );
  expect(bin.body.value).toEqual([]);
  const custom = await call(
    'GET',
    `${ARM}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("type eq 'CustomRole'")}&api-version=${V.authz}`,
  );
  expect(custom.body.value).toEqual([]);
  const named = await call(
    'GET',
    `${ARM}/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Key Vault Secrets User'")}&api-version=${V.authz}`,
  );
  expect(named.body.value.map((d: any) => d.name)).toEqual([KV_SECRETS_USER]);
  const accounts = await all(
    `${ARM}/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts?api-version=${V.st}`,
  );
  expect(accounts.map((a) => a.name).sort()).toEqual(['dcsdata', 'dcsdata2', 'unrelated']);
  expect(accounts.find((a) => a.name === 'dcsdata').properties.allowSharedKeyAccess).toBe(false);
  const vaults = await all(`${ARM}/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults?api-version=${V.kv}`);
  expect(vaults.map((v) => [v.name, v.properties.enableRbacAuthorization, v.properties.vaultUri]).sort()).toEqual([
    ['dcs-ap-vault', false, 'https://dcs-ap-vault.vault.azure.net/'],
    ['dcs-rbac-vault', true, 'https://dcs-rbac-vault.vault.azure.net/'],
  ]);
  const secrets = await all(`${ARM}${rbacVaultId}/secrets?api-version=${V.kv}`);
  expect(secrets.map((s) => s.name).sort()).toEqual(['api-key', 'db-password']);
  expect(JSON.stringify(secrets)).not.toContain('"value"');

  const perms = await call(
    'GET',
    `${ARM}/subscriptions/${sub}/resourcegroups/data/providers/Microsoft.Authorization/permissions?api-version=${V.authz}`,
  );
  expect(perms.body.value).toEqual([{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }]);
  const onAccount = await call(
    'GET',
    `${ARM}/subscriptions/${sub}/resourcegroups/data/providers/Microsoft.Storage//storageAccounts/dcsdata/providers/Microsoft.Authorization/permissions?api-version=${V.authz}`,
  );
  expect(onAccount.body.value[0].actions).toEqual(['*']);
  const mine = await call(
    'GET',
    `${ARM}/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?$filter=${encodeURIComponent(`assignedTo('${peer.admin.id}')`)}&api-version=${V.authz}`,
  );
  expect(mine.body.value.map((a: any) => a.properties.roleDefinitionId.split('/').pop())).toEqual([
    '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  ]);
  const policy = await call('GET', `${G}/policies/authorizationPolicy`);
  expect(policy.body.defaultUserRolePermissions.allowedToCreateApps).toBe(true);
  const roles = await call(
    'GET',
    `${G}/me/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName`,
  );
  expect(roles.body.value).toEqual([]);
  expect(peer.writes()).toBe(0);
  peer.assertClean();
});

test('node-pool checks: VM sizes offered in a location and regional vCPU quotas (Microsoft.Compute)', async () => {
  peer.restrictVmSize('eastus', 'Standard_E4s_v5');
  peer.setQuota({ location: 'eastus', usage: 'standardDSv5Family', limit: 10, current: 8 });
  const skus = await all(
    `${ARM}/subscriptions/${sub}/providers/Microsoft.Compute/skus?api-version=2021-07-01&$filter=${encodeURIComponent("location eq 'eastus'")}`,
  );
  const d4 = skus.find((s) => s.name === 'Standard_D4s_v5');
  expect(d4.capabilities).toContainEqual({ name: 'vCPUs', value: '4' });
  expect(d4.capabilities).toContainEqual({ name: 'LowPriorityCapable', value: 'True' });
  expect(skus.find((s) => s.name === 'Standard_E4s_v5').restrictions[0]).toMatchObject({
    type: 'Location',
    reasonCode: 'NotAvailableForSubscription',
  });
  const usages = await all(
    `${ARM}/subscriptions/${sub}/providers/Microsoft.Compute/locations/eastus/usages?api-version=2024-07-01`,
  );
  expect(usages.find((u) => u.name.value === 'standardDSv5Family')).toMatchObject({ currentValue: 8, limit: 10 });
  expect(usages.find((u) => u.name.value === 'standardNCASv3_T4Family').limit).toBe(0);
  peer.assertClean();
});

test('deploy in order (§3.3), then every write again changes nothing', async () => {
  const register = await call(
    'POST',
    `${ARM}/subscriptions/${sub}/providers/Microsoft.ContainerService/register?api-version=${V.res}`,
  );
  expect(register.body.registrationState).toBe('Registering');
  await poll(
    async () =>
      (await call('GET', `${ARM}/subscriptions/${sub}/providers/Microsoft.ContainerService?api-version=${V.res}`)).body
        .registrationState === 'Registered',
  );

  const tags = { 'datachain-managed-by': 'dcs-wizard', 'datachain-setup-id': randomUUID() };
  expect((await call('PUT', `${ARM}${rg}?api-version=${V.res}`, { location: 'eastus', tags })).status).toBe(201);
  const moved = await call('PUT', `${ARM}${rg}?api-version=${V.res}`, { location: 'westeurope', tags });
  expect([moved.status, moved.body.error.code]).toEqual([409, 'InvalidResourceGroupLocation']);

  const appBody = {
    displayName: 'datachain-oidc-compute',
    signInAudience: 'AzureADMyOrg',
    api: { requestedAccessTokenVersion: 2 },
    tags: ['datachain-managed-by:dcs-wizard'],
    notes: `Created by DataChain cluster setup for subscription ${sub}`,
  };
  const created = await call('PATCH', `${G}/applications(uniqueName='${uniqueCompute()}')`, appBody, {
    prefer: 'create-if-missing',
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ uniqueName: uniqueCompute(), api: { requestedAccessTokenVersion: 2 } });
  state.appId = created.body.appId;
  state.appObjectId = created.body.id;
  expect(
    (
      await call('PATCH', `${G}/applications(uniqueName='${uniqueCompute()}')`, appBody, {
        prefer: 'create-if-missing',
      })
    ).status,
  ).toBe(204);

  const fic = {
    issuer: 'https://studio.datachain.ai/api',
    subject: 'credentials:team/datachain-compute',
    audiences: ['api://AzureADTokenExchange'],
    description: 'DataChain Studio',
  };
  expect(
    (
      await call(
        'PATCH',
        `${G}/applications(appId='${state.appId}')/federatedIdentityCredentials(name='datachain-oidc-compute')`,
        fic,
      )
    ).status,
  ).toBe(201);

  const sp = await call(
    'PATCH',
    `${G}/servicePrincipals(appId='${state.appId}')`,
    { appId: state.appId },
    { prefer: 'create-if-missing' },
  );
  expect(sp.status).toBe(201);
  state.spId = sp.body.id;
  expect((await call('GET', `${G}/servicePrincipals/${state.spId}/owners?$select=id`)).body.value).toEqual([]);
  expect(
    (
      await call('POST', `${G}/servicePrincipals/${state.spId}/owners/$ref`, {
        '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${peer.admin.id}`,
      })
    ).status,
  ).toBe(204);
  expect(
    (await call('GET', `${G}/servicePrincipals/${state.spId}/owners?$select=id`)).body.value.map((o: any) => o.id),
  ).toEqual([peer.admin.id]);

  state.computeRole = randomUUID();
  const computeRole = await call(
    'PUT',
    `${ARM}${rg}/providers/Microsoft.Authorization/roleDefinitions/${state.computeRole}?api-version=${V.authz}`,
    {
      properties: {
        roleName: `datachain-oidc-compute-${sub.slice(0, 8)}`,
        description: 'DataChain Studio compute (managed by DataChain cluster setup)',
        type: 'CustomRole',
        permissions: [
          {
            actions: ['Microsoft.ContainerService/managedClusters/*', 'Microsoft.Network/virtualNetworks/read'],
            notActions: [],
            dataActions: [],
            notDataActions: [],
          },
        ],
        assignableScopes: [rg],
      },
    },
  );
  expect(computeRole.status).toBe(201);
  state.storageRole = randomUUID();
  const storageRole = await call(
    'PUT',
    `${ARM}/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${state.storageRole}?api-version=${V.authz}`,
    {
      properties: {
        roleName: `datachain-oidc-storage-${sub.slice(0, 8)}`,
        type: 'CustomRole',
        permissions: [{ actions: ['Microsoft.Storage/storageAccounts/read'] }],
        assignableScopes: [accountId],
      },
    },
  );
  expect(storageRole.status).toBe(201);

  const assign = (scope: string, role: string) => {
    const name = randomUUID();
    state.assignments.push(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`);
    return call(
      'PUT',
      `${ARM}${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${V.authz}`,
      {
        properties: {
          roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
          principalId: state.spId,
          principalType: 'ServicePrincipal',
          description: 'DataChain Studio (managed by DataChain cluster setup)',
        },
      },
    );
  };
  expect((await assign(rg, state.computeRole)).status).toBe(201);
  expect((await assign(accountId, state.storageRole)).status).toBe(201);
  expect((await assign(rbacVaultId, KV_SECRETS_USER)).status).toBe(201);
  const notAssignable = await assign(account2Id, state.storageRole);
  expect([notAssignable.status, notAssignable.body.error.code]).toEqual([400, 'RoleDefinitionDoesNotExist']);
  state.assignments.pop();

  const policy = await call('PUT', `${ARM}${apVaultId}/accessPolicies/add?api-version=${V.kv}`, {
    properties: {
      accessPolicies: [{ tenantId: peer.tenantId, objectId: state.spId, permissions: { secrets: ['get', 'list'] } }],
    },
  });
  expect(policy.status).toBe(200);
  const vault = await call('GET', `${ARM}${apVaultId}?api-version=${V.kv}`);
  expect(vault.body.properties.accessPolicies).toEqual([
    { tenantId: peer.tenantId, objectId: state.spId, permissions: { secrets: ['get', 'list'] } },
  ]);
  peer.assertClean();
});

test('day 2 (§3.5–3.7): grant and revoke a storage account; revoke an access-policy vault', async () => {
  const roleUrl = `${ARM}/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${state.storageRole}?api-version=${V.authz}`;
  const role = (await call('GET', roleUrl)).body;
  role.properties.assignableScopes.push(account2Id);
  expect((await call('PUT', roleUrl, role)).status).toBe(201);
  const name = randomUUID();
  const url = `${ARM}${account2Id}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${V.authz}`;
  const body = {
    properties: {
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${state.storageRole}`,
      principalId: state.spId,
      principalType: 'ServicePrincipal',
    },
  };
  expect((await call('PUT', url, body)).status).toBe(201);
  expect((await call('DELETE', url)).status).toBe(200);
  expect((await call('DELETE', url)).status).toBe(204);
  role.properties.assignableScopes = [accountId];
  expect((await call('PUT', roleUrl, role)).status).toBe(201);

  const removed = await call('PUT', `${ARM}${apVaultId}/accessPolicies/remove?api-version=${V.kv}`, {
    properties: {
      accessPolicies: [{ tenantId: peer.tenantId, objectId: state.spId, permissions: { secrets: ['get', 'list'] } }],
    },
  });
  expect(removed.body.properties.accessPolicies).toEqual([]);
  peer.assertClean();
});

test('teardown (§3.7): clusters checked, assignments before roles, roles, the group (202), the app to the recycle bin', async () => {
  const clusters = await call(
    'GET',
    `${ARM}${rg}/providers/Microsoft.ContainerService/managedClusters?api-version=${V.aks}`,
  );
  expect(clusters.body.value).toEqual([]);
  const inUse = await call(
    'DELETE',
    `${ARM}${rg}/providers/Microsoft.Authorization/roleDefinitions/${state.computeRole}?api-version=${V.authz}`,
  );
  expect([inUse.status, inUse.body.error.code]).toEqual([409, 'RoleDefinitionHasAssignments']);
  for (const id of state.assignments)
    expect((await call('DELETE', `${ARM}${id}?api-version=${V.authz}`)).status).toBe(200);
  expect(
    (
      await call(
        'DELETE',
        `${ARM}${rg}/providers/Microsoft.Authorization/roleDefinitions/${state.computeRole}?api-version=${V.authz}`,
      )
    ).status,
  ).toBe(200);
  expect(
    (
      await call(
        'DELETE',
        `${ARM}/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${state.storageRole}?api-version=${V.authz}`,
      )
    ).status,
  ).toBe(200);

  const del = await call('DELETE', `${ARM}${rg}?api-version=${V.res}`);
  expect(del.status).toBe(202);
  const location = del.headers.location!;
  await poll(async () => (await call('GET', location)).status === 200);
  expect((await call('GET', `${ARM}${rg}?api-version=${V.res}`)).status).toBe(404);

  expect((await call('DELETE', `${G}/applications/${state.appObjectId}`)).status).toBe(204);
  expect((await call('GET', `${G}/servicePrincipals(appId='${state.appId}')`)).status).toBe(404);
  const bin = await call(
    'GET',
    `${G}/directory/deletedItems/microsoft.graph.application?$filter=${encodeURIComponent(`uniqueName eq '${uniqueCompute()}'`)}`,
  );
  expect(bin.body.value.map((a: any) => a.appId)).toEqual([state.appId]);
  expect(peer.state.roleAssignments.size).toBe(1); // only the admin's Owner seed remains
  peer.assertClean();
});
