/**
 * The peer's world: one or more Entra tenants (users, apps, service principals, the recycle bin) and
 * the ARM side (subscriptions, providers, resource groups, storage accounts, vaults, role definitions
 * and assignments). Plain data, inspectable from tests through `peer.state`.
 */
import { randomUUID } from 'node:crypto';

export const DIRECTORY_ROLES = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Application Developer': 'cf1c38e5-3621-4004-a7cb-879624dced7c',
} as const;
export type DirectoryRoleName = keyof typeof DIRECTORY_ROLES;

export interface User {
  id: string;
  tenantId: string;
  upn: string;
  displayName: string;
  password: string;
  directoryRoles: DirectoryRoleName[];
}

/** A security group: its members are users, service principals or other groups (nesting). */
export interface Group {
  id: string;
  tenantId: string;
  displayName: string;
  members: string[];
}

export interface FederatedCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string | null;
}

export interface Application {
  id: string;
  appId: string;
  tenantId: string;
  displayName: string | null;
  uniqueName: string | null;
  signInAudience: string | null;
  api: {
    requestedAccessTokenVersion?: number | null;
    acceptMappedClaims?: boolean | null;
    knownClientApplications?: (string | null)[];
  } | null;
  tags: string[];
  notes: string | null;
  description: string | null;
  identifierUris: string[];
  isFallbackPublicClient: boolean | null;
  serviceManagementReference: string | null;
  createdDateTime: string;
  deletedDateTime: string | null;
  owners: string[];
  federatedIdentityCredentials: FederatedCredential[];
  /** Client secrets accepted by the token endpoint (client_credentials). */
  secrets: string[];
  /** ms epoch, for the replication windows. */
  createdAt: number;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  tenantId: string;
  displayName: string | null;
  owners: string[];
  tags: string[];
  notes: string | null;
  description: string | null;
  accountEnabled: boolean;
  createdAt: number;
}

export interface Tenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  users: Map<string, User>;
  groups: Map<string, Group>;
  applications: Map<string, Application>;
  /** Soft-deleted applications (the recycle bin), by object id. */
  deletedApplications: Map<string, Application>;
  servicePrincipals: Map<string, ServicePrincipal>;
  authorizationPolicy: { allowedToCreateApps: boolean };
}

export type ProviderState = 'NotRegistered' | 'Registering' | 'Registered' | 'Unregistered';
export interface ProviderRecord {
  state: ProviderState;
  /** When a registration started (Registering → Registered after the registration delay). */
  registeringSince?: number;
}

export interface ResourceGroup {
  id: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  managedClusters: { name: string; location: string }[];
  /** Resources of other types the user keeps in the group (a VM, a disk…): listed, never touched. */
  otherResources: { type: string; name: string; location: string }[];
  /** Set while a delete is running (202 + Location polling). */
  deletingSince?: number;
  operationId?: string;
}

export interface StorageAccount {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  kind: 'StorageV2' | 'BlobStorage' | 'BlockBlobStorage' | 'Storage' | 'FileStorage';
  allowSharedKeyAccess?: boolean;
  isHnsEnabled: boolean;
  createdAt: string;
}

export interface AccessPolicy {
  tenantId: string;
  objectId: string;
  applicationId?: string;
  permissions: { keys?: string[]; secrets?: string[]; certificates?: string[]; storage?: string[] };
}

export interface KeyVault {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  tenantId: string;
  rbac: boolean;
  accessPolicies: AccessPolicy[];
  secrets: string[];
  vaultUri: string;
}

export interface Subscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: 'Enabled' | 'Warned' | 'PastDue' | 'Disabled' | 'Deleted';
  providers: Map<string, ProviderRecord>;
  resourceGroups: Map<string, ResourceGroup>;
  storageAccounts: Map<string, StorageAccount>;
  keyVaults: Map<string, KeyVault>;
}

export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinition {
  /** The GUID (the resource name). */
  name: string;
  tenantId: string;
  /** Where it was PUT (the id's prefix); '/' for built-in roles. */
  scope: string;
  roleName: string;
  description: string;
  type: 'BuiltInRole' | 'CustomRole';
  permissions: Permission[];
  assignableScopes: string[];
  createdAt: number;
}

export interface RoleAssignment {
  name: string;
  tenantId: string;
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup';
  description?: string;
  createdOn: string;
  updatedOn: string;
  createdBy: string;
}

export interface PeerState {
  tenants: Map<string, Tenant>;
  subscriptions: Map<string, Subscription>;
  /** Custom role definitions, by GUID (tenant-wide, like Azure). */
  roleDefinitions: Map<string, RoleDefinition>;
  /** Role assignments, by lower-case full id. */
  roleAssignments: Map<string, RoleAssignment>;
}

