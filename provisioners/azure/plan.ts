/**
 * The plan, computed from reads (ARM's what-if covers templates only, and Graph has none): for
 * every object create / update (with the diff) / no change / adopt / restore / delete / conflict,
 * and the ordered writes that make it so. Pure: the deploy runs the same function on fresh reads,
 * so a second deploy of the same config has no writes and a failed one resumes where it stopped.
 */
import type { Finding } from '../core/findings.schema';
import type { Revoking, Takeover } from '../core/setup.schema';
import type { AzureSetupConfig } from './config.schema';
import {
  desiredAssignments,
  desiredFics,
  desiredRole,
  existingAssignment,
  hasAnyEntry,
  hasSecretAccess,
  isRbacVault,
  roleNameClash,
  type DesiredAssignment,
  type DesiredFic,
  type DesiredRole,
} from './desired';
import {
  APP_TAG,
  ASSIGNMENT_DESCRIPTION,
  assignmentGuid,
  KEY_VAULT_SECRETS_USER,
  PURPOSES,
  ROLE_DESCRIPTION,
  sameId,
  storageAccountId,
  type Purpose,
} from './naming';
import { isRecordTag, recordTags, recordTooBig, type Adopted, type SetupRecord } from './record';
import type {
  AccessPolicyView,
  AzurePlanRow,
  FieldChange,
  RoleAssignmentView,
  RoleDefinitionView,
} from './setup.schema';
import type { RoleAssignmentShape as Assignment } from './shapes';
import type { Observed } from './state';
import { takeoverOf } from './takeover';

export type Op =
  | { t: 'register'; key: string; ns: string }
  | { t: 'rg'; key: string; location: string; tags: Record<string, string>; create: boolean }
  | { t: 'restore'; key: string; purpose: Purpose; deletedId: string }
  | { t: 'app'; key: string; purpose: Purpose; mode: 'upsert' | 'patch'; body: Record<string, unknown> }
  | { t: 'fic'; key: string; purpose: Purpose; fic: DesiredFic }
  | { t: 'sp'; key: string; purpose: Purpose }
  | { t: 'owner'; key: string; purpose: Purpose }
  | { t: 'role'; key: string; role: DesiredRole }
  | { t: 'roleDelete'; key: string; guid: string; scope: string }
  | { t: 'assign'; key: string; want: DesiredAssignment }
  | { t: 'unassign'; key: string; id: string; principal: Purpose }
  | { t: 'policyAdd'; key: string; vaultId: string; tenantId: string }
  | { t: 'policyRemove'; key: string; vaultId: string; tenantId: string; objectId: string };

