/**
 * ARM routes for discovery and the resource side of deploy/teardown: tenants, subscriptions,
 * locations, providers (+register), resource groups (+ AKS clusters in a group, delete as a 202
 * operation), storage accounts, key vaults (+ access policies, secret metadata).
 */
import { randomUUID } from 'node:crypto';
import { ARM, API, authorize, groupOf, page, providerState, requireProvider, subscriptionOf } from './arm-common';
import type { PeerEngine } from './engine';
import { armError, ok, type Ctx, type Route } from './http';
import { hasAnyAccess } from './rbac';
import {
  LOCATIONS,
  groupScope,
  norm,
  within,
  type AccessPolicy,
  type KeyVault,
  type ResourceGroup,
  type StorageAccount,
  type Subscription,
} from './state';

type R = Route<PeerEngine>;
const arm = (r: Omit<R, 'host' | 'auth'>): R => ({ host: 'management.azure.com', auth: 'arm', ...r });

function tenants(ctx: Ctx<PeerEngine>) {
  const caller = ctx.caller!;
  const home = ctx.peer.tenant(caller.tid);
  const upn = caller.upn ?? home.users.get(caller.oid)?.upn;
  const reachable = [...ctx.peer.state.tenants.values()].filter(
    (t) =>
      t.tenantId === caller.tid ||
      (upn && [...t.users.values()].some((u) => u.upn.toLowerCase() === upn.toLowerCase())),
  );
  return ok({
    value: reachable.map((t) => ({
      id: `/tenants/${t.tenantId}`,
      tenantId: t.tenantId,
      tenantCategory: 'Home',
      displayName: t.displayName,
      domains: [t.defaultDomain],
      defaultDomain: t.defaultDomain,
      tenantType: 'AAD',
    })),
  });
}

const subscriptionBody = (s: Subscription) => ({
  id: `/subscriptions/${s.subscriptionId}`,
  subscriptionId: s.subscriptionId,
  displayName: s.displayName,
  tenantId: s.tenantId,
  state: s.state,
  subscriptionPolicies: {
    locationPlacementId: 'Public_2014-09-01',
    quotaId: 'PayAsYouGo_2014-09-01',
    spendingLimit: 'Off',
  },
  authorizationSource: 'RoleBased',
  managedByTenants: [],
});

function subscriptions(ctx: Ctx<PeerEngine>) {
  const caller = ctx.caller!;
  const visible = [...ctx.peer.state.subscriptions.values()].filter(
    (s) => s.tenantId === caller.tid && hasAnyAccess(ctx.peer.state, caller.oid, `/subscriptions/${s.subscriptionId}`),
  );
  return ok({ value: visible.map(subscriptionBody) });
}

function locations(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  authorize(ctx, 'Microsoft.Resources/subscriptions/read', `/subscriptions/${sub.subscriptionId}`);
  return ok({
    value: LOCATIONS.map((l) => ({
      id: `/subscriptions/${sub.subscriptionId}/locations/${l.name}`,
      name: l.name,
      type: 'Region',
      displayName: l.displayName,
      regionalDisplayName: l.regionType === 'Physical' ? `(${l.geography}) ${l.displayName}` : l.displayName,
      metadata: {
        regionType: l.regionType,
        regionCategory: l.regionType === 'Physical' ? 'Recommended' : 'Other',
        geography: l.geography,
        geographyGroup: l.geography,
      },
    })),
  });
}

function providerBody(ctx: Ctx<PeerEngine>, sub: Subscription, namespace: string) {
  const known = sub.providers.get(namespace.toLowerCase());
  const name = known ? (ctx.peer.knownNamespace(namespace) ?? namespace) : namespace;
  return {
    id: `/subscriptions/${sub.subscriptionId}/providers/${name}`,
    namespace: name,
    registrationState: providerState(ctx.peer, sub, namespace),
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: [],
  };
}

function getProvider(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  authorize(ctx, 'Microsoft.Resources/subscriptions/providers/read', `/subscriptions/${sub.subscriptionId}`);
  if (!ctx.peer.knownNamespace(ctx.params.ns!)) {
    throw armError(404, 'InvalidResourceNamespace', `The resource namespace '${ctx.params.ns}' is invalid.`);
  }
  return ok(providerBody(ctx, sub, ctx.params.ns!));
}

