/**
 * What the setup's identities may reach: the two custom roles allow exactly the Terraform's
 * actions and are assignable exactly where they should be; every assignment the setup makes is
 * there (the compute role on the resource group, the storage role on each granted account, Key
 * Vault Secrets User on each RBAC vault); each access-policy vault has the get/list entry; no
 * other assignment reaches the identities; and the granted accounts and vaults still exist.
 * A vault whose permission model changed is named as such: an access-policy vault switched to
 * Azure RBAC ignores its access policies, so the grant is silently gone.
 */
import type { DoctorFinding } from '../../core/checks.schema';
import type { AzureSetupConfig } from '../config.schema';
import {
  desiredAssignments,
  desiredRole,
  existingAssignment,
  hasSecretAccess,
  isRbacVault,
  type DesiredAssignment,
  type DesiredRole,
} from '../desired';
import { KEY_VAULT_SECRETS_USER, PURPOSES, sameId, storageAccountId, type Purpose } from '../naming';
import type { Observed } from '../state';
import { REDEPLOY } from './trust';

const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());
const missing = (want: readonly string[], have: readonly string[]) =>
  want.filter((w) => !lower(have).includes(w.toLowerCase()));

function roleFinding(role: DesiredRole): DoctorFinding {
  const id = `access.${role.purpose}.role`;
  const title = `The role ${role.roleName} allows exactly what Studio's ${role.purpose} identity needs, where it is assigned`;
  if (!role.existing)
    return {
      id,
      area: 'access',
      status: 'fail',
      title,
      detail: `The custom role ${role.roleName} (${role.guid}) does not exist.`,
      fix: 'Deploy the setup again: it makes the role and its assignments.',
      remedy: REDEPLOY,
    };
  const actions = role.existing.properties.permissions?.flatMap((p) => p.actions ?? []) ?? [];
  const scopes = role.existing.properties.assignableScopes ?? [];
  const problems = [
    ...missing(role.actions, actions).map((a) => `lacks ${a}`),
    ...missing(actions, role.actions).map((a) => `also allows ${a}`),
    ...missing(role.assignableScopes, scopes).map((s) => `is not assignable on ${s}`),
    ...missing(scopes, role.assignableScopes).map((s) => `is also assignable on ${s}`),
  ];
  return {
    id,
    area: 'access',
    status: problems.length ? 'fail' : 'pass',
    title,
    ...(problems.length
      ? {
          detail: `It ${problems.join('; ')}.`,
          fix: 'Deploy the setup again: it puts back the role’s actions and assignable scopes.',
          remedy: REDEPLOY,
        }
      : {}),
  };
}

function where(want: DesiredAssignment): string {
  return want.scope.split('/').at(-1) ?? want.scope;
}

function assignmentFinding(observed: Observed, want: DesiredAssignment, vaultNote?: string): DoctorFinding {
  const present = Boolean(existingAssignment(observed, want));
  const id =
    want.grant === 'compute'
      ? 'access.compute.assignment'
      : `access.storage.${want.grant === 'vault' ? 'vault' : 'account'}.${where(want).toLowerCase()}`;
  return {
    id,
    area: 'access',
    status: present ? 'pass' : 'fail',
    title:
      want.grant === 'compute'
        ? `The compute identity holds ${want.roleName} on the resource group ${where(want)}`
        : want.grant === 'vault'
          ? `The storage identity reads the secrets of the Key Vault ${where(want)} (Key Vault Secrets User, Azure RBAC)`
          : `The storage identity holds ${want.roleName} on the storage account ${where(want)}`,
    ...(present
      ? {}
      : {
          detail: `There is no ${want.roleName} assignment for ${observed.names.displayName[want.principal]} on ${want.scope}.${vaultNote ? ` ${vaultNote}` : ''}`,
          fix: `Deploy the setup again: it assigns ${want.roleName} on ${want.scope}.`,
          remedy: REDEPLOY,
        }),
  };
}

function accessPolicyFindings(observed: Observed, config: AzureSetupConfig): DoctorFinding[] {
  const sp = observed.apps.storage.sp?.id;
  const findings: DoctorFinding[] = [];
  for (const grant of config.vaults) {
    const vault = observed.vaults.find((v) => v.name.toLowerCase() === grant.name.toLowerCase());
    if (!vault || isRbacVault(vault)) continue;
    const ok = hasSecretAccess(vault, sp);
    const rbacGrant = observed.apps.storage.assignments.some(
      (a) =>
        sameId(a.properties.scope ?? '', vault.id) &&
        a.properties.roleDefinitionId.toLowerCase().endsWith(KEY_VAULT_SECRETS_USER),
    );
    findings.push({
      id: `access.storage.vault.${vault.name.toLowerCase()}`,
      area: 'access',
      status: ok ? 'pass' : 'fail',
      title: `The storage identity reads the secrets of the Key Vault ${vault.name} (access policy: secrets get, list)`,
      ...(ok
        ? {}
        : {
            detail: rbacGrant
              ? `The vault uses access policies now, not Azure RBAC: its Key Vault Secrets User assignment is ignored, and there is no access-policy entry for the storage identity.`
              : 'The vault has no access-policy entry with secrets get and list for the storage identity.',
            fix: `Deploy the setup again: it adds the access-policy entry on ${vault.name}.`,
            remedy: REDEPLOY,
          }),
    });
  }
  return findings;
}

