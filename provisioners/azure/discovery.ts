/**
 * Discovery in a tenant and subscription: tenants, enabled subscriptions, the signed-in user,
 * physical locations, resource groups, storage accounts and Key Vaults subscription-wide (one
 * request per page of up to a thousand, so thousands of items stay fast), a vault's secret
 * names (control plane, metadata only), and resource-provider registration. Pages take and give
 * an opaque cursor (ARM's nextLink, which the client only follows to ARM itself).
 */
import type { AzureHttp } from './client';
import type {
  AzureLocationSummary,
  AzureResourceGroup,
  AzureSignedInUser,
  AzureSubscription,
  AzureTenant,
  KeyVaultPage,
  KeyVaultSecretPage,
  KeyVaultSummary,
  ProviderRegistration,
  StorageAccountPage,
  StorageAccountSummary,
} from './discovery.schema';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, REQUIRED_PROVIDERS, resourceGroupOf } from './naming';
import {
  API,
  LocationShape,
  MeShape,
  ProviderShape,
  ResourceGroupShape,
  SecretShape,
  StorageAccountShape,
  SubscriptionShape,
  TenantShape,
  VaultShape,
  type ResourceGroupShape as RgShape,
  type VaultShape as Vault,
} from './shapes';
import type { z } from 'zod';

type Signal = { signal?: AbortSignal };
const sig = (o: Signal) => (o.signal ? { signal: o.signal } : {});

export async function listTenants(http: AzureHttp, o: Signal = {}): Promise<AzureTenant[]> {
  const items = await http.list('arm', '/tenants', TenantShape, {
    query: { 'api-version': API.subscriptions },
    ...sig(o),
  });
  return items.map((t) => ({
    tenantId: t.tenantId,
    ...(t.displayName ? { displayName: t.displayName } : {}),
    ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}),
  }));
}

/** Subscriptions the token's tenant shows; only enabled ones can be chosen. */
export async function listSubscriptions(http: AzureHttp, o: Signal = {}): Promise<AzureSubscription[]> {
  const items = await http.list('arm', '/subscriptions', SubscriptionShape, {
    query: { 'api-version': API.subscriptions },
    ...sig(o),
  });
  return items
    .map((s) => ({
      subscriptionId: s.subscriptionId,
      tenantId: s.tenantId ?? '',
      displayName: s.displayName ?? s.subscriptionId,
      state: s.state ?? 'Unknown',
      enabled: s.state === 'Enabled',
    }))
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.displayName.localeCompare(b.displayName));
}

export async function signedInUser(http: AzureHttp, o: Signal = {}): Promise<AzureSignedInUser> {
  const r = await http.request('graph', 'GET', '/me', {
    query: { $select: 'id,userPrincipalName,displayName' },
    schema: MeShape,
    ...sig(o),
  });
  const me = r.body!;
  return {
    id: me.id,
    ...(me.userPrincipalName ? { userPrincipalName: me.userPrincipalName } : {}),
    ...(me.displayName ? { displayName: me.displayName } : {}),
  };
}