function registerProvider(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const ns = ctx.peer.knownNamespace(ctx.params.ns!);
  if (!ns) throw armError(404, 'InvalidResourceNamespace', `The resource namespace '${ctx.params.ns}' is invalid.`);
  authorize(ctx, `${ns}/register/action`, `/subscriptions/${sub.subscriptionId}`);
  const record = sub.providers.get(ns.toLowerCase()) ?? { state: 'NotRegistered' as const };
  if (record.state !== 'Registered' && record.state !== 'Registering') {
    record.state = 'Registering';
    record.registeringSince = Date.now();
  }
  sub.providers.set(ns.toLowerCase(), record);
  const body = providerBody(ctx, sub, ns);
  return ok(body);
}

export const groupBody = (sub: Subscription, rg: ResourceGroup) => ({
  id: groupScope(sub.subscriptionId, rg.name),
  name: rg.name,
  type: 'Microsoft.Resources/resourceGroups',
  location: rg.location,
  ...(Object.keys(rg.tags).length ? { tags: rg.tags } : {}),
  properties: { provisioningState: rg.deletingSince === undefined ? 'Succeeded' : 'Deleting' },
});

function settleDeletes(peer: PeerEngine, sub: Subscription): void {
  for (const [key, rg] of sub.resourceGroups) {
    if (rg.deletingSince !== undefined && Date.now() - rg.deletingSince >= peer.replication.resourceGroupDelete) {
      sub.resourceGroups.delete(key);
      peer.completedOperations.add(rg.operationId!);
    }
  }
}

function getGroup(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  settleDeletes(ctx.peer, sub);
  const scope = groupScope(sub.subscriptionId, ctx.params.rg!);
  authorize(ctx, 'Microsoft.Resources/subscriptions/resourceGroups/read', scope);
  return ok(groupBody(sub, groupOf(ctx, sub)));
}

const RG_NAME = /^[-\w._()]{1,90}$/u;

/**
 * ARM's tag limits on a resource group (learn.microsoft.com tag-resources): at most 50 tags, names
 * up to 512 characters without < > % & \ ? /, values up to 256 characters. (Error codes: the peer's
 * best knowledge of ARM's.)
 */
function checkTags(tags: Record<string, string>): void {
  const names = Object.keys(tags);
  if (names.length > 50)
    throw armError(
      400,
      'InvalidTagCount',
      `The number of tags '${names.length}' exceeds the maximum of 50 tags per resource.`,
    );
  for (const [name, value] of Object.entries(tags)) {
    if (/[<>%&\\?/]/.test(name))
      throw armError(
        400,
        'InvalidTagNameCharacters',
        `The tag names '${name}' have reserved characters '<,>,%,&,\\,?,/' or control characters.`,
      );
    if (!name.length || name.length > 512)
      throw armError(
        400,
        'InvalidTagNameLength',
        `The tag name '${name.slice(0, 40)}…' must be 1 to 512 characters long.`,
      );
    if (value.length > 256)
      throw armError(
        400,
        'InvalidTagValueLength',
        `The tag value of '${name}' exceeds the maximum length of 256 characters.`,
      );
  }
}