export const PROVIDER_NAMESPACES = [
  'Microsoft.ContainerService',
  'Microsoft.Compute',
  'Microsoft.Network',
  'Microsoft.ManagedIdentity',
  'Microsoft.Storage',
  'Microsoft.KeyVault',
  'Microsoft.Authorization',
  'Microsoft.Resources',
] as const;

export const LOCATIONS: { name: string; displayName: string; regionType: 'Physical' | 'Logical'; geography: string }[] =
  [
    { name: 'eastus', displayName: 'East US', regionType: 'Physical', geography: 'United States' },
    { name: 'westus2', displayName: 'West US 2', regionType: 'Physical', geography: 'United States' },
    { name: 'westeurope', displayName: 'West Europe', regionType: 'Physical', geography: 'Europe' },
    { name: 'northeurope', displayName: 'North Europe', regionType: 'Physical', geography: 'Europe' },
    { name: 'uksouth', displayName: 'UK South', regionType: 'Physical', geography: 'United Kingdom' },
    { name: 'unitedstates', displayName: 'United States', regionType: 'Logical', geography: 'United States' },
    { name: 'europe', displayName: 'Europe', regionType: 'Logical', geography: 'Europe' },
  ];

const builtIn = (
  name: string,
  roleName: string,
  permission: Partial<Permission>,
  description: string,
): RoleDefinition => ({
  name,
  tenantId: '',
  scope: '/',
  roleName,
  description,
  type: 'BuiltInRole',
  permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [], ...permission }],
  assignableScopes: ['/'],
  createdAt: 0,
});

export const BUILT_IN_ROLES: RoleDefinition[] = [
  builtIn(
    '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    'Owner',
    { actions: ['*'] },
    'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
  ),
  builtIn(
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'Contributor',
    {
      actions: ['*'],
      notActions: [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
      ],
    },
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
  ),
  builtIn(
    '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'User Access Administrator',
    { actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'] },
    'Lets you manage user access to Azure resources.',
  ),
  builtIn(
    'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    'Reader',
    { actions: ['*/read'] },
    'View all resources, but does not allow you to make any changes.',
  ),
  builtIn(
    'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    'Role Based Access Control Administrator',
    {
      actions: [
        'Microsoft.Authorization/roleAssignments/write',
        'Microsoft.Authorization/roleAssignments/delete',
        '*/read',
        'Microsoft.Support/*',
      ],
    },
    'Manage access to Azure resources by assigning roles using Azure RBAC.',
  ),
  builtIn(
    '4633458b-17de-408a-b874-0445c86b69e6',
    'Key Vault Secrets User',
    {
      dataActions: [
        'Microsoft.KeyVault/vaults/secrets/getSecret/action',
        'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
      ],
    },
    'Read secret contents.',
  ),
];
export type BuiltInRoleName =
  | 'Owner'
  | 'Contributor'
  | 'User Access Administrator'
  | 'Reader'
  | 'Role Based Access Control Administrator'
  | 'Key Vault Secrets User';

export function newTenant(displayName: string, defaultDomain: string, tenantId = randomUUID()): Tenant {
  return {
    tenantId,
    displayName,
    defaultDomain,
    users: new Map(),
    groups: new Map(),
    applications: new Map(),
    deletedApplications: new Map(),
    servicePrincipals: new Map(),
    authorizationPolicy: { allowedToCreateApps: true },
  };
}

export function newSubscription(
  tenantId: string,
  displayName: string,
  state: Subscription['state'] = 'Enabled',
  subscriptionId = randomUUID(),
): Subscription {
  const providers = new Map<string, ProviderRecord>();
  for (const ns of PROVIDER_NAMESPACES) providers.set(ns.toLowerCase(), { state: 'Registered' });
  return {
    subscriptionId,
    tenantId,
    displayName,
    state,
    providers,
    resourceGroups: new Map(),
    storageAccounts: new Map(),
    keyVaults: new Map(),
  };
}

/** Resource-id helpers (ARM ids are case-insensitive: compare lower-cased). */
export const norm = (id: string) => id.replace(/\/+$/, '').toLowerCase() || '/';
export const subscriptionScope = (sub: string) => `/subscriptions/${sub}`;
export const groupScope = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const roleDefinitionId = (def: RoleDefinition, subscriptionId?: string) =>
  def.type === 'BuiltInRole' && subscriptionId
    ? `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${def.name}`
    : `${def.scope === '/' ? '' : def.scope}/providers/Microsoft.Authorization/roleDefinitions/${def.name}`;
/** True when `scope` is `ancestor` or lies below it. */
export function within(scope: string, ancestor: string): boolean {
  const s = norm(scope);
  const a = norm(ancestor);
  return a === '/' || s === a || s.startsWith(`${a}/`);
}
