/** Seeding helpers behind the peer API: users, subscriptions, resources, roles, Terraform footprints. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PeerEngine } from './engine';
import { createApplication } from './routes-graph';
import {
  BUILT_IN_ROLES,
  groupScope,
  newSubscription,
  newTenant,
  norm,
  type Application,
  type BuiltInRoleName,
  type DirectoryRoleName,
  type Group,
  type KeyVault,
  type ProviderState,
  type ResourceGroup,
  type RoleAssignment,
  type RoleDefinition,
  type ServicePrincipal,
  type StorageAccount,
  type Subscription,
  type Tenant,
  type User,
} from './state';

export interface NewUser {
  upn: string;
  password: string;
  displayName?: string;
  directoryRoles?: DirectoryRoleName[];
  /** false: the tenant's "users can register applications" is off (affects the whole tenant). */
  canRegisterApps?: boolean;
  tenantId?: string;
}

export class Seeder {
  constructor(private readonly peer: PeerEngine) {}

  tenant(tenantId?: string): Tenant {
    return this.peer.tenant(tenantId ?? this.peer.homeTenantId);
  }

  addTenant(p: { displayName: string; domain: string; tenantId?: string }): Tenant {
    const t = newTenant(p.displayName, p.domain, p.tenantId as ReturnType<typeof randomUUID> | undefined);
    this.peer.state.tenants.set(t.tenantId, t);
    return t;
  }

  addUser(p: NewUser): User {
    const tenant = this.tenant(p.tenantId);
    const user: User = {
      id: randomUUID(),
      tenantId: tenant.tenantId,
      upn: p.upn,
      displayName: p.displayName ?? p.upn.split('@')[0]!,
      password: p.password,
      directoryRoles: p.directoryRoles ?? [],
    };
    tenant.users.set(user.id, user);
    if (p.canRegisterApps === false) tenant.authorizationPolicy.allowedToCreateApps = false;
    return user;
  }

  /** A security group of users, service principals or other groups (role assignments to it count for them). */
  addGroup(p: { displayName: string; members: string[]; tenantId?: string }): Group {
    const tenant = this.tenant(p.tenantId);
    const group: Group = {
      id: randomUUID(),
      tenantId: tenant.tenantId,
      displayName: p.displayName,
      members: [...p.members],
    };
    tenant.groups.set(group.id, group);
    return group;
  }

  addSubscription(p: {
    displayName: string;
    tenantId?: string;
    state?: Subscription['state'];
    subscriptionId?: string;
  }): Subscription {
    const sub = newSubscription(
      p.tenantId ?? this.peer.homeTenantId,
      p.displayName,
      p.state,
      p.subscriptionId as ReturnType<typeof randomUUID> | undefined,
    );
    this.peer.state.subscriptions.set(sub.subscriptionId, sub);
    return sub;
  }

  subscription(id: string): Subscription {
    const sub = this.peer.state.subscriptions.get(id.toLowerCase());
    if (!sub) throw new Error(`peer: no subscription ${id}`);
    return sub;
  }

  addResourceGroup(p: {
    subscriptionId: string;
    name: string;
    location: string;
    tags?: Record<string, string>;
  }): ResourceGroup {
    const sub = this.subscription(p.subscriptionId);
    const rg: ResourceGroup = {
      id: groupScope(sub.subscriptionId, p.name),
      name: p.name,
      location: p.location,
      tags: { ...(p.tags ?? {}) },
      managedClusters: [],
      otherResources: [],
    };
    sub.resourceGroups.set(p.name.toLowerCase(), rg);
    return rg;
  }

  private group(sub: Subscription, name: string, location: string): ResourceGroup {
    return (
      sub.resourceGroups.get(name.toLowerCase()) ??
      this.addResourceGroup({ subscriptionId: sub.subscriptionId, name, location })
    );
  }