function putGroup(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  settleDeletes(ctx.peer, sub);
  const name = ctx.params.rg!;
  if (!RG_NAME.test(name) || name.endsWith('.')) {
    throw armError(
      400,
      'InvalidResourceGroup',
      `The provided resource group name '${name}' has these invalid characters: it must be 1-90 letters, digits, '.', '_', '-', '(' or ')' and must not end in a period.`,
    );
  }
  authorize(ctx, 'Microsoft.Resources/subscriptions/resourceGroups/write', groupScope(sub.subscriptionId, name));
  const body = ctx.body as { location: string; tags?: Record<string, string> };
  const location = body.location.toLowerCase().replace(/\s+/g, '');
  if (!LOCATIONS.some((l) => l.name === location && l.regionType === 'Physical')) {
    throw armError(
      400,
      'LocationNotAvailableForResourceGroup',
      `The provided location '${body.location}' is not available for resource group. List of available regions is '${LOCATIONS.filter(
        (l) => l.regionType === 'Physical',
      )
        .map((l) => l.name)
        .join(',')}'.`,
    );
  }
  checkTags(body.tags ?? {});
  const existing = sub.resourceGroups.get(name.toLowerCase());
  if (existing?.deletingSince !== undefined) {
    throw armError(
      409,
      'ResourceGroupBeingDeleted',
      `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`,
    );
  }
  if (existing) {
    if (existing.location !== location) {
      throw armError(
        409,
        'InvalidResourceGroupLocation',
        `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
      );
    }
    existing.tags = { ...(body.tags ?? {}) };
    return ok(groupBody(sub, existing), 200);
  }
  const rg: ResourceGroup = {
    id: groupScope(sub.subscriptionId, name),
    name,
    location,
    tags: { ...(body.tags ?? {}) },
    managedClusters: [],
    otherResources: [],
  };
  sub.resourceGroups.set(name.toLowerCase(), rg);
  return ok(groupBody(sub, rg), 201);
}

function deleteGroup(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  settleDeletes(ctx.peer, sub);
  const scope = groupScope(sub.subscriptionId, ctx.params.rg!);
  authorize(ctx, 'Microsoft.Resources/subscriptions/resourceGroups/delete', scope);
  const rg = sub.resourceGroups.get(ctx.params.rg!.toLowerCase());
  if (!rg) return { status: 204 };
  if (rg.deletingSince === undefined) {
    rg.deletingSince = Date.now();
    rg.operationId = randomUUID().replaceAll('-', '').toUpperCase();
    // Everything inside goes with it: resources and the role assignments at or below the group.
    for (const [id] of sub.storageAccounts) if (within(id, scope)) sub.storageAccounts.delete(id);
    for (const [id] of sub.keyVaults) if (within(id, scope)) sub.keyVaults.delete(id);
    for (const [id, a] of ctx.peer.state.roleAssignments)
      if (within(a.scope, scope)) ctx.peer.state.roleAssignments.delete(id);
  }
  const location = `${ARM}/subscriptions/${sub.subscriptionId}/operationresults/${rg.operationId}?api-version=2021-04-01`;
  return { status: 202, headers: { location, 'retry-after': '1' } };
}

function operationResult(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  settleDeletes(ctx.peer, sub);
  const id = ctx.params.op!;
  if (ctx.peer.completedOperations.has(id)) return { status: 200 };
  const running = [...sub.resourceGroups.values()].some((rg) => rg.operationId === id);
  if (!running) throw armError(404, 'OperationNotFound', `The operation '${id}' could not be found.`);
  const location = `${ARM}/subscriptions/${sub.subscriptionId}/operationresults/${id}?api-version=2021-04-01`;
  return { status: 202, headers: { location, 'retry-after': '1' } };
}

function listGroups(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  settleDeletes(ctx.peer, sub);
  const caller = ctx.caller!;
  const visible = [...sub.resourceGroups.values()].filter((rg) =>
    hasAnyAccess(ctx.peer.state, caller.oid, groupScope(sub.subscriptionId, rg.name)),
  );
  if (!visible.length && !hasAnyAccess(ctx.peer.state, caller.oid, `/subscriptions/${sub.subscriptionId}`)) {
    authorize(ctx, 'Microsoft.Resources/subscriptions/resourceGroups/read', `/subscriptions/${sub.subscriptionId}`);
  }
  return ok(
    page(
      ctx,
      visible.map((rg) => groupBody(sub, rg)),
    ),
  );
}

function managedClusters(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const rg = groupOf(ctx, sub);
  authorize(ctx, 'Microsoft.ContainerService/managedClusters/read', groupScope(sub.subscriptionId, rg.name));
  requireProvider(ctx, sub, 'Microsoft.ContainerService');
  return ok({
    value: rg.managedClusters.map((c) => ({
      id: `${groupScope(sub.subscriptionId, rg.name)}/providers/Microsoft.ContainerService/managedClusters/${c.name}`,
      name: c.name,
      type: 'Microsoft.ContainerService/ManagedClusters',
      location: c.location,
    })),
  });
}

/** Resources_ListByResourceGroup: every tracked resource in the group (not role assignments). */
function groupResources(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const rg = groupOf(ctx, sub);
  const scope = groupScope(sub.subscriptionId, rg.name);
  authorize(ctx, 'Microsoft.Resources/subscriptions/resourceGroups/resources/read', scope);
  const tracked = [
    ...[...sub.storageAccounts.values()]
      .filter((a) => within(a.id, scope))
      .map((a) => ({ id: a.id, name: a.name, type: 'Microsoft.Storage/storageAccounts', location: a.location })),
    ...[...sub.keyVaults.values()]
      .filter((v) => within(v.id, scope))
      .map((v) => ({ id: v.id, name: v.name, type: 'Microsoft.KeyVault/vaults', location: v.location })),
    ...rg.managedClusters.map((c) => ({
      id: `${scope}/providers/Microsoft.ContainerService/managedClusters/${c.name}`,
      name: c.name,
      type: 'Microsoft.ContainerService/managedClusters',
      location: c.location,
    })),
    ...rg.otherResources.map((r) => ({ id: `${scope}/providers/${r.type}/${r.name}`, ...r })),
  ];
  return ok(
    page(
      ctx,
      tracked.sort((a, b) => a.id.localeCompare(b.id)),
    ),
  );
}

export const accountBody = (a: StorageAccount) => ({
  id: a.id,
  name: a.name,
  type: 'Microsoft.Storage/storageAccounts',
  location: a.location,
  tags: {},
  sku: { name: 'Standard_LRS', tier: 'Standard' },
  kind: a.kind,
  properties: {
    provisioningState: 'Succeeded',
    primaryLocation: a.location,
    creationTime: a.createdAt,
    isHnsEnabled: a.isHnsEnabled,
    ...(a.allowSharedKeyAccess === undefined ? {} : { allowSharedKeyAccess: a.allowSharedKeyAccess }),
    allowBlobPublicAccess: false,
    minimumTlsVersion: 'TLS1_2',
    supportsHttpsTrafficOnly: true,
  },
});

function listAccounts(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const oid = ctx.caller!.oid;
  const readable = [...sub.storageAccounts.values()].filter((a) =>
    ctx.peer.can(oid, 'Microsoft.Storage/storageAccounts/read', a.id),
  );
  if (!readable.length)
    authorize(ctx, 'Microsoft.Storage/storageAccounts/read', `/subscriptions/${sub.subscriptionId}`);
  return ok(page(ctx, readable.sort((a, b) => a.id.localeCompare(b.id)).map(accountBody)));
}

function getAccount(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const rg = groupOf(ctx, sub);
  const id = `${groupScope(sub.subscriptionId, rg.name)}/providers/Microsoft.Storage/storageAccounts/${ctx.params.name}`;
  authorize(ctx, 'Microsoft.Storage/storageAccounts/read', id);
  const account = sub.storageAccounts.get(norm(id));
  if (!account)
    throw armError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.Storage/storageAccounts/${ctx.params.name}' under resource group '${rg.name}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  return ok(accountBody(account));
}

export const vaultBody = (v: KeyVault) => ({
  id: v.id,
  name: v.name,
  type: 'Microsoft.KeyVault/vaults',
  location: v.location,
  tags: {},
  properties: {
    tenantId: v.tenantId,
    sku: { family: 'A', name: 'standard' },
    accessPolicies: v.accessPolicies.map((p) => structuredClone(p)),
    vaultUri: v.vaultUri,
    enableRbacAuthorization: v.rbac,
    enableSoftDelete: true,
    softDeleteRetentionInDays: 90,
    provisioningState: 'Succeeded',
    publicNetworkAccess: 'Enabled',
  },
});

function listVaults(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const oid = ctx.caller!.oid;
  const readable = [...sub.keyVaults.values()].filter((v) => ctx.peer.can(oid, 'Microsoft.KeyVault/vaults/read', v.id));
  if (!readable.length) authorize(ctx, 'Microsoft.KeyVault/vaults/read', `/subscriptions/${sub.subscriptionId}`);
  return ok(page(ctx, readable.sort((a, b) => a.id.localeCompare(b.id)).map(vaultBody)));
}

function vaultOf(ctx: Ctx<PeerEngine>, action: string): { sub: Subscription; vault: KeyVault } {
  const sub = subscriptionOf(ctx);
  const rg = groupOf(ctx, sub);
  const id = `${groupScope(sub.subscriptionId, rg.name)}/providers/Microsoft.KeyVault/vaults/${ctx.params.vault}`;
  authorize(ctx, action, id);
  const vault = sub.keyVaults.get(norm(id));
  if (!vault)
    throw armError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.KeyVault/vaults/${ctx.params.vault}' under resource group '${rg.name}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  return { sub, vault };
}

type PermissionKey = keyof AccessPolicy['permissions'];
const KEYS: PermissionKey[] = ['keys', 'secrets', 'certificates', 'storage'];

function updateAccessPolicy(ctx: Ctx<PeerEngine>) {
  const { sub, vault } = vaultOf(ctx, 'Microsoft.KeyVault/vaults/accessPolicies/write');
  requireProvider(ctx, sub, 'Microsoft.KeyVault');
  const kind = ctx.params.kind!;
  if (!['add', 'replace', 'remove'].includes(kind))
    throw armError(
      400,
      'InvalidOperationKind',
      `The access policy operation kind '${kind}' is invalid; use add, replace or remove.`,
    );
  const entries = (ctx.body as { properties: { accessPolicies: AccessPolicy[] } }).properties.accessPolicies;
  for (const entry of entries) {
    if (entry.tenantId !== vault.tenantId)
      throw armError(
        400,
        'BadRequest',
        `The tenant '${entry.tenantId}' of the access policy does not match the vault's tenant '${vault.tenantId}'.`,
      );
    const at = vault.accessPolicies.findIndex(
      (p) => p.objectId === entry.objectId && (p.applicationId ?? '') === (entry.applicationId ?? ''),
    );
    const current = at >= 0 ? vault.accessPolicies[at]! : undefined;
    if (kind === 'replace' || (kind === 'add' && !current)) {
      if (current) vault.accessPolicies[at] = structuredClone(entry);
      else vault.accessPolicies.push(structuredClone(entry));
    } else if (kind === 'add' && current) {
      for (const k of KEYS) {
        const merged = new Set(
          [...(current.permissions[k] ?? []), ...(entry.permissions[k] ?? [])].map((x) => x.toLowerCase()),
        );
        if (merged.size) current.permissions[k] = [...merged];
      }
    } else if (kind === 'remove' && current) {
      for (const k of KEYS) {
        const drop = new Set((entry.permissions[k] ?? []).map((x) => x.toLowerCase()));
        if (current.permissions[k])
          current.permissions[k] = current.permissions[k]!.filter((x) => !drop.has(x.toLowerCase()));
      }
      if (KEYS.every((k) => !current.permissions[k]?.length)) vault.accessPolicies.splice(at, 1);
    }
  }
  return ok(
    {
      id: `${vault.id}/accessPolicies/${kind}`,
      type: 'Microsoft.KeyVault/vaults/accessPolicies',
      properties: { accessPolicies: vault.accessPolicies.map((p) => structuredClone(p)) },
    },
    200,
  );
}

function listSecrets(ctx: Ctx<PeerEngine>) {
  const { vault } = vaultOf(ctx, 'Microsoft.KeyVault/vaults/secrets/read');
  const host = new URL(vault.vaultUri).host;
  return ok(
    page(
      ctx,
      vault.secrets.map((name) => ({
        id: `${vault.id}/secrets/${name}`,
        name,
        type: 'Microsoft.KeyVault/vaults/secrets',
        location: vault.location,
        properties: {
          attributes: { enabled: true, created: 1700000000, updated: 1700000000 },
          secretUri: `https://${host}/secrets/${name}`,
        },
      })),
    ),
  );
}

const sub = '/subscriptions/{sub}';
const rgPath = `${sub}/resourcegroups/{rg}`;
export const armRoutes: R[] = [
  arm({
    name: 'Tenants_List',
    method: 'GET',
    path: '/tenants',
    apiVersions: API.subscriptions,
    responses: { 200: 'TenantListResult' },
    handle: tenants,
  }),
  arm({
    name: 'Subscriptions_List',
    method: 'GET',
    path: '/subscriptions',
    apiVersions: API.subscriptions,
    responses: { 200: 'SubscriptionListResult' },
    handle: subscriptions,
  }),
  arm({
    name: 'Subscriptions_ListLocations',
    method: 'GET',
    path: `${sub}/locations`,
    apiVersions: API.subscriptions,
    responses: { 200: 'LocationListResult' },
    handle: locations,
  }),
  arm({
    name: 'Providers_Register',
    method: 'POST',
    path: `${sub}/providers/{ns}/register`,
    apiVersions: API.resources,
    request: { schema: 'ProviderRegistrationRequest', optional: true },
    responses: { 200: 'Provider' },
    handle: registerProvider,
  }),
  arm({
    name: 'Providers_Get',
    method: 'GET',
    path: `${sub}/providers/{ns}`,
    apiVersions: API.resources,
    responses: { 200: 'Provider' },
    handle: getProvider,
  }),
  arm({
    name: 'ResourceGroups_List',
    method: 'GET',
    path: `${sub}/resourcegroups`,
    apiVersions: API.resources,
    responses: { 200: 'ResourceGroupListResult' },
    handle: listGroups,
  }),
  arm({
    name: 'ResourceGroups_Get',
    method: 'GET',
    path: rgPath,
    apiVersions: API.resources,
    responses: { 200: 'ResourceGroup' },
    handle: getGroup,
  }),
  arm({
    name: 'ResourceGroups_CreateOrUpdate',
    method: 'PUT',
    path: rgPath,
    apiVersions: API.resources,
    request: { schema: 'ResourceGroup' },
    responses: { 200: 'ResourceGroup', 201: 'ResourceGroup' },
    handle: putGroup,
  }),
  arm({
    name: 'ResourceGroups_Delete',
    method: 'DELETE',
    path: rgPath,
    apiVersions: API.resources,
    responses: { 202: null, 204: null },
    handle: deleteGroup,
  }),
  arm({
    name: 'Operation_Result',
    method: 'GET',
    path: `${sub}/operationresults/{op}`,
    apiVersions: API.resources,
    responses: { 200: null, 202: null },
    handle: operationResult,
  }),
  arm({
    name: 'Resources_ListByResourceGroup',
    method: 'GET',
    path: `${rgPath}/resources`,
    apiVersions: API.resources,
    responses: { 200: 'ResourceListResult' },
    handle: groupResources,
  }),
  arm({
    name: 'ManagedClusters_ListByResourceGroup',
    method: 'GET',
    path: `${rgPath}/providers/Microsoft.ContainerService/managedClusters`,
    apiVersions: API.aks,
    responses: { 200: 'ManagedClusterListResult' },
    handle: managedClusters,
  }),
  arm({
    name: 'StorageAccounts_List',
    method: 'GET',
    path: `${sub}/providers/Microsoft.Storage/storageAccounts`,
    apiVersions: API.storage,
    responses: { 200: 'StorageAccountListResult' },
    handle: listAccounts,
  }),
  arm({
    name: 'StorageAccounts_GetProperties',
    method: 'GET',
    path: `${rgPath}/providers/Microsoft.Storage/storageAccounts/{name}`,
    apiVersions: API.storage,
    responses: { 200: 'StorageAccount' },
    handle: getAccount,
  }),
  arm({
    name: 'Vaults_ListBySubscription',
    method: 'GET',
    path: `${sub}/providers/Microsoft.KeyVault/vaults`,
    apiVersions: API.keyVault,
    responses: { 200: 'VaultListResult' },
    handle: listVaults,
  }),
  arm({
    name: 'Vaults_Get',
    method: 'GET',
    path: `${rgPath}/providers/Microsoft.KeyVault/vaults/{vault}`,
    apiVersions: API.keyVault,
    responses: { 200: 'Vault' },
    handle: (ctx) => ok(vaultBody(vaultOf(ctx, 'Microsoft.KeyVault/vaults/read').vault)),
  }),
  arm({
    name: 'Vaults_UpdateAccessPolicy',
    method: 'PUT',
    path: `${rgPath}/providers/Microsoft.KeyVault/vaults/{vault}/accessPolicies/{kind}`,
    apiVersions: API.keyVault,
    request: { schema: 'VaultAccessPolicyParameters' },
    responses: { 200: 'VaultAccessPolicyParameters', 201: 'VaultAccessPolicyParameters' },
    handle: updateAccessPolicy,
  }),
  arm({
    name: 'Secrets_List',
    method: 'GET',
    path: `${rgPath}/providers/Microsoft.KeyVault/vaults/{vault}/secrets`,
    apiVersions: API.keyVault,
    responses: { 200: 'SecretListResult' },
    handle: listSecrets,
  }),
];
