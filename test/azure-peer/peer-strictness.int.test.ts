/**
 * The Azure peer's own strictness: it refuses what Azure refuses, in Azure's error shapes, and it
 * records (and `assertClean` reports) anything it does not model. Real @azure/identity credentials
 * and @azure/core-rest-pipeline requests through the CONNECT proxy.
 */
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { restClient } from '../support/azure/client';
import { startAzurePeer, type AzurePeer } from '../support/azure/peer';

const ARM = 'https://management.azure.com';
const G = 'https://graph.microsoft.com/v1.0';
const AUTHZ = '2022-04-01';

let peer: AzurePeer;
let call: ReturnType<typeof restClient>;
let subId: string;

beforeAll(async () => {
  peer = await startAzurePeer();
  subId = peer.subscription.subscriptionId;
  call = restClient(peer.pipelineOptions, peer.credentialFor(peer.admin.upn));
});
afterAll(() => peer?.close());
afterEach(() => peer.clearProblems());

/** Poll (bounded) until `ok`: for states that settle on their own (provider registration). */
const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never settled');
};

function roleBody(roleName: string, scope: string) {
  return {
    properties: {
      roleName,
      description: 'test',
      type: 'CustomRole',
      permissions: [
        { actions: ['Microsoft.Storage/storageAccounts/read'], notActions: [], dataActions: [], notDataActions: [] },
      ],
      assignableScopes: [scope],
    },
  };
}