  addStorageAccount(p: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
    location: string;
    allowSharedKeyAccess?: boolean;
    isHnsEnabled?: boolean;
    kind?: StorageAccount['kind'];
  }): StorageAccount {
    const sub = this.subscription(p.subscriptionId);
    const rg = this.group(sub, p.resourceGroup, p.location);
    const account: StorageAccount = {
      id: `${rg.id}/providers/Microsoft.Storage/storageAccounts/${p.name}`,
      name: p.name,
      resourceGroup: rg.name,
      location: p.location,
      kind: p.kind ?? 'StorageV2',
      allowSharedKeyAccess: p.allowSharedKeyAccess,
      isHnsEnabled: p.isHnsEnabled ?? false,
      createdAt: new Date().toISOString(),
    };
    sub.storageAccounts.set(norm(account.id), account);
    return account;
  }

  addKeyVault(p: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
    location: string;
    rbac: boolean;
    secrets?: string[];
    accessPolicies?: KeyVault['accessPolicies'];
  }): KeyVault {
    const sub = this.subscription(p.subscriptionId);
    const rg = this.group(sub, p.resourceGroup, p.location);
    const vault: KeyVault = {
      id: `${rg.id}/providers/Microsoft.KeyVault/vaults/${p.name}`,
      name: p.name,
      resourceGroup: rg.name,
      location: p.location,
      tenantId: sub.tenantId,
      rbac: p.rbac,
      accessPolicies: structuredClone(p.accessPolicies ?? []),
      secrets: [...(p.secrets ?? [])],
      vaultUri: `https://${p.name}.vault.azure.net/`,
    };
    sub.keyVaults.set(norm(vault.id), vault);
    return vault;
  }

  addManagedCluster(p: { subscriptionId: string; resourceGroup: string; name: string; location?: string }): void {
    const sub = this.subscription(p.subscriptionId);
    const rg = sub.resourceGroups.get(p.resourceGroup.toLowerCase());
    if (!rg) throw new Error(`peer: no resource group ${p.resourceGroup}`);
    rg.managedClusters.push({ name: p.name, location: p.location ?? rg.location });
  }

  /** A resource of any other type in a group (it makes the group non-empty, as in Azure). */
  addResource(p: {
    subscriptionId: string;
    resourceGroup: string;
    type: string;
    name: string;
    location?: string;
  }): void {
    const sub = this.subscription(p.subscriptionId);
    const rg = sub.resourceGroups.get(p.resourceGroup.toLowerCase());
    if (!rg) throw new Error(`peer: no resource group ${p.resourceGroup}`);
    rg.otherResources.push({ type: p.type, name: p.name, location: p.location ?? rg.location });
  }

  setProviderState(subscriptionId: string, namespace: string, state: ProviderState): void {
    const ns = this.peer.knownNamespace(namespace);
    if (!ns) throw new Error(`peer: unknown provider namespace ${namespace}`);
    this.subscription(subscriptionId).providers.set(ns.toLowerCase(), {
      state,
      registeringSince: state === 'Registering' ? Date.now() : undefined,
    });
  }

  /** A role assignment made outside the app (built-in role by name, or a role definition id). */
  assignRole(p: {
    principalId: string;
    role: BuiltInRoleName | string;
    scope: string;
    name?: string;
    principalType?: RoleAssignment['principalType'];
  }): RoleAssignment {
    const def =
      BUILT_IN_ROLES.find((r) => r.roleName === p.role) ??
      this.peer.state.roleDefinitions.get(p.role.split('/').pop()!.toLowerCase());
    if (!def) throw new Error(`peer: no role ${p.role}`);
    const subId = /^\/subscriptions\/([^/]+)/i.exec(p.scope)?.[1];
    const sub = subId ? this.subscription(subId) : undefined;
    const tenantId = sub?.tenantId ?? this.peer.homeTenantId;
    const tenant = this.tenant(tenantId);
    const principalType =
      p.principalType ??
      (tenant.servicePrincipals.has(p.principalId)
        ? 'ServicePrincipal'
        : tenant.groups.has(p.principalId)
          ? 'Group'
          : 'User');
    const now = new Date().toISOString();
    const a: RoleAssignment = {
      name: p.name ?? randomUUID(),
      tenantId,
      scope: p.scope,
      roleDefinitionId: `/subscriptions/${subId ?? '00000000-0000-0000-0000-000000000000'}/providers/Microsoft.Authorization/roleDefinitions/${def.name}`,
      principalId: p.principalId,
      principalType,
      createdOn: now,
      updatedOn: now,
      createdBy: 'seed',
    };
    this.peer.state.roleAssignments.set(
      norm(`${p.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`),
      a,
    );
    return a;
  }

  addCustomRole(p: {
    tenantId?: string;
    scope: string;
    roleName: string;
    actions: string[];
    assignableScopes: string[];
    name?: string;
    description?: string;
  }): RoleDefinition {
    const def: RoleDefinition = {
      name: (p.name ?? randomUUID()).toLowerCase(),
      tenantId: p.tenantId ?? this.peer.homeTenantId,
      scope: p.scope,
      roleName: p.roleName,
      description: p.description ?? '',
      type: 'CustomRole',
      permissions: [{ actions: [...p.actions], notActions: [], dataActions: [], notDataActions: [] }],
      assignableScopes: [...p.assignableScopes],
      createdAt: 0,
    };
    this.peer.state.roleDefinitions.set(def.name, def);
    return def;
  }

  addApplication(p: {
    tenantId?: string;
    displayName: string;
    uniqueName?: string;
    ownerId?: string;
    requestedAccessTokenVersion?: number;
  }): Application {
    const app = createApplication(this.peer, this.tenant(p.tenantId), p.ownerId, {
      displayName: p.displayName,
      uniqueName: p.uniqueName ?? null,
      api: p.requestedAccessTokenVersion ? { requestedAccessTokenVersion: p.requestedAccessTokenVersion } : null,
    });
    app.createdAt = 0;
    return app;
  }

  addServicePrincipal(app: Application, ownerId?: string): ServicePrincipal {
    const tenant = this.tenant(app.tenantId);
    const sp: ServicePrincipal = {
      id: randomUUID(),
      appId: app.appId,
      tenantId: tenant.tenantId,
      displayName: app.displayName,
      owners: ownerId ? [ownerId] : [],
      tags: [],
      notes: null,
      description: null,
      accountEnabled: true,
      createdAt: 0,
    };
    tenant.servicePrincipals.set(sp.id, sp);
    return sp;
  }

  /** An app + SP with a client secret, for `az login --service-principal` and client_credentials. */
  addServicePrincipalLogin(p: { displayName: string; tenantId?: string }): {
    appId: string;
    secret: string;
    objectId: string;
    applicationObjectId: string;
  } {
    const app = this.addApplication({ tenantId: p.tenantId, displayName: p.displayName });
    const secret = randomBytes(18).toString('base64url');
    app.secrets.push(secret);
    const sp = this.addServicePrincipal(app);
    return { appId: app.appId, secret, objectId: sp.id, applicationObjectId: app.id };
  }

  /** Create an app and move it to the recycle bin (it keeps its uniqueName there). */
  softDeleteApp(p: { tenantId?: string; displayName: string; uniqueName?: string; ownerId?: string }): Application {
    const tenant = this.tenant(p.tenantId);
    const app = this.addApplication(p);
    tenant.applications.delete(app.id);
    app.deletedDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    tenant.deletedApplications.set(app.id, app);
    return app;
  }

  /**
   * What the Terraform (`datachain-compute-cluster-az`) leaves behind: RG `datachain` without our
   * tags, two apps without uniqueName (displayName = the TF names), their SPs and FICs, the two
   * custom roles under the TF names (random GUIDs) and their assignments.
   */
  addTerraformFootprint(p: {
    subscriptionId: string;
    location?: string;
    issuer: string;
    computeSubject: string;
    storageSubject: string;
    storageAccounts?: string[];
    ownerId?: string;
  }) {
    const sub = this.subscription(p.subscriptionId);
    const location = p.location ?? 'eastus';
    const rg = this.group(sub, 'datachain', location);
    const make = (name: string, subject: string) => {
      const app = this.addApplication({
        tenantId: sub.tenantId,
        displayName: name,
        requestedAccessTokenVersion: 2,
        ownerId: p.ownerId,
      });
      const sp = this.addServicePrincipal(app, p.ownerId);
      app.federatedIdentityCredentials.push({
        id: randomUUID(),
        name,
        issuer: p.issuer,
        subject,
        audiences: ['api://AzureADTokenExchange'],
        description: null,
      });
      return { app, sp };
    };
    const compute = make('datachain-oidc-compute', p.computeSubject);
    const storage = make('datachain-oidc-storage', p.storageSubject);
    const computeRole = this.addCustomRole({
      tenantId: sub.tenantId,
      scope: rg.id,
      roleName: 'datachain-oidc-compute',
      actions: [
        'Microsoft.ContainerService/managedClusters/*',
        'Microsoft.Network/virtualNetworks/read',
        'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
        'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      ],
      assignableScopes: [rg.id],
    });
    const computeAssignment = this.assignRole({
      principalId: compute.sp.id,
      role: computeRole.name,
      scope: rg.id,
      name: computeRole.name,
      principalType: 'ServicePrincipal',
    });
    const accounts = (p.storageAccounts ?? []).map((id) =>
      this.peer.state.subscriptions.get(sub.subscriptionId)!.storageAccounts.get(norm(id)),
    );
    if (accounts.some((a) => !a))
      throw new Error('peer: addTerraformFootprint names a storage account that does not exist');
    const storageRole = accounts.length
      ? this.addCustomRole({
          tenantId: sub.tenantId,
          scope: `/subscriptions/${sub.subscriptionId}`,
          roleName: 'datachain-oidc-storage',
          actions: [
            'Microsoft.Storage/storageAccounts/read',
            'Microsoft.Storage/storageAccounts/write',
            'Microsoft.Storage/storageAccounts/delete',
            'Microsoft.Storage/storageAccounts/listKeys/action',
            'Microsoft.Storage/storageAccounts/blobServices/containers/read',
            'Microsoft.Storage/storageAccounts/blobServices/containers/write',
            'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
          ],
          assignableScopes: accounts.map((a) => a!.id),
        })
      : undefined;
    const storageAssignments = storageRole
      ? accounts.map((a) =>
          this.assignRole({
            principalId: storage.sp.id,
            role: storageRole.name,
            scope: a!.id,
            principalType: 'ServicePrincipal',
          }),
        )
      : [];
    return {
      resourceGroup: rg,
      compute: { ...compute, role: computeRole, assignment: computeAssignment },
      storage: { ...storage, role: storageRole, assignments: storageAssignments },
    };
  }
}
