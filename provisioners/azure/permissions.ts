/**
 * The permission pre-check, before any write: ARM's own answer of what the caller may do on the
 * resource group, each storage account and each vault (Permissions_List*), the caller's role
 * assignments at the subscription for what only the subscription can grant (custom roles there,
 * new resource groups, provider registration), and Entra's "users can register applications"
 * with the caller's directory roles. Each item is ok, missing (with what to ask an admin for) or
 * unknown (Azure would not say: deny assignments, PIM and conditions are not visible here; the
 * deploy's own answer stays the last word).
 */
import type { AzureHttp } from './client';
import type { ComputedPlan } from './plan';
import type { PermissionCheck } from './setup.schema';
import { isRbacVault } from './desired';
import type { Observed } from './state';
import {
  API,
  DirectoryRoleShape,
  Permission,
  RoleAssignmentShape,
  RoleDefinitionShape,
  AuthorizationPolicyShape,
} from './shapes';
import type { AzureSetupConfig } from './config.schema';
import { resourceGroupId, storageAccountId, subscriptionScope } from './naming';

/** Directory roles that may create apps whatever the tenant setting says. */
export const APP_CREATOR_ROLES: Record<string, string> = {
  'cf1c38e5-3621-4004-a7cb-879624dced7c': 'Application Developer',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
};

function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/** Whether a set of permissions (each its actions minus its notActions) allows an action. */
export function allows(permissions: Permission[], action: string): boolean {
  return permissions.some(
    (p) => (p.actions ?? []).some((a) => matches(a, action)) && !(p.notActions ?? []).some((n) => matches(n, action)),
  );
}

const RBAC_ADMIN = 'Owner, User Access Administrator or Role Based Access Control Administrator';