describe('contract strictness', () => {
  test('an invalid request body answers 500 with the schema path and is recorded', async () => {
    const scope = `/subscriptions/${subId}`;
    const answer = await call(
      'PUT',
      `${ARM}${scope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=${AUTHZ}`,
      {
        properties: {
          roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
        },
      },
    );
    expect(answer.status).toBe(500);
    expect(answer.body.error.message).toContain("must have required property 'principalId'");
    expect(() => peer.assertClean()).toThrow(/invalid-request/);
  });

  test('an unknown member of a Graph body is a violation (requestedAccessTokenVersion must be an integer too)', async () => {
    const bad = await call('POST', `${G}/applications`, {
      displayName: 'x',
      api: { requestedAccessTokenVersion: '2' },
    });
    expect(bad.status).toBe(500);
    expect(bad.body.error.message).toContain('must be integer');
    const unknown = await call('POST', `${G}/applications`, { displayName: 'x', tag: ['a'] });
    expect(unknown.body.error.message).toContain("must NOT have additional properties 'tag'");
    expect(peer.problems.map((p) => p.kind)).toEqual(['invalid-request', 'invalid-request']);
  });

  test('an unknown route answers 501 and assertClean names it', async () => {
    const answer = await call(
      'GET',
      `${ARM}/subscriptions/${subId}/providers/Microsoft.Compute/virtualMachines?api-version=2024-03-01`,
    );
    expect(answer.status).toBe(501);
    expect(() => peer.assertClean()).toThrow(
      /unknown-route: GET management\.azure\.com\/subscriptions\/.*virtualMachines/,
    );
    peer.clearProblems();
    const filter = await call(
      'GET',
      `${G}/applications?$filter=${encodeURIComponent("startsWith(displayName,'datachain')")}`,
    );
    expect(filter.status).toBe(501);
    expect(peer.problems.map((p) => p.kind)).toEqual(['unknown-route']);
  });

  test('an api-version the operation does not have is refused and recorded', async () => {
    const answer = await call('GET', `${ARM}/subscriptions/${subId}/resourcegroups/datachain?api-version=2019-01-01`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('InvalidApiVersionParameter');
    expect(peer.problems[0]?.kind).toBe('unknown-api-version');
  });

  test('a Graph token is refused by ARM (audience)', async () => {
    const graphOnly = restClient(peer.pipelineOptions, {
      getToken: (_scopes, options) =>
        peer.credentialFor(peer.admin.upn).getToken('https://graph.microsoft.com/.default', options),
    });
    const answer = await graphOnly('GET', `${ARM}/subscriptions?api-version=2022-12-01`);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('InvalidAuthenticationTokenAudience');
  });

  test('the proxy tunnels only the three Azure hosts', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const port = Number(new URL(peer.proxyUrl).port);
      const req = httpRequest({ host: '127.0.0.1', port, method: 'CONNECT', path: 'example.com:443' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(peer.refused).toEqual(['example.com:443']);
    expect(() => peer.assertClean()).toThrow(/proxy-refused: example\.com:443/);
  });
});

describe('Azure rules', () => {
  test('custom role names are unique in the tenant, across subscriptions', async () => {
    const other = peer.addSubscription({ displayName: 'Second' });
    peer.assignRole({ principalId: peer.admin.id, role: 'Owner', scope: `/subscriptions/${other.subscriptionId}` });
    const first = await call(
      'PUT',
      `${ARM}/subscriptions/${subId}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}?api-version=${AUTHZ}`,
      roleBody('dup-role', `/subscriptions/${subId}`),
    );
    expect(first.status).toBe(201);
    const second = await call(
      'PUT',
      `${ARM}/subscriptions/${other.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}?api-version=${AUTHZ}`,
      roleBody('dup-role', `/subscriptions/${other.subscriptionId}`),
    );
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('RoleDefinitionWithSameNameExists');
    peer.assertClean();
  });

  test('one assignment per principal+role+scope; principal and scope are immutable', async () => {
    const sp = peer.addServicePrincipalLogin({ displayName: 'assignee' });
    const scope = `/subscriptions/${subId}`;
    const body = (principalId: string) => ({
      properties: {
        roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
        principalId,
        principalType: 'ServicePrincipal',
      },
    });
    const name = randomUUID();
    const url = (n: string) =>
      `${ARM}${scope}/providers/Microsoft.Authorization/roleAssignments/${n}?api-version=${AUTHZ}`;
    expect((await call('PUT', url(name), body(sp.objectId))).status).toBe(201);
    const again = await call('PUT', url(randomUUID()), body(sp.objectId));
    expect([again.status, again.body.error.code]).toEqual([409, 'RoleAssignmentExists']);
    const other = peer.addServicePrincipalLogin({ displayName: 'other' });
    const moved = await call('PUT', url(name), body(other.objectId));
    expect([moved.status, moved.body.error.code]).toEqual([400, 'RoleAssignmentUpdateNotPermitted']);
    const listed = await call(
      'GET',
      `${ARM}${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=${AUTHZ}&$filter=${encodeURIComponent(`principalId eq '${sp.objectId}'`)}`,
    );
    expect(listed.body.value.map((a: { name: string }) => a.name)).toEqual([name]);
    peer.assertClean();
  });

  test('replication windows: each answers its error until the window passes (the windows are released here)', async () => {
    const r = peer.replication;
    Object.assign(r, {
      servicePrincipalAfterApp: 60_000,
      principalAfterServicePrincipal: 60_000,
      principalTypeSkipsLookup: false,
      roleDefinitionAfterPut: 60_000,
      graphReadAfterWrite: 60_000,
    });
    try {
      const unique = `peer-test-${randomUUID()}`;
      const app = await call(
        'PATCH',
        `${G}/applications(uniqueName='${unique}')`,
        { displayName: 'replicated' },
        { prefer: 'create-if-missing' },
      );
      expect(app.status).toBe(201);
      const byId = await call('GET', `${G}/applications/${app.body.id}`);
      expect([byId.status, byId.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
      expect((await call('GET', `${G}/applications(uniqueName='${unique}')`)).status).toBe(200);
      const fic = () =>
        call('PATCH', `${G}/applications/${app.body.id}/federatedIdentityCredentials(name='f')`, {
          issuer: 'https://i.example',
          subject: 's',
          audiences: ['api://AzureADTokenExchange'],
        });
      expect((await fic()).status).toBe(404);
      r.graphReadAfterWrite = 0;
      expect((await fic()).status).toBe(201);

      const early = await call('POST', `${G}/servicePrincipals`, { appId: app.body.appId });
      expect([early.status, early.body.error.code]).toEqual([400, 'NoBackingApplicationObject']);
      r.servicePrincipalAfterApp = 0;
      const sp = await call('POST', `${G}/servicePrincipals`, { appId: app.body.appId });
      expect(sp.status).toBe(201);

      const scope = `/subscriptions/${subId}`;
      const roleGuid = randomUUID();
      const role = await call(
        'PUT',
        `${ARM}${scope}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}?api-version=${AUTHZ}`,
        roleBody(`replicated-${roleGuid}`, scope),
      );
      expect(role.status).toBe(201);
      const assign = (roleId: string, principalType?: string) =>
        call(
          'PUT',
          `${ARM}${scope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=${AUTHZ}`,
          {
            properties: {
              roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
              principalId: sp.body.id,
              ...(principalType ? { principalType } : {}),
            },
          },
        );
      const reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
      const notYet = await assign(reader, 'ServicePrincipal');
      expect([notYet.status, notYet.body.error.code]).toEqual([400, 'PrincipalNotFound']);
      r.principalTypeSkipsLookup = true;
      expect((await assign(reader)).body.error.code).toBe('PrincipalNotFound');
      expect((await assign(reader, 'ServicePrincipal')).status).toBe(201);
      r.principalAfterServicePrincipal = 0;
      const roleNotYet = await assign(roleGuid, 'ServicePrincipal');
      expect([roleNotYet.status, roleNotYet.body.error.code]).toEqual([400, 'RoleDefinitionDoesNotExist']);
      r.roleDefinitionAfterPut = 0;
      expect((await assign(roleGuid, 'ServicePrincipal')).status).toBe(201);
      peer.assertClean();
    } finally {
      Object.assign(r, {
        servicePrincipalAfterApp: 0,
        principalAfterServicePrincipal: 0,
        principalTypeSkipsLookup: true,
        roleDefinitionAfterPut: 0,
        graphReadAfterWrite: 0,
      });
    }
  });

  test('429 with Retry-After; the pipeline retry honours it', async () => {
    peer.throttleNext(1, 1);
    const raw = await call('GET', `${ARM}/subscriptions?api-version=2022-12-01`);
    expect(raw.status).toBe(429);
    expect(raw.headers['retry-after']).toBe('1');
    peer.throttleNext(1, 1);
    peer.clearLog();
    const retrying = restClient(peer.pipelineOptions, peer.credentialFor(peer.admin.upn), { retries: 3 });
    const answer = await retrying('GET', `${ARM}/subscriptions?api-version=2022-12-01`);
    expect(answer.status).toBe(200);
    expect(peer.requests.filter((r) => r.host === 'management.azure.com').map((r) => r.status)).toEqual([429, 200]);
    peer.throttleNext(1, 1, { api: 'graph', writesOnly: true });
    expect((await call('GET', `${ARM}/subscriptions?api-version=2022-12-01`)).status).toBe(200);
    expect((await call('GET', `${G}/me`)).status).toBe(200);
    const write = await call('POST', `${G}/applications`, { displayName: 'throttled' });
    expect([write.status, write.body.error.code]).toEqual([429, 'TooManyRequests']);
  });

  test('403 AuthorizationFailed for a Reader; Authorization_RequestDenied when apps may not be registered', async () => {
    const reader = peer.addUser({
      upn: `reader-${randomUUID().slice(0, 8)}@${peer.tenant.defaultDomain}`,
      password: 'Reader-Passw0rd!',
    });
    peer.assignRole({ principalId: reader.id, role: 'Reader', scope: `/subscriptions/${subId}` });
    const asReader = restClient(peer.pipelineOptions, peer.credentialFor(reader.upn));
    const put = await asReader('PUT', `${ARM}/subscriptions/${subId}/resourcegroups/denied?api-version=2021-04-01`, {
      location: 'eastus',
    });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('AuthorizationFailed');
    expect(put.body.error.message).toContain("'Microsoft.Resources/subscriptions/resourceGroups/write'");
    expect(peer.state.subscriptions.get(subId)!.resourceGroups.has('denied')).toBe(false);
    peer.setCanRegisterApps(false);
    try {
      const app = await asReader(
        'PATCH',
        `${G}/applications(uniqueName='denied-${randomUUID()}')`,
        { displayName: 'x' },
        { prefer: 'create-if-missing' },
      );
      expect([app.status, app.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    } finally {
      peer.setCanRegisterApps(true);
    }
    peer.assertClean();
  });

  test('a uniqueName held by a soft-deleted app is taken; restore brings back the same appId', async () => {
    const unique = `held-${randomUUID()}`;
    const deleted = peer.softDeleteApp({
      displayName: 'datachain-oidc-compute',
      uniqueName: unique,
      ownerId: peer.admin.id,
    });
    const upsert = await call(
      'PATCH',
      `${G}/applications(uniqueName='${unique}')`,
      { displayName: 'datachain-oidc-compute' },
      { prefer: 'create-if-missing' },
    );
    expect([upsert.status, upsert.body.error.code, upsert.body.error.message]).toEqual([
      400,
      'Request_BadRequest',
      'Another object with the same value for property uniqueName already exists.',
    ]);
    const bin = await call(
      'GET',
      `${G}/directory/deletedItems/microsoft.graph.application?$filter=${encodeURIComponent(`uniqueName eq '${unique}'`)}`,
    );
    expect(bin.body.value.map((a: { id: string }) => a.id)).toEqual([deleted.id]);
    const restored = await call('POST', `${G}/directory/deletedItems/${deleted.id}/restore`);
    expect(restored.status).toBe(200);
    const byKey = await call('GET', `${G}/applications(uniqueName='${unique}')`);
    expect(byKey.body.appId).toBe(deleted.appId);
    const rename = await call('PATCH', `${G}/applications/${deleted.id}`, { uniqueName: 'something-else' });
    expect([rename.status, rename.body.error.code]).toEqual([400, 'Request_BadRequest']);
    peer.assertClean();
  });

  test('federated credentials: issuer+subject unique per app, at most 20', async () => {
    const app = await call(
      'PATCH',
      `${G}/applications(uniqueName='fic-${randomUUID()}')`,
      { displayName: 'fic-app' },
      { prefer: 'create-if-missing' },
    );
    const fic = (name: string, subject: string) =>
      call('PATCH', `${G}/applications(appId='${app.body.appId}')/federatedIdentityCredentials(name='${name}')`, {
        issuer: 'https://studio.datachain.ai/api',
        subject,
        audiences: ['api://AzureADTokenExchange'],
      });
    expect((await fic('one', 'sub-0')).status).toBe(201);
    expect((await fic('one', 'sub-0')).status).toBe(204);
    const clash = await fic('two', 'sub-0');
    expect([clash.status, clash.body.error.code]).toEqual([400, 'Request_BadRequest']);
    for (let i = 1; i < 20; i++) expect((await fic(`n${i}`, `sub-${i}`)).status).toBe(201);
    const full = await fic('n20', 'sub-20');
    expect(full.body.error.message).toBe('Maximum of 20 objects can be added to an application.');
    peer.assertClean();
  });

  test('MissingSubscriptionRegistration until the provider is registered (Registering → Registered)', async () => {
    peer.setProviderState(subId, 'Microsoft.ContainerService', 'NotRegistered');
    peer.addResourceGroup({ subscriptionId: subId, name: 'aks-group', location: 'eastus' });
    const list = () =>
      call(
        'GET',
        `${ARM}/subscriptions/${subId}/resourceGroups/aks-group/providers/Microsoft.ContainerService/managedClusters?api-version=2024-09-01`,
      );
    const before = await list();
    expect([before.status, before.body.error.code]).toEqual([409, 'MissingSubscriptionRegistration']);
    const reg = await call(
      'POST',
      `${ARM}/subscriptions/${subId}/providers/Microsoft.ContainerService/register?api-version=2021-04-01`,
    );
    expect(reg.body.registrationState).toBe('Registering');
    await until(
      () => call('GET', `${ARM}/subscriptions/${subId}/providers/Microsoft.ContainerService?api-version=2021-04-01`),
      (a) => a.body.registrationState === 'Registered',
    );
    expect((await list()).body.value).toEqual([]);
    peer.assertClean();
  });

  test('storage accounts are paged with nextLink', async () => {
    for (let i = 0; i < 120; i++)
      peer.addStorageAccount({
        subscriptionId: subId,
        resourceGroup: `data-${i % 3}`,
        name: `acct${String(i).padStart(3, '0')}`,
        location: 'eastus',
        allowSharedKeyAccess: i % 2 === 0,
      });
    const names: string[] = [];
    let url: string | undefined =
      `${ARM}/subscriptions/${subId}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01`;
    let pages = 0;
    while (url) {
      const answer = await call('GET', url);
      names.push(...answer.body.value.map((a: { name: string }) => a.name));
      url = answer.body.nextLink;
      pages++;
    }
    expect(new Set(names).size).toBe(120);
    expect(pages).toBeGreaterThan(1);
    peer.assertClean();
  });
});

describe('seeded worlds', () => {
  test('resource group tags within ARM limits (50 tags, values up to 256 characters, no reserved characters)', async () => {
    const url = `${ARM}/subscriptions/${subId}/resourcegroups/tagged?api-version=2021-04-01`;
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v']));
    expect((await call('PUT', url, { location: 'eastus', tags: many })).body.error.code).toBe('InvalidTagCount');
    expect((await call('PUT', url, { location: 'eastus', tags: { long: 'x'.repeat(257) } })).body.error.code).toBe(
      'InvalidTagValueLength',
    );
    expect((await call('PUT', url, { location: 'eastus', tags: { 'a/b': 'v' } })).body.error.code).toBe(
      'InvalidTagNameCharacters',
    );
    expect(peer.state.subscriptions.get(subId)!.resourceGroups.has('tagged')).toBe(false);
    expect((await call('PUT', url, { location: 'eastus', tags: { ok: 'x'.repeat(256) } })).status).toBe(201);
    peer.assertClean();
  });

  test('an Application Developer may register apps even when users may not', async () => {
    const dev = peer.addUser({
      upn: `dev-${randomUUID().slice(0, 8)}@${peer.tenant.defaultDomain}`,
      password: 'Dev-Passw0rd!',
      directoryRoles: ['Application Developer'],
      canRegisterApps: false,
    });
    try {
      const asDev = restClient(peer.pipelineOptions, peer.credentialFor(dev.upn));
      const roles = await asDev(
        'GET',
        `${G}/me/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName`,
      );
      expect(roles.body.value.map((r: { roleTemplateId: string }) => r.roleTemplateId)).toEqual([
        'cf1c38e5-3621-4004-a7cb-879624dced7c',
      ]);
      const policy = await asDev('GET', `${G}/policies/authorizationPolicy`);
      expect(policy.body.defaultUserRolePermissions.allowedToCreateApps).toBe(false);
      const app = await asDev(
        'PATCH',
        `${G}/applications(uniqueName='dev-${randomUUID()}')`,
        { displayName: 'by a developer' },
        { prefer: 'create-if-missing' },
      );
      expect(app.status).toBe(201);
    } finally {
      peer.setCanRegisterApps(true);
    }
    peer.assertClean();
  });

  test('a Terraform footprint: apps without uniqueName found by displayName, their FICs, roles under the TF names', async () => {
    const account = peer.addStorageAccount({
      subscriptionId: subId,
      resourceGroup: 'tf-data',
      name: 'tfdata',
      location: 'eastus',
    });
    const tf = peer.addTerraformFootprint({
      subscriptionId: subId,
      issuer: 'https://studio.datachain.ai/api',
      computeSubject: 'credentials:t/compute',
      storageSubject: 'credentials:t/storage',
      storageAccounts: [account.id],
      ownerId: peer.admin.id,
    });
    const apps = await call(
      'GET',
      `${G}/applications?$filter=${encodeURIComponent("displayName eq 'datachain-oidc-compute'")}&$select=id,appId,uniqueName,api`,
    );
    expect(apps.body.value).toContainEqual({
      id: tf.compute.app.id,
      appId: tf.compute.app.appId,
      uniqueName: null,
      api: { acceptMappedClaims: null, knownClientApplications: [], requestedAccessTokenVersion: 2 },
    });
    const fics = await call('GET', `${G}/applications/${tf.storage.app.id}/federatedIdentityCredentials`);
    expect(fics.body.value.map((f: { subject: string }) => f.subject)).toEqual(['credentials:t/storage']);
    const roles = await call(
      'GET',
      `${ARM}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("type eq 'CustomRole'")}&api-version=${AUTHZ}`,
    );
    expect(roles.body.value.map((r: { properties: { roleName: string } }) => r.properties.roleName)).toEqual(
      expect.arrayContaining(['datachain-oidc-compute', 'datachain-oidc-storage']),
    );
    const setUnique = await call('PATCH', `${G}/applications/${tf.compute.app.id}`, {
      uniqueName: `datachain-oidc-compute-${subId}`,
    });
    expect([setUnique.status, setUnique.body.error.code]).toEqual([400, 'Request_BadRequest']);
    expect(
      (await call('PATCH', `${G}/applications/${tf.compute.app.id}`, { api: { requestedAccessTokenVersion: 2 } }))
        .status,
    ).toBe(204);
    peer.assertClean();
  });
});