export interface ComputedPlan {
  rows: AzurePlanRow[];
  roles: RoleDefinitionView[];
  assignments: RoleAssignmentView[];
  accessPolicies: AccessPolicyView[];
  ops: Op[];
  blockers: Finding[];
  warnings: Finding[];
  takeover?: Takeover;
  record: SetupRecord;
  /** create: nothing of the setup existed; update: something did. */
  action: 'create' | 'update';
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length &&
  [...a]
    .map((x) => x.toLowerCase())
    .sort()
    .join('\n') ===
    [...b]
      .map((x) => x.toLowerCase())
      .sort()
      .join('\n');
const minus = (a: readonly string[], b: readonly string[]) =>
  a.filter((x) => !b.some((y) => y.toLowerCase() === x.toLowerCase()));

function appBody(config: AzureSetupConfig, observed: Observed, purpose: Purpose) {
  return {
    displayName: observed.names.displayName[purpose],
    signInAudience: 'AzureADMyOrg',
    api: { requestedAccessTokenVersion: 2 },
    tags: [APP_TAG],
    notes: `Created by DataChain cluster setup for subscription ${config.subscriptionId}`,
  };
}

function roleBody(role: DesiredRole) {
  return {
    properties: {
      roleName: role.roleName,
      description: ROLE_DESCRIPTION[role.purpose],
      type: 'CustomRole',
      permissions: [{ actions: [...role.actions], notActions: [], dataActions: [], notDataActions: [] }],
      assignableScopes: role.assignableScopes,
    },
  };
}
export { roleBody };

class Builder {
  rows: AzurePlanRow[] = [];
  ops: Op[] = [];
  blockers: Finding[] = [];
  warnings: Finding[] = [];
  row(row: AzurePlanRow, ...ops: Op[]) {
    this.rows.push(row);
    if (row.action !== 'conflict') this.ops.push(...ops);
  }
  /** A row that blocks the plan: why (on the row), and what to do (the blocker). */
  conflict(row: Omit<AzurePlanRow, 'action' | 'changes'> & { changes?: FieldChange[] }, blocker: Finding) {
    this.rows.push({ ...row, action: 'conflict', changes: row.changes ?? [] });
    this.blockers.push(blocker);
  }
}

function planGroup(b: Builder, o: Observed, config: AzureSetupConfig, record: SetupRecord) {
  for (const p of o.providers.filter((p) => !p.registered))
    b.row(
      {
        key: `provider:${p.namespace}`,
        kind: 'provider',
        name: p.namespace,
        action: 'create',
        changes: [{ field: 'registrationState', before: p.state, after: 'Registered' }],
      },
      { t: 'register', key: `provider:${p.namespace}`, ns: p.namespace },
    );
  const ours = recordTags(record);
  if (recordTooBig(ours))
    b.blockers.push({
      code: 'RECORD_TOO_BIG',
      message: 'This setup has too many secrets and node pools for its record (the resource group tags).',
      hint: 'Remove some secrets or node pools.',
    });
  const rg = o.rg;
  const kept = Object.fromEntries(Object.entries(rg?.tags ?? {}).filter(([k]) => !isRecordTag(k)));
  const tags = { ...kept, ...config.tags, ...ours };
  if (Object.keys(tags).length > 50)
    b.blockers.push({
      code: 'TOO_MANY_TAGS',
      message: `The resource group would have ${Object.keys(tags).length} tags; Azure allows 50.`,
      hint: 'Remove some tags of your own from the resource group.',
    });
  const key = `resourceGroup:${config.resourceGroup}`;
  if (!rg) {
    b.row(
      {
        key,
        kind: 'resourceGroup',
        name: config.resourceGroup,
        action: 'create',
        scope: `/subscriptions/${config.subscriptionId}`,
        changes: [{ field: 'location', after: config.location }],
      },
      { t: 'rg', key, location: config.location, tags, create: true },
    );
    return;
  }
  if (rg.location.toLowerCase() !== config.location) {
    b.conflict(
      {
        key,
        kind: 'resourceGroup',
        name: rg.name,
        id: rg.id,
        changes: [{ field: 'location', before: rg.location, after: config.location }],
        reason: `The resource group ${rg.name} is in ${rg.location}, not ${config.location}.`,
      },
      {
        code: 'RESOURCE_GROUP_LOCATION',
        field: 'location',
        message: `The resource group ${rg.name} already exists in ${rg.location}.`,
        hint: `Choose ${rg.location} as the location, or another resource group name.`,
      },
    );
    return;
  }
  const changed = Object.keys({ ...tags, ...rg.tags }).filter((k) => tags[k] !== rg.tags[k]);
  const changes: FieldChange[] = changed.map((k) =>
    isRecordTag(k)
      ? { field: `tags.${k}`, after: 'the setup record' }
      : {
          field: `tags.${k}`,
          ...(rg.tags[k] !== undefined ? { before: rg.tags[k] } : {}),
          ...(tags[k] !== undefined ? { after: tags[k] } : {}),
        },
  );
  const adopt = rg.madeBy === 'foreign';
  b.row(
    {
      key,
      kind: 'resourceGroup',
      name: rg.name,
      id: rg.id,
      action: adopt ? 'adopt' : changes.length ? 'update' : 'none',
      changes,
      ...(adopt
        ? {
            reason:
              'It exists without this app’s marker (made by the Terraform or by hand): the setup adopts it and adds its tags.',
          }
        : {}),
    },
    ...(changes.length ? [{ t: 'rg' as const, key, location: rg.location, tags, create: false }] : []),
  );
}

function planApps(b: Builder, o: Observed, config: AzureSetupConfig) {
  const fics = desiredFics(config, o.names.displayName);
  for (const p of PURPOSES) {
    const s = o.apps[p];
    const key = `application:${p}`;
    const name = o.names.displayName[p];
    if (!s.app && s.deleted) {
      b.row(
        {
          key,
          kind: 'application',
          name,
          id: s.deleted.appId,
          action: 'restore',
          changes: [],
          reason: `An app of an earlier setup (client ID ${s.deleted.appId}) is in the Entra recycle bin and holds this name: the deploy restores it, so Studio’s saved client ID keeps working.`,
        },
        { t: 'restore', key, purpose: p, deletedId: s.deleted.id },
        { t: 'app', key, purpose: p, mode: 'upsert', body: appBody(config, o, p) },
      );
      b.warnings.push({
        code: 'APP_RESTORE',
        message: `The app ${name} will be restored from the Entra recycle bin (same client ID ${s.deleted.appId}).`,
      });
    } else if (!s.app) {
      b.row(
        {
          key,
          kind: 'application',
          name,
          action: 'create',
          changes: [{ field: 'uniqueName', after: o.names.uniqueName[p] }],
        },
        { t: 'app', key, purpose: p, mode: 'upsert', body: appBody(config, o, p) },
      );
    } else if (s.source === 'adopted') {
      const v = s.app.api?.requestedAccessTokenVersion ?? undefined;
      const changes: FieldChange[] =
        v === 2
          ? []
          : [{ field: 'api.requestedAccessTokenVersion', ...(v != null ? { before: String(v) } : {}), after: '2' }];
      b.row(
        {
          key,
          kind: 'application',
          name,
          id: s.app.appId,
          action: 'adopt',
          changes,
          reason: 'Made by the Terraform: the setup adopts it (and never sets a unique name on it).',
        },
        ...(changes.length
          ? [
              {
                t: 'app' as const,
                key,
                purpose: p,
                mode: 'patch' as const,
                body: { api: { requestedAccessTokenVersion: 2 } },
              },
            ]
          : []),
      );
    } else {
      const body = appBody(config, o, p);
      const changes: FieldChange[] = [];
      if (s.app.api?.requestedAccessTokenVersion !== 2)
        changes.push({ field: 'api.requestedAccessTokenVersion', after: '2' });
      if (s.app.displayName !== body.displayName)
        changes.push({
          field: 'displayName',
          ...(s.app.displayName ? { before: s.app.displayName } : {}),
          after: body.displayName,
        });
      if (!(s.app.tags ?? []).includes(APP_TAG)) changes.push({ field: 'tags', after: APP_TAG });
      b.row(
        { key, kind: 'application', name, id: s.app.appId, action: changes.length ? 'update' : 'none', changes },
        ...(changes.length ? [{ t: 'app' as const, key, purpose: p, mode: 'upsert' as const, body }] : []),
      );
    }
    planFic(b, o, p, fics[p]);
  }
  for (const p of PURPOSES) {
    const s = o.apps[p];
    const key = `servicePrincipal:${p}`;
    b.row(
      {
        key,
        kind: 'servicePrincipal',
        name: o.names.displayName[p],
        action: s.sp ? 'none' : 'create',
        changes: [],
        ...(s.sp ? { id: s.sp.id } : {}),
      },
      ...(s.sp ? [] : [{ t: 'sp' as const, key, purpose: p }]),
    );
    const owned = s.owners.some((id) => id.toLowerCase() === o.me.id.toLowerCase());
    const okey = `owner:${p}`;
    b.row(
      {
        key: okey,
        kind: 'owner',
        name: `${o.names.displayName[p]} owner`,
        action: owned ? 'none' : 'create',
        changes: owned ? [] : [{ field: 'owners', after: o.me.userPrincipalName ?? o.me.id }],
      },
      ...(owned ? [] : [{ t: 'owner' as const, key: okey, purpose: p }]),
    );
  }
}

function planFic(b: Builder, o: Observed, p: Purpose, want: DesiredFic) {
  const key = `federatedCredential:${p}`;
  const have = o.apps[p].fics.find((f) => f.name.toLowerCase() === want.name.toLowerCase());
  const changes: FieldChange[] = [];
  if (!have) changes.push({ field: 'subject', after: want.subject }, { field: 'issuer', after: want.issuer });
  else {
    if (have.issuer !== want.issuer) changes.push({ field: 'issuer', before: have.issuer, after: want.issuer });
    if (have.subject !== want.subject)
      changes.push({ field: 'subject', ...(have.subject ? { before: have.subject } : {}), after: want.subject });
    if (!same(have.audiences, want.audiences))
      changes.push({ field: 'audiences', before: have.audiences.join(', '), after: want.audiences.join(', ') });
  }
  const other = o.apps[p].fics.find((f) => f !== have && f.issuer === want.issuer && f.subject === want.subject);
  const row = { key, kind: 'federatedCredential' as const, name: want.name, changes };
  if (other) {
    b.conflict(
      { ...row, reason: `Another federated credential (${other.name}) of this app already trusts ${want.subject}.` },
      {
        code: 'FIC_DUPLICATE',
        message: `The app ${o.names.displayName[p]} already has a federated credential ${other.name} for the same issuer and subject.`,
        hint: 'Remove that credential from the app registration, then plan again.',
      },
    );
    return;
  }
  if (!have && o.apps[p].fics.length >= 20) {
    b.conflict(
      { ...row, reason: 'The app has 20 federated credentials, the most Entra allows.' },
      {
        code: 'FIC_LIMIT',
        message: `The app ${o.names.displayName[p]} has the maximum of 20 federated credentials.`,
        hint: 'Remove unused federated credentials from the app registration.',
      },
    );
    return;
  }
  b.row(
    {
      key,
      kind: 'federatedCredential',
      name: want.name,
      action: !have ? 'create' : changes.length ? 'update' : 'none',
      changes,
    },
    ...(changes.length ? [{ t: 'fic' as const, key, purpose: p, fic: want }] : []),
  );
}

function roleView(role: DesiredRole, action: AzurePlanRow['action']): RoleDefinitionView {
  const actions = role.existing?.properties.permissions?.flatMap((p) => p.actions ?? []) ?? [];
  const scopes = role.existing?.properties.assignableScopes ?? [];
  return {
    purpose: role.purpose,
    guid: role.guid,
    roleName: role.roleName,
    scope: role.scope,
    action,
    actions: [...role.actions],
    assignableScopes: role.assignableScopes,
    addedActions: minus(role.actions, actions),
    removedActions: role.existing ? minus(actions, role.actions) : [],
    addedScopes: minus(role.assignableScopes, scopes),
    removedScopes: role.existing ? minus(scopes, role.assignableScopes) : [],
  };
}

function planRoles(
  b: Builder,
  o: Observed,
  config: AzureSetupConfig,
  roles: Record<Purpose, DesiredRole>,
): RoleDefinitionView[] {
  const views: RoleDefinitionView[] = [];
  for (const p of PURPOSES) {
    const role = roles[p];
    const key = `roleDefinition:${p}`;
    if (p === 'storage' && role.assignableScopes.length === 0) {
      if (role.existing) {
        views.push({ ...roleView(role, 'delete'), assignableScopes: [] });
        b.rows.push({
          key,
          kind: 'roleDefinition',
          name: role.roleName,
          id: role.guid,
          action: 'delete',
          changes: [],
          reason: 'No storage account is granted any more.',
        });
      }
      continue;
    }
    const clash = roleNameClash(o, role);
    if (clash) {
      b.conflict(
        {
          key,
          kind: 'roleDefinition',
          name: role.roleName,
          reason: `A custom role named ${role.roleName} already exists in the tenant (${(clash.properties.assignableScopes ?? []).join(', ') || clash.id}).`,
        },
        {
          code: 'ROLE_NAME_TAKEN',
          message: `A custom role named ${role.roleName} already exists in your tenant, assignable on ${(clash.properties.assignableScopes ?? []).join(', ') || 'another scope'}.`,
          hint: 'Custom role names are unique per tenant: choose a name prefix for this setup, or remove that role.',
        },
      );
      views.push(roleView(role, 'conflict'));
      continue;
    }
    const view = roleView(role, 'create');
    const existingName = role.existing?.properties.roleName;
    const changes: FieldChange[] = [
      ...view.addedActions.map((a) => ({ field: 'actions', after: a })),
      ...view.removedActions.map((a) => ({ field: 'actions', before: a })),
      ...view.addedScopes.map((s) => ({ field: 'assignableScopes', after: s })),
      ...view.removedScopes.map((s) => ({ field: 'assignableScopes', before: s })),
      ...(role.existing && existingName !== role.roleName
        ? [{ field: 'roleName', ...(existingName ? { before: existingName } : {}), after: role.roleName }]
        : []),
    ];
    const action: AzurePlanRow['action'] = !role.existing
      ? 'create'
      : changes.length
        ? role.adopted
          ? 'adopt'
          : 'update'
        : role.adopted
          ? 'adopt'
          : 'none';
    views.push({ ...view, action });
    b.row(
      {
        key,
        kind: 'roleDefinition',
        name: role.roleName,
        id: role.guid,
        scope: role.scope,
        action,
        changes,
        ...(role.adopted ? { reason: 'Made by the Terraform: the setup adopts it (same GUID and name).' } : {}),
      },
      ...(!role.existing || changes.length ? [{ t: 'role' as const, key, role }] : []),
    );
  }
  void config;
  return views;
}

const assignmentView = (want: DesiredAssignment, name: string) => ({
  name,
  scope: want.scope,
  principal: want.principal,
  roleName: want.roleName,
  roleDefinitionId: want.roleDefinitionId,
});

/** An assignment that already has the name our grant would take (names are unique in Azure). */
function heldElsewhere(o: Observed, name: string) {
  return o.subscriptionAssignments?.find((a) => a.name.toLowerCase() === name.toLowerCase());
}

function assignmentNameTaken(b: Builder, o: Observed, want: DesiredAssignment, key: string, held: Assignment) {
  const heldScope = held.properties.scope ?? held.id.split('/providers/Microsoft.Authorization/')[0]!;
  const ours = held.properties.description === ASSIGNMENT_DESCRIPTION;
  const what = `${want.roleName} → ${o.names.displayName[want.principal]}`;
  const other = sameId(heldScope, want.scope)
    ? `another identity (${held.properties.principalId}) on the same scope`
    : `a grant on ${heldScope}`;
  b.conflict(
    {
      key,
      kind: 'roleAssignment',
      name: what,
      scope: want.scope,
      id: held.id,
      reason: `The role assignment name ${held.name} that this grant takes is already used by ${other}${ours ? ' (a stale grant of an earlier DataChain setup)' : ''}: Azure would refuse to create it.`,
    },
    {
      code: 'ASSIGNMENT_NAME_TAKEN',
      message: `The role assignment ${held.name} (${what} on ${want.scope}) already exists for ${other}.`,
      hint: `Remove that role assignment (Access control (IAM) on ${heldScope}, or az role assignment delete --ids ${held.id}; it needs Owner or User Access Administrator there), then plan again.`,
    },
  );
}

function planAssignments(
  b: Builder,
  o: Observed,
  config: AzureSetupConfig,
  roles: Record<Purpose, DesiredRole>,
  recorded?: SetupRecord,
) {
  const wants = desiredAssignments(o, config, roles);
  const views: RoleAssignmentView[] = [];
  const creates: Op[] = [];
  for (const want of wants) {
    const have = existingAssignment(o, want);
    const key = `roleAssignment:${want.principal}:${want.scope.toLowerCase()}:${want.roleGuid}`;
    const principalId = o.apps[want.principal].sp?.id;
    const name = have?.name ?? (principalId ? assignmentGuid(want.scope, want.roleGuid, principalId) : undefined);
    const held = have || !name ? undefined : heldElsewhere(o, name);
    if (held) {
      views.push({ ...assignmentView(want, name!), action: 'conflict' });
      assignmentNameTaken(b, o, want, key, held);
      continue;
    }
    const action = have ? 'none' : 'create';
    views.push({
      name: name ?? '(named when the identity exists)',
      scope: want.scope,
      principal: want.principal,
      roleName: want.roleName,
      roleDefinitionId: want.roleDefinitionId,
      action,
    });
    b.rows.push({
      key,
      kind: 'roleAssignment',
      name: `${want.roleName} → ${o.names.displayName[want.principal]}`,
      scope: want.scope,
      action,
      changes: [],
      ...(have ? { id: have.id } : {}),
    });
    if (!have) creates.push({ t: 'assign', key, want });
  }
  // Grants that are no longer wanted: the storage role anywhere, Key Vault Secrets User on a vault the record granted.
  const recordedVaults = new Set((recorded?.config.vaults ?? []).map((v) => v.name.toLowerCase()));
  const removes: Op[] = [];
  for (const a of o.apps.storage.assignments) {
    const guid = a.properties.roleDefinitionId.split('/').at(-1)!.toLowerCase();
    const scope = a.properties.scope ?? '';
    const wanted = wants.some(
      (w) => w.principal === 'storage' && sameId(w.scope, scope) && w.roleGuid.toLowerCase() === guid,
    );
    if (wanted) continue;
    const storageRole = guid === roles.storage.guid.toLowerCase();
    const vaultName = /\/vaults\/([^/]+)$/i.exec(scope)?.[1]?.toLowerCase();
    const revokedVault = guid === KEY_VAULT_SECRETS_USER && vaultName !== undefined && recordedVaults.has(vaultName);
    if (!storageRole && !revokedVault) continue;
    const key = `roleAssignment:storage:${scope.toLowerCase()}:${guid}`;
    views.push({
      name: a.name,
      scope,
      principal: 'storage',
      roleName: storageRole ? roles.storage.roleName : 'Key Vault Secrets User',
      roleDefinitionId: a.properties.roleDefinitionId,
      action: 'delete',
    });
    b.rows.push({
      key,
      kind: 'roleAssignment',
      name: `${storageRole ? roles.storage.roleName : 'Key Vault Secrets User'} → ${o.names.displayName.storage}`,
      scope,
      id: a.id,
      action: 'delete',
      changes: [],
      reason: 'No longer granted.',
    });
    removes.push({ t: 'unassign', key, id: a.id, principal: 'storage' });
  }
  return { views, creates, removes };
}

function planPolicies(b: Builder, o: Observed, config: AzureSetupConfig, recorded?: SetupRecord) {
  const views: AccessPolicyView[] = [];
  const adds: Op[] = [];
  const removes: Op[] = [];
  const sp = o.apps.storage.sp?.id;
  const wanted = new Set(config.vaults.map((v) => v.name.toLowerCase()));
  for (const vault of o.vaults.filter((v) => !isRbacVault(v))) {
    const name = vault.name.toLowerCase();
    const key = `accessPolicy:${vault.id.toLowerCase()}`;
    if (wanted.has(name)) {
      const ok = hasSecretAccess(vault, sp);
      views.push({ vaultId: vault.id, vault: vault.name, secrets: ['get', 'list'], action: ok ? 'none' : 'create' });
      b.rows.push({
        key,
        kind: 'accessPolicy',
        name: `${vault.name}: secrets get, list`,
        scope: vault.id,
        action: ok ? 'none' : hasAnyEntry(vault, sp) ? 'update' : 'create',
        changes: ok ? [] : [{ field: 'permissions.secrets', after: 'get, list' }],
      });
      if (!ok)
        adds.push({ t: 'policyAdd', key, vaultId: vault.id, tenantId: vault.properties.tenantId ?? config.tenantId });
    } else if (
      sp &&
      hasAnyEntry(vault, sp) &&
      (recorded?.config.vaults ?? []).some((v) => v.name.toLowerCase() === name)
    ) {
      views.push({ vaultId: vault.id, vault: vault.name, secrets: [], action: 'delete' });
      b.rows.push({
        key,
        kind: 'accessPolicy',
        name: `${vault.name}: secrets get, list`,
        scope: vault.id,
        action: 'delete',
        changes: [{ field: 'permissions.secrets', before: 'get, list' }],
        reason: 'No longer granted.',
      });
      removes.push({
        t: 'policyRemove',
        key,
        vaultId: vault.id,
        tenantId: vault.properties.tenantId ?? config.tenantId,
        objectId: sp,
      });
    }
  }
  return { views, adds, removes };
}

function checkGrants(b: Builder, o: Observed, config: AzureSetupConfig) {
  config.storageAccounts.forEach((g, i) => {
    const id = storageAccountId(config.subscriptionId, g.resourceGroup, g.name);
    const found = o.accounts.find((a) => sameId(a.id, id));
    if (!found)
      b.blockers.push({
        code: 'STORAGE_ACCOUNT_NOT_FOUND',
        field: `storageAccounts.${i}`,
        message: `There is no storage account ${g.name} in the resource group ${g.resourceGroup}.`,
        hint: 'Pick it from the list: the name and its resource group must match.',
      });
    else if (found.allowSharedKeyAccess === false)
      b.warnings.push({
        code: 'SHARED_KEY_DISABLED',
        field: `storageAccounts.${i}`,
        message: `Shared key access is off on ${g.name}: the storage role reads the account keys, so Studio cannot use it until shared keys are allowed.`,
      });
  });
  config.vaults.forEach((g, i) => {
    const found = o.vaults.find((v) => v.name.toLowerCase() === g.name.toLowerCase());
    if (!found)
      b.blockers.push({
        code: 'KEY_VAULT_NOT_FOUND',
        field: `vaults.${i}`,
        message: `There is no Key Vault ${g.name} in this subscription.`,
        hint: 'Pick it from the list.',
      });
  });
  config.secrets.forEach((s, i) => {
    const host = new URL(s.id).host.toLowerCase();
    const vault = o.vaults.find((v) => {
      try {
        return new URL(v.properties.vaultUri ?? '').host.toLowerCase() === host;
      } catch {
        return false;
      }
    });
    if (!vault)
      b.blockers.push({
        code: 'SECRET_VAULT_UNKNOWN',
        field: `secrets.${i}.id`,
        message: `No granted Key Vault answers at ${host}.`,
        hint: 'Pick the secret from its vault’s list.',
      });
  });
}

/** The plan for a config over what exists. `setupId` names a new setup (kept when one exists). */
export function computePlan(
  o: Observed,
  config: AzureSetupConfig,
  options: { setupId: string; revoking?: Revoking },
): ComputedPlan {
  const b = new Builder();
  const recorded = o.record.ours && 'record' in o.record ? o.record.record : undefined;
  if (o.record.ours && 'problem' in o.record)
    b.blockers.push({
      code: 'RECORD_UNREADABLE',
      message: `The resource group ${config.resourceGroup} was made by this app, but ${o.record.problem}.`,
      hint: 'Update DataChain Cluster Setup: a newer version may have made it.',
    });
  const roles = { compute: desiredRole(o, config, 'compute'), storage: desiredRole(o, config, 'storage') };
  const adopted: Adopted = {
    apps: {
      ...(o.apps.compute.source === 'adopted' && o.apps.compute.app ? { compute: o.apps.compute.app.appId } : {}),
      ...(o.apps.storage.source === 'adopted' && o.apps.storage.app ? { storage: o.apps.storage.app.appId } : {}),
    },
    roles: {
      ...(roles.compute.adopted ? { compute: roles.compute.guid } : {}),
      ...(roles.storage.adopted ? { storage: roles.storage.guid } : {}),
    },
    resourceGroup: recorded?.adopted.resourceGroup ?? (o.rg ? o.rg.madeBy === 'foreign' : false),
  };
  const setupId =
    recorded?.setupId ??
    (o.record.ours && 'setupId' in o.record && o.record.setupId ? o.record.setupId : options.setupId);
  const record: SetupRecord = { setupId, config, adopted };
  checkGrants(b, o, config);
  planGroup(b, o, config, record);
  planApps(b, o, config);
  const roleViews = planRoles(b, o, config, roles);
  const a = planAssignments(b, o, config, roles, recorded);
  const ap = planPolicies(b, o, config, recorded);
  b.rows.push(...[]);
  // Order: group, apps, credentials, principals and owners, compute role (all in b.ops so far);
  // then removals, the storage role's final scopes (or its deletion), new grants.
  const storageRoleOps = b.ops.filter((op) => op.t === 'role' && op.role.purpose === 'storage');
  const ops = b.ops.filter((op) => !storageRoleOps.includes(op));
  ops.push(...a.removes, ...ap.removes);
  if (roles.storage.assignableScopes.length === 0 && roles.storage.existing)
    ops.push({ t: 'roleDelete', key: 'roleDefinition:storage', guid: roles.storage.guid, scope: roles.storage.scope });
  ops.push(...storageRoleOps, ...a.creates, ...ap.adds);
  const takeover = recorded ? takeoverOf(recorded.config, config, options.revoking) : undefined;
  const existedBefore = Boolean(o.rg || o.apps.compute.app || o.apps.storage.app);
  return {
    rows: b.rows,
    roles: roleViews,
    assignments: a.views,
    accessPolicies: ap.views,
    ops: b.blockers.length ? [] : ops,
    blockers: b.blockers,
    warnings: b.warnings,
    ...(takeover ? { takeover } : {}),
    record,
    action: existedBefore ? 'update' : 'create',
  };
}