/** Assignments of the setup's identities that the setup did not make (a wider reach than granted). */
function extraFinding(observed: Observed, wants: DesiredAssignment[], roles: Record<Purpose, DesiredRole>) {
  const extras = PURPOSES.flatMap((p) =>
    observed.apps[p].assignments
      .filter(
        (a) =>
          !wants.some(
            (w) =>
              w.principal === p &&
              sameId(w.scope, a.properties.scope ?? '') &&
              a.properties.roleDefinitionId.toLowerCase().endsWith(`/${w.roleGuid.toLowerCase()}`),
          ),
      )
      .map((a) => ({ p, a })),
  );
  const onlyStorageRole = extras.every(
    ({ p, a }) =>
      p === 'storage' && a.properties.roleDefinitionId.toLowerCase().endsWith(`/${roles.storage.guid.toLowerCase()}`),
  );
  return {
    id: 'access.no-other-assignment',
    area: 'access' as const,
    status: extras.length ? ('fail' as const) : ('pass' as const),
    title: 'The identities hold no role anywhere else',
    ...(extras.length
      ? {
          detail: `Also assigned: ${extras.map(({ p, a }) => `${a.properties.roleDefinitionId.split('/').at(-1)} for ${p} on ${a.properties.scope ?? a.id}`).join('; ')}.`,
          fix: onlyStorageRole
            ? 'Deploy the setup again: it removes storage-role assignments on accounts that are no longer granted.'
            : `Remove the assignments you did not mean: az role assignment delete --ids ${extras.map(({ a }) => `'${a.id}'`).join(' ')}.`,
          ...(onlyStorageRole ? { remedy: REDEPLOY } : {}),
        }
      : {}),
  };
}

function existFindings(observed: Observed, config: AzureSetupConfig): DoctorFinding[] {
  const accounts = config.storageAccounts.map((g): DoctorFinding => {
    const id = storageAccountId(config.subscriptionId, g.resourceGroup, g.name);
    const found = observed.accounts.some((a) => sameId(a.id, id));
    return {
      id: `live.account.${g.name}`,
      area: 'live',
      status: found ? 'pass' : 'fail',
      title: `The storage account ${g.name} exists`,
      ...(found
        ? {}
        : {
            detail: `There is no storage account ${g.name} in the resource group ${g.resourceGroup} any more.`,
            fix: `Make it again, or take it out of the setup: datachain-setup revoke storage-account ${g.name} (or Manage).`,
          }),
    };
  });
  const vaults = config.vaults.map((g): DoctorFinding => {
    const found = observed.vaults.some((v) => v.name.toLowerCase() === g.name.toLowerCase());
    return {
      id: `live.vault.${g.name.toLowerCase()}`,
      area: 'live',
      status: found ? 'pass' : 'fail',
      title: `The Key Vault ${g.name} exists`,
      ...(found
        ? {}
        : {
            detail: `There is no Key Vault ${g.name} in this subscription any more (a deleted vault can be recovered for its retention period).`,
            fix: `Recover it (az keyvault recover --name ${g.name}), or take it out of the setup: datachain-setup revoke key-vault ${g.name}.`,
          }),
    };
  });
  return [...accounts, ...vaults];
}

export function accessFindings(observed: Observed, config: AzureSetupConfig): DoctorFinding[] {
  const roles = {
    compute: desiredRole(observed, config, 'compute'),
    storage: desiredRole(observed, config, 'storage'),
  };
  const wants = desiredAssignments(observed, config, roles);
  const findings: DoctorFinding[] = [roleFinding(roles.compute)];
  if (roles.storage.assignableScopes.length) findings.push(roleFinding(roles.storage));
  const sp = observed.apps.storage.sp?.id;
  for (const want of wants) {
    const vault = want.grant === 'vault' ? observed.vaults.find((v) => sameId(v.id, want.scope)) : undefined;
    const switched =
      vault && (vault.properties.accessPolicies ?? []).some((e) => sp && e.objectId.toLowerCase() === sp.toLowerCase())
        ? 'The vault uses Azure RBAC now: its access policies, where this grant was, are ignored.'
        : undefined;
    findings.push(assignmentFinding(observed, want, switched));
  }
  findings.push(...accessPolicyFindings(observed, config), extraFinding(observed, wants, roles));
  findings.push(...existFindings(observed, config));
  return findings;
}