/** Physical locations only (logical ones like `global` or `unitedstates` cannot hold a group). */
export async function listLocations(http: AzureHttp, sub: string, o: Signal = {}): Promise<AzureLocationSummary[]> {
  const items = await http.list('arm', `/subscriptions/${sub}/locations`, LocationShape, {
    query: { 'api-version': API.subscriptions },
    ...sig(o),
  });
  return items
    .filter((l) => l.metadata?.regionType === 'Physical')
    .map((l) => ({
      name: l.name,
      displayName: l.displayName ?? l.name,
      ...(l.regionalDisplayName ? { regionalDisplayName: l.regionalDisplayName } : {}),
      ...(l.metadata?.geographyGroup ? { geographyGroup: l.metadata.geographyGroup } : {}),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function toResourceGroup(rg: RgShape): AzureResourceGroup {
  const tags = rg.tags ?? {};
  return {
    id: rg.id,
    name: rg.name,
    location: rg.location,
    tags,
    madeBy: tags[MANAGED_BY_TAG] === MANAGED_BY_VALUE ? 'ours' : 'foreign',
  };
}

export async function getResourceGroup(
  http: AzureHttp,
  sub: string,
  name: string,
  o: Signal = {},
): Promise<AzureResourceGroup | undefined> {
  const r = await http.request('arm', 'GET', `/subscriptions/${sub}/resourcegroups/${encodeURIComponent(name)}`, {
    query: { 'api-version': API.resources },
    schema: ResourceGroupShape,
    allow: [404],
    ...sig(o),
  });
  return r.status === 404 || !r.body ? undefined : toResourceGroup(r.body);
}

export async function listResourceGroups(http: AzureHttp, sub: string, o: Signal = {}): Promise<AzureResourceGroup[]> {
  const items = await http.list('arm', `/subscriptions/${sub}/resourcegroups`, ResourceGroupShape, {
    query: { 'api-version': API.resources },
    ...sig(o),
  });
  return items.map(toResourceGroup);
}

function toStorageAccount(a: z.infer<typeof StorageAccountShape>): StorageAccountSummary {
  const shared = a.properties?.allowSharedKeyAccess;
  return {
    id: a.id,
    name: a.name,
    resourceGroup: resourceGroupOf(a.id) ?? '',
    location: a.location,
    ...(a.kind ? { kind: a.kind } : {}),
    ...(typeof shared === 'boolean' ? { allowSharedKeyAccess: shared } : {}),
    ...(typeof a.properties?.isHnsEnabled === 'boolean' ? { isHnsEnabled: a.properties.isHnsEnabled } : {}),
    ...(shared === false
      ? {
          warning:
            'Shared key access is off on this account: the storage role reads its keys, so Studio cannot use it until shared keys are allowed.',
        }
      : {}),
  };
}

export async function storageAccountsPage(
  http: AzureHttp,
  sub: string,
  cursor?: string,
  o: Signal = {},
): Promise<StorageAccountPage> {
  const page = await http.page(
    'arm',
    cursor ?? `/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts`,
    StorageAccountShape,
    { ...(cursor ? {} : { query: { 'api-version': API.storage } }), ...sig(o) },
  );
  return { accounts: page.items.map(toStorageAccount), ...(page.nextLink ? { nextCursor: page.nextLink } : {}) };
}

export async function listStorageAccounts(
  http: AzureHttp,
  sub: string,
  o: Signal = {},
): Promise<StorageAccountSummary[]> {
  const items = await http.list(
    'arm',
    `/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts`,
    StorageAccountShape,
    {
      query: { 'api-version': API.storage },
      ...sig(o),
    },
  );
  return items.map(toStorageAccount);
}

export function toKeyVault(v: Vault): KeyVaultSummary {
  const uri = v.properties.vaultUri ?? '';
  let host = '';
  try {
    host = new URL(uri).host.toLowerCase();
  } catch {
    /* a vault without a URI cannot be referenced */
  }
  return {
    id: v.id,
    name: v.name,
    resourceGroup: resourceGroupOf(v.id) ?? '',
    location: v.location ?? '',
    vaultUri: uri,
    vaultHost: host,
    model: v.properties.enableRbacAuthorization === true ? 'rbac' : 'accessPolicy',
    ...(v.properties.tenantId ? { tenantId: v.properties.tenantId } : {}),
  };
}

export async function keyVaultsPage(
  http: AzureHttp,
  sub: string,
  cursor?: string,
  o: Signal = {},
): Promise<KeyVaultPage> {
  const page = await http.page(
    'arm',
    cursor ?? `/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults`,
    VaultShape,
    {
      ...(cursor ? {} : { query: { 'api-version': API.keyVault } }),
      ...sig(o),
    },
  );
  return { vaults: page.items.map(toKeyVault), ...(page.nextLink ? { nextCursor: page.nextLink } : {}) };
}

export async function listKeyVaults(http: AzureHttp, sub: string, o: Signal = {}): Promise<KeyVaultSummary[]> {
  const items = await http.list('arm', `/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults`, VaultShape, {
    query: { 'api-version': API.keyVault },
    ...sig(o),
  });
  return items.map(toKeyVault);
}

/** A vault with its access policies (undefined when absent). */
export async function getKeyVault(http: AzureHttp, vaultId: string, o: Signal = {}): Promise<Vault | undefined> {
  const r = await http.request('arm', 'GET', vaultId, {
    query: { 'api-version': API.keyVault },
    schema: VaultShape,
    allow: [404],
    ...sig(o),
  });
  return r.status === 404 ? undefined : r.body;
}

/** Secret names of a vault (ARM's Secrets_List: metadata only, never values). */
export async function secretNamesPage(
  http: AzureHttp,
  vault: Pick<KeyVaultSummary, 'id' | 'vaultUri'>,
  cursor?: string,
  o: Signal = {},
): Promise<KeyVaultSecretPage> {
  const page = await http.page('arm', cursor ?? `${vault.id}/secrets`, SecretShape, {
    ...(cursor ? {} : { query: { 'api-version': API.keyVault } }),
    ...sig(o),
  });
  const base = vault.vaultUri.replace(/\/+$/, '');
  return {
    secrets: page.items.map((s) => ({
      name: s.name,
      id: `${base}/secrets/${s.name}`,
      ...(s.properties?.contentType ? { contentType: s.properties.contentType } : {}),
      ...(typeof s.properties?.attributes?.enabled === 'boolean' ? { enabled: s.properties.attributes.enabled } : {}),
      ...(s.properties?.attributes?.updated
        ? { updatedAt: new Date(s.properties.attributes.updated * 1000).toISOString() }
        : {}),
    })),
    ...(page.nextLink ? { nextCursor: page.nextLink } : {}),
  };
}

/** Registration state of the providers a cluster needs (unknown when it cannot be read). */
export async function providerRegistrations(
  http: AzureHttp,
  sub: string,
  namespaces: readonly string[] = REQUIRED_PROVIDERS,
  o: Signal = {},
): Promise<ProviderRegistration[]> {
  return Promise.all(
    namespaces.map(async (namespace) => {
      try {
        const r = await http.request('arm', 'GET', `/subscriptions/${sub}/providers/${namespace}`, {
          query: { 'api-version': API.resources },
          schema: ProviderShape,
          ...sig(o),
        });
        const state = r.body?.registrationState ?? 'Unknown';
        return { namespace, state, registered: state === 'Registered' };
      } catch (error) {
        if (o.signal?.aborted) throw error;
        return { namespace, state: 'Unknown', registered: false };
      }
    }),
  );
}
