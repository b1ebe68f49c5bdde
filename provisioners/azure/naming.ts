/**
 * Every name the setup gives to Azure objects, and the markers that say an object is ours. An
 * empty prefix keeps the Terraform's display names; unique names and role names carry the
 * subscription, so a second subscription in the same tenant never clashes (the Terraform's role
 * names do: custom role names are unique per tenant). Role-definition and assignment names are
 * deterministic GUIDs (v5-style, from the subscription, the purpose and the scope), so a re-run
 * finds what an earlier run made without any local state.
 */
import { createHash } from 'node:crypto';

/** The project's namespace for name-based GUIDs (a fixed random v4 id). */
export const NAMESPACE = '5b0c3a52-8f0e-4d43-9a51-2f4f7c1d9e6b';

/** RFC 4122 version 5 (SHA-1, name-based) GUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Purpose = 'compute' | 'storage';
export const PURPOSES: readonly Purpose[] = ['compute', 'storage'];

/** Markers: RG tags, app tags and notes, role and assignment descriptions. */
export const MANAGED_BY_TAG = 'datachain-managed-by';
export const MANAGED_BY_VALUE = 'dcs-wizard';
export const SETUP_ID_TAG = 'datachain-setup-id';
export const APP_TAG = `${MANAGED_BY_TAG}:${MANAGED_BY_VALUE}`;
export const ROLE_DESCRIPTION: Record<Purpose, string> = {
  compute: 'DataChain Studio compute (managed by DataChain cluster setup)',
  storage: 'DataChain Studio storage (managed by DataChain cluster setup)',
};
export const ASSIGNMENT_DESCRIPTION = 'DataChain Studio (managed by DataChain cluster setup)';
export const FIC_AUDIENCE = 'api://AzureADTokenExchange';
export const FIC_DESCRIPTION = 'DataChain Studio';

/** Built-in "Key Vault Secrets User" (read secret contents on an RBAC vault). */
export const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

/** The Terraform's actions, exactly (infrastructure.md, Azure). */
export const COMPUTE_ACTIONS = [
  'Microsoft.ContainerService/managedClusters/*',
  'Microsoft.Network/virtualNetworks/read',
  'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
  'Microsoft.ManagedIdentity/userAssignedIdentities/read',
] as const;
export const STORAGE_ACTIONS = [
  'Microsoft.Storage/storageAccounts/read',
  'Microsoft.Storage/storageAccounts/write',
  'Microsoft.Storage/storageAccounts/delete',
  'Microsoft.Storage/storageAccounts/listKeys/action',
  'Microsoft.Storage/storageAccounts/blobServices/containers/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/write',
  'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
] as const;
export const ROLE_ACTIONS: Record<Purpose, readonly string[]> = { compute: COMPUTE_ACTIONS, storage: STORAGE_ACTIONS };

/** Resource providers a cluster needs registered (the compute identity cannot register them). */
export const REQUIRED_PROVIDERS = [
  'Microsoft.ContainerService',
  'Microsoft.Compute',
  'Microsoft.Network',
  'Microsoft.ManagedIdentity',
  'Microsoft.Storage',
  'Microsoft.KeyVault',
] as const;

export interface AzureNames {
  /** The Terraform's display name of each app (also the FIC's name). */
  displayName: Record<Purpose, string>;
  /** The Graph alternate key each app is found by: per subscription. */
  uniqueName: Record<Purpose, string>;
  /** Custom role names: unique per tenant, so they carry the subscription. */
  roleName: Record<Purpose, string>;
  /** The role definitions' GUIDs. */
  roleGuid: Record<Purpose, string>;
}

export function azureNames(tenantId: string, subscriptionId: string, prefix = ''): AzureNames {
  const sub = subscriptionId.toLowerCase();
  const base = (purpose: Purpose) => `${prefix ? `${prefix}-` : ''}datachain-oidc-${purpose}`;
  const per = (f: (p: Purpose) => string) => ({ compute: f('compute'), storage: f('storage') });
  return {
    displayName: per(base),
    uniqueName: per((p) => `${base(p)}-${sub}`),
    roleName: per((p) => `${base(p)}-${sub.slice(0, 8)}`),
    roleGuid: per((p) => uuidV5(`datachain|${tenantId.toLowerCase()}|${sub}|role|${p}${prefix ? `|${prefix}` : ''}`)),
  };
}

/** The assignment's name: changes with the principal, so a re-made identity never meets an orphan. */
export function assignmentGuid(scope: string, roleGuid: string, principalObjectId: string): string {
  return uuidV5(`datachain|${scope.toLowerCase()}|${roleGuid.toLowerCase()}|${principalObjectId.toLowerCase()}`);
}

export const subscriptionScope = (sub: string) => `/subscriptions/${sub}`;
export const resourceGroupId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const storageAccountId = (sub: string, rg: string, name: string) =>
  `${resourceGroupId(sub, rg)}/providers/Microsoft.Storage/storageAccounts/${name}`;
export const keyVaultId = (sub: string, rg: string, name: string) =>
  `${resourceGroupId(sub, rg)}/providers/Microsoft.KeyVault/vaults/${name}`;
export const roleDefinitionId = (sub: string, guid: string) =>
  `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/** The resource group segment of an ARM id (`/subscriptions/…/resourceGroups/<rg>/…`). */
export function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}

/** The last segment of an ARM id or a role definition id (its GUID). */
export const lastSegment = (id: string) => id.split('/').filter(Boolean).at(-1) ?? id;

/** ARM ids compare case-insensitively. */
export const sameId = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
