/**
 * What a setup should look like in Azure, from its config and what exists: the apps and their
 * federated credentials, the two custom roles (the compute one at the resource group, the storage
 * one at the subscription, assignable exactly on the granted accounts), the role assignments and
 * the access-policy entries. Pure: no calls, so it is the same at plan and at deploy time.
 */
import type { AzureSetupConfig } from './config.schema';
import {
  COMPUTE_ACTIONS,
  FIC_AUDIENCE,
  KEY_VAULT_SECRETS_USER,
  resourceGroupId,
  roleDefinitionId,
  sameId,
  STORAGE_ACTIONS,
  storageAccountId,
  subscriptionScope,
  type Purpose,
} from './naming';
import type { Observed } from './state';
import type { RoleDefinitionShape as RoleDef, VaultShape as Vault } from './shapes';
import { subjectsOf } from '../core/studio.schema';

export interface DesiredRole {
  purpose: Purpose;
  guid: string;
  roleName: string;
  /** Where the definition lives (its PUT scope). */
  scope: string;
  actions: readonly string[];
  assignableScopes: string[];
  existing?: RoleDef;
  /** Taken over from the Terraform (its own name and GUID). */
  adopted: boolean;
}

export interface DesiredAssignment {
  principal: Purpose;
  scope: string;
  roleGuid: string;
  roleDefinitionId: string;
  roleName: string;
  /** vault: the built-in Key Vault Secrets User on an RBAC vault. */
  grant: 'compute' | 'account' | 'vault';
}

export interface DesiredFic {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

/** The Terraform's role, if it is ours to adopt: its name, all its scopes in this subscription. */
function terraformRole(observed: Observed, purpose: Purpose, sub: string, prefix: string): RoleDef | undefined {
  if (prefix) return undefined;
  const name = `datachain-oidc-${purpose}`;
  return observed.customRoles.find(
    (r) =>
      r.properties.roleName === name &&
      (r.properties.assignableScopes ?? []).length > 0 &&
      (r.properties.assignableScopes ?? []).every((s) => s.toLowerCase().startsWith(`/subscriptions/${sub}`)),
  );
}

export function desiredRole(observed: Observed, config: AzureSetupConfig, purpose: Purpose): DesiredRole {
  const sub = config.subscriptionId;
  const record = observed.record.ours && 'record' in observed.record ? observed.record.record : undefined;
  const recordedGuid = record?.adopted.roles[purpose];
  const byGuid = (guid: string) => observed.customRoles.find((r) => r.name.toLowerCase() === guid.toLowerCase());
  const ours = observed.names.roleGuid[purpose];
  const tf = recordedGuid
    ? byGuid(recordedGuid)
    : byGuid(ours)
      ? undefined
      : terraformRole(observed, purpose, sub, config.namePrefix);
  const existing = tf ?? byGuid(ours);
  const adopted = Boolean(tf);
  const rgId = resourceGroupId(sub, config.resourceGroup);
  const assignableScopes =
    purpose === 'compute' ? [rgId] : config.storageAccounts.map((a) => storageAccountId(sub, a.resourceGroup, a.name));
  return {
    purpose,
    guid: tf?.name ?? ours,
    roleName: tf?.properties.roleName ?? observed.names.roleName[purpose],
    scope: purpose === 'compute' ? rgId : subscriptionScope(sub),
    actions: purpose === 'compute' ? COMPUTE_ACTIONS : STORAGE_ACTIONS,
    assignableScopes,
    ...(existing ? { existing } : {}),
    adopted,
  };
}

/** A role elsewhere in the tenant that already holds the name we want (another definition). */
export function roleNameClash(observed: Observed, role: DesiredRole): RoleDef | undefined {
  return observed.customRoles.find(
    (r) =>
      r.properties.roleName?.toLowerCase() === role.roleName.toLowerCase() &&
      r.name.toLowerCase() !== role.guid.toLowerCase(),
  );
}

export function desiredFics(
  config: AzureSetupConfig,
  displayName: Record<Purpose, string>,
): Record<Purpose, DesiredFic> {
  const subjects = subjectsOf(config.studio);
  const fic = (p: Purpose): DesiredFic => ({
    name: displayName[p],
    issuer: `https://${config.studio.issuer}`,
    subject: subjects[p],
    audiences: [FIC_AUDIENCE],
  });
  return { compute: fic('compute'), storage: fic('storage') };
}

export const isRbacVault = (v: Vault) => v.properties.enableRbacAuthorization === true;

export function grantedVaults(observed: Observed, config: AzureSetupConfig): { vault: Vault; wanted: boolean }[] {
  return config.vaults
    .map((g) => observed.vaults.find((v) => v.name.toLowerCase() === g.name.toLowerCase()))
    .filter((v): v is Vault => Boolean(v))
    .map((vault) => ({ vault, wanted: true }));
}

export function desiredAssignments(
  observed: Observed,
  config: AzureSetupConfig,
  roles: Record<Purpose, DesiredRole>,
): DesiredAssignment[] {
  const sub = config.subscriptionId;
  const list: DesiredAssignment[] = [
    {
      principal: 'compute',
      scope: resourceGroupId(sub, config.resourceGroup),
      roleGuid: roles.compute.guid,
      roleDefinitionId: roleDefinitionId(sub, roles.compute.guid),
      roleName: roles.compute.roleName,
      grant: 'compute',
    },
  ];
  for (const scope of roles.storage.assignableScopes)
    list.push({
      principal: 'storage',
      scope,
      roleGuid: roles.storage.guid,
      roleDefinitionId: roleDefinitionId(sub, roles.storage.guid),
      roleName: roles.storage.roleName,
      grant: 'account',
    });
  for (const { vault } of grantedVaults(observed, config))
    if (isRbacVault(vault))
      list.push({
        principal: 'storage',
        scope: vault.id,
        roleGuid: KEY_VAULT_SECRETS_USER,
        roleDefinitionId: roleDefinitionId(sub, KEY_VAULT_SECRETS_USER),
        roleName: 'Key Vault Secrets User',
        grant: 'vault',
      });
  return list;
}

/** The existing assignment that already gives what `want` asks for (any name: the Terraform's too). */
export function existingAssignment(observed: Observed, want: DesiredAssignment) {
  return observed.apps[want.principal].assignments.find(
    (a) =>
      sameId(a.properties.scope ?? a.id.split('/providers/Microsoft.Authorization/')[0], want.scope) &&
      a.properties.roleDefinitionId.toLowerCase().endsWith(`/${want.roleGuid.toLowerCase()}`),
  );
}

export const SECRET_PERMISSIONS = ['get', 'list'];

/** The storage principal's entry in an access-policy vault, when it has get and list. */
export function hasSecretAccess(vault: Vault, objectId: string | undefined): boolean {
  if (!objectId) return false;
  const entry = (vault.properties.accessPolicies ?? []).find(
    (p) => p.objectId.toLowerCase() === objectId.toLowerCase(),
  );
  const secrets = (entry?.permissions.secrets ?? []).map((s) => s.toLowerCase());
  return SECRET_PERMISSIONS.every((p) => secrets.includes(p) || secrets.includes('all'));
}

export function hasAnyEntry(vault: Vault, objectId: string | undefined): boolean {
  if (!objectId) return false;
  return (vault.properties.accessPolicies ?? []).some((p) => p.objectId.toLowerCase() === objectId.toLowerCase());
}