async function permissionsAt(http: AzureHttp, scope: string, signal?: AbortSignal): Promise<Permission[] | undefined> {
  try {
    return await http.list('arm', `${scope}/providers/Microsoft.Authorization/permissions`, Permission, {
      query: { 'api-version': API.authorization },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

/** Permissions the caller holds at the subscription (from role assignments there or above). */
async function subscriptionPermissions(
  http: AzureHttp,
  sub: string,
  me: string,
  signal?: AbortSignal,
): Promise<Permission[] | undefined> {
  try {
    const assignments = await http.list(
      'arm',
      `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`,
      RoleAssignmentShape,
      {
        query: { 'api-version': API.authorization, $filter: `assignedTo('${me}')` },
        ...(signal ? { signal } : {}),
      },
    );
    const atSub = assignments.filter((a) => {
      const scope = (a.properties.scope ?? '').toLowerCase();
      return scope === '/' || scope === `/subscriptions/${sub}` || scope.startsWith('/providers/microsoft.management/');
    });
    const defs = await Promise.all(
      [...new Set(atSub.map((a) => a.properties.roleDefinitionId))].map((id) =>
        http.request('arm', 'GET', id, {
          query: { 'api-version': API.authorization },
          schema: RoleDefinitionShape,
          allow: [404],
          ...(signal ? { signal } : {}),
        }),
      ),
    );
    return defs.flatMap((d) => d.body?.properties.permissions ?? []);
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

function check(
  id: string,
  what: string,
  scope: string,
  action: string,
  perms: Permission[] | undefined,
  askFor: string,
): PermissionCheck {
  if (!perms)
    return { id, what, scope, action, status: 'unknown', askFor, detail: 'Azure did not say what you may do here.' };
  return { id, what, scope, action, status: allows(perms, action) ? 'ok' : 'missing', askFor };
}

async function entraChecks(http: AzureHttp, plan: ComputedPlan, signal?: AbortSignal): Promise<PermissionCheck[]> {
  const needsApps = plan.ops.some((op) => op.t === 'app' || op.t === 'restore' || op.t === 'sp');
  if (!needsApps) return [];
  const opts = signal ? { signal } : {};
  const [policy, roles] = await Promise.all([
    http
      .request('graph', 'GET', '/policies/authorizationPolicy', { schema: AuthorizationPolicyShape, ...opts })
      .then((r) => r.body)
      .catch(() => undefined),
    http
      .list('graph', '/me/transitiveMemberOf/microsoft.graph.directoryRole', DirectoryRoleShape, {
        query: { $select: 'roleTemplateId,displayName' },
        ...opts,
      })
      .catch(() => undefined),
  ]);
  const held = (roles ?? []).map((r) => APP_CREATOR_ROLES[r.roleTemplateId ?? '']).filter(Boolean);
  const allowed = policy?.defaultUserRolePermissions?.allowedToCreateApps;
  const base = {
    id: 'entra:register-apps',
    what: 'Create the two app registrations and their service principals',
    scope: 'Microsoft Entra ID',
    action: 'Users can register applications, or the Application Developer role',
    askFor: 'the Application Developer role (or for “Users can register applications” to be turned on)',
  };
  if (held.length) return [{ ...base, status: 'ok', detail: `You hold ${held.join(', ')}.` }];
  if (allowed === true) return [{ ...base, status: 'ok', detail: 'Your tenant lets users register applications.' }];
  if (allowed === false && roles)
    return [
      {
        ...base,
        status: 'missing',
        detail: 'Your tenant does not let users register applications, and you hold no role that may.',
      },
    ];
  return [{ ...base, status: 'unknown', detail: 'Entra would not say whether you may register applications.' }];
}

/** The pre-check for a computed plan (only what its writes need). */
export async function permissionChecks(
  http: AzureHttp,
  o: Observed,
  config: AzureSetupConfig,
  plan: ComputedPlan,
  signal?: AbortSignal,
): Promise<PermissionCheck[]> {
  const sub = config.subscriptionId;
  const rgId = resourceGroupId(sub, config.resourceGroup);
  const ops = plan.ops;
  const checks: Promise<PermissionCheck[]>[] = [];
  const subPerms = subscriptionPermissions(http, sub, o.me.id, signal);
  checks.push(
    subPerms.then((perms) => {
      const list: PermissionCheck[] = [];
      if (ops.some((op) => op.t === 'register'))
        list.push(
          check(
            'arm:register',
            'Register the resource providers a cluster needs',
            subscriptionScope(sub),
            'Microsoft.ContainerService/register/action',
            perms,
            'Contributor or Owner on the subscription',
          ),
        );
      if (ops.some((op) => op.t === 'rg' && op.create))
        list.push(
          check(
            'arm:resource-group',
            `Create the resource group ${config.resourceGroup}`,
            subscriptionScope(sub),
            'Microsoft.Resources/subscriptions/resourceGroups/write',
            perms,
            'Contributor or Owner on the subscription',
          ),
        );
      if (ops.some((op) => (op.t === 'role' && op.role.purpose === 'storage') || op.t === 'roleDelete'))
        list.push(
          check(
            'arm:storage-role',
            'Define the storage custom role at the subscription',
            subscriptionScope(sub),
            'Microsoft.Authorization/roleDefinitions/write',
            perms,
            `${RBAC_ADMIN} on the subscription`,
          ),
        );
      if (!o.rg && ops.some((op) => op.t === 'role' || op.t === 'assign'))
        list.push(
          check(
            'arm:group-roles',
            'Define and assign the compute role on the new resource group',
            subscriptionScope(sub),
            'Microsoft.Authorization/roleAssignments/write',
            perms,
            `${RBAC_ADMIN} on the subscription`,
          ),
        );
      return list;
    }),
  );
  if (
    o.rg &&
    ops.some(
      (op) =>
        (op.t === 'role' && op.role.purpose === 'compute') ||
        (op.t === 'assign' && op.want.grant === 'compute') ||
        op.t === 'rg',
    )
  )
    checks.push(
      permissionsAt(http, rgId, signal).then((perms) => [
        ...(ops.some((op) => op.t === 'rg')
          ? [
              check(
                'arm:rg-tags',
                `Tag the resource group ${config.resourceGroup} (the setup’s record)`,
                rgId,
                'Microsoft.Resources/subscriptions/resourceGroups/write',
                perms,
                'Contributor or Owner on the resource group',
              ),
            ]
          : []),
        check(
          'arm:rg-role',
          'Define the compute role on the resource group',
          rgId,
          'Microsoft.Authorization/roleDefinitions/write',
          perms,
          `${RBAC_ADMIN} on the resource group`,
        ),
        check(
          'arm:rg-assign',
          'Assign the compute role on the resource group',
          rgId,
          'Microsoft.Authorization/roleAssignments/write',
          perms,
          `${RBAC_ADMIN} on the resource group`,
        ),
      ]),
    );
  const assignScopes = new Set(
    ops.flatMap((op) =>
      op.t === 'assign' && op.want.grant !== 'compute'
        ? [op.want.scope]
        : op.t === 'unassign'
          ? [op.id.split('/providers/Microsoft.Authorization/')[0]!]
          : [],
    ),
  );
  for (const scope of assignScopes) {
    const account = config.storageAccounts.find(
      (a) => storageAccountId(sub, a.resourceGroup, a.name).toLowerCase() === scope.toLowerCase(),
    );
    checks.push(
      permissionsAt(http, scope, signal).then((perms) => [
        check(
          `arm:assign:${scope.toLowerCase()}`,
          account ? `Grant the storage account ${account.name}` : `Grant the Key Vault ${scope.split('/').at(-1)}`,
          scope,
          'Microsoft.Authorization/roleAssignments/write',
          perms,
          `${RBAC_ADMIN} on ${scope.split('/').at(-1)}`,
        ),
      ]),
    );
  }
  for (const op of ops)
    if (op.t === 'policyAdd' || op.t === 'policyRemove') {
      const vault = o.vaults.find((v) => v.id.toLowerCase() === op.vaultId.toLowerCase());
      if (!vault || isRbacVault(vault)) continue;
      checks.push(
        permissionsAt(http, vault.id, signal).then((perms) => [
          check(
            `arm:policy:${vault.id.toLowerCase()}`,
            `Add the storage identity to ${vault.name}’s access policies`,
            vault.id,
            'Microsoft.KeyVault/vaults/accessPolicies/write',
            perms,
            `Key Vault Contributor, Contributor or Owner on ${vault.name}`,
          ),
        ]),
      );
    }
  checks.push(entraChecks(http, plan, signal));
  const all = (await Promise.all(checks)).flat();
  const seen = new Set<string>();
  return all.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
