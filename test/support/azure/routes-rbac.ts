/**
 * Microsoft.Authorization 2022-04-01: role definitions (tenant-unique custom role names, assignable
 * scopes that must exist, no delete while assigned), role assignments (GUID names, one per
 * principal+role+scope, immutable principal/scope, principal and role replication windows) and the
 * caller's permissions on a resource group or resource.
 */
import { API, authorize, groupOf, resolveScope, subscriptionOf } from './arm-common';
import type { PeerEngine } from './engine';
import { armError, ok, type Ctx, type Route } from './http';
import { effectivePermissions, findRoleDefinition, principalsOf, sameScope } from './rbac';
import {
  BUILT_IN_ROLES,
  groupScope,
  norm,
  roleDefinitionId,
  within,
  type Permission,
  type RoleAssignment,
  type RoleDefinition,
} from './state';

type R = Route<PeerEngine>;
const arm = (r: Omit<R, 'host' | 'auth' | 'apiVersions'>): R => ({
  host: 'management.azure.com',
  auth: 'arm',
  apiVersions: API.authorization,
  ...r,
});
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const scopeParam = (ctx: Ctx<PeerEngine>) => `/${ctx.params.scope ?? ''}`.replace(/\/+$/, '') || '/';

function definitionBody(def: RoleDefinition, atScope?: string) {
  const sub = atScope?.match(/^\/subscriptions\/([^/]+)/i)?.[1];
  return {
    id: roleDefinitionId(def, sub),
    name: def.name,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: def.roleName,
      description: def.description,
      type: def.type,
      permissions: def.permissions.map((p) => structuredClone(p)),
      assignableScopes: [...def.assignableScopes],
    },
  };
}

/** Definitions usable at `scope`: built-ins, and custom roles with an assignable scope at or above it. */
function visibleAt(peer: PeerEngine, tenantId: string, scope: string): RoleDefinition[] {
  const custom = [...peer.state.roleDefinitions.values()].filter(
    (d) => d.tenantId === tenantId && (scope === '/' || d.assignableScopes.some((s) => within(scope, s))),
  );
  return [...BUILT_IN_ROLES, ...custom];
}

function filterDefinitions(defs: RoleDefinition[], filter: string | null): RoleDefinition[] {
  if (!filter) return defs;
  const name = /^roleName eq '(.*)'$/i.exec(filter.trim());
  if (name) return defs.filter((d) => d.roleName.toLowerCase() === name[1]!.toLowerCase());
  const type = /^type eq '(BuiltInRole|CustomRole)'$/i.exec(filter.trim());
  if (type) return defs.filter((d) => d.type.toLowerCase() === type[1]!.toLowerCase());
  throw armError(
    400,
    'InvalidFilterParameter',
    `The filter '${filter}' is not supported. Supported filters: roleName eq '{name}', type eq 'BuiltInRole|CustomRole'.`,
  );
}

function listDefinitions(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  if (scope !== '/') resolveScope(ctx, scope);
  const defs = filterDefinitions(visibleAt(ctx.peer, ctx.caller!.tid, scope), ctx.query.get('$filter'));
  return ok({ value: defs.map((d) => definitionBody(d, scope)) });
}

function definitionAt(ctx: Ctx<PeerEngine>, scope: string, guid: string): RoleDefinition | undefined {
  const builtIn = BUILT_IN_ROLES.find((r) => r.name === guid.toLowerCase());
  if (builtIn) return builtIn;
  const def = ctx.peer.state.roleDefinitions.get(guid.toLowerCase());
  if (!def || def.tenantId !== ctx.caller!.tid) return undefined;
  return scope === '/' || sameScope(def.scope, scope) || def.assignableScopes.some((s) => within(scope, s))
    ? def
    : undefined;
}

const noSuchDefinition = (guid: string) =>
  armError(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${guid}' does not exist.`);

function getDefinition(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  if (scope !== '/') resolveScope(ctx, scope);
  const def = definitionAt(ctx, scope, ctx.params.id!);
  if (!def) throw noSuchDefinition(ctx.params.id!);
  return ok(definitionBody(def, scope));
}

const emptyPermission = (p: Partial<Permission>): Permission => ({
  actions: [...(p.actions ?? [])],
  notActions: [...(p.notActions ?? [])],
  dataActions: [...(p.dataActions ?? [])],
  notDataActions: [...(p.notDataActions ?? [])],
});

function putDefinition(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  const guid = ctx.params.id!.toLowerCase();
  if (!GUID.test(guid))
    throw armError(
      400,
      'RoleDefinitionIdNotValidGuid',
      `The role definition ID '${ctx.params.id}' is not a valid GUID.`,
    );
  resolveScope(ctx, scope);
  const props = (
    ctx.body as {
      properties: {
        roleName: string;
        description?: string;
        type?: string;
        permissions: Partial<Permission>[];
        assignableScopes: string[];
      };
    }
  ).properties;
  if (props.type && props.type !== 'CustomRole')
    throw armError(
      400,
      'InvalidRoleDefinitionType',
      `The role definition type '${props.type}' is not valid; custom roles have type 'CustomRole'.`,
    );
  if (BUILT_IN_ROLES.some((r) => r.name === guid))
    throw armError(403, 'AuthorizationFailed', `Built-in role definition '${guid}' cannot be modified.`);
  if (!props.assignableScopes.length)
    throw armError(400, 'InvalidAssignableScopes', 'The role definition must have at least one assignable scope.');
  if (!props.permissions.length)
    throw armError(400, 'InvalidRoleDefinitionPermissions', 'The role definition must have at least one permission.');
  authorize(ctx, 'Microsoft.Authorization/roleDefinitions/write', scope);
  for (const s of props.assignableScopes) {
    resolveScope(ctx, s);
    authorize(ctx, 'Microsoft.Authorization/roleDefinitions/write', s);
  }
  const tenantId = ctx.caller!.tid;
  const clash = [...ctx.peer.state.roleDefinitions.values()].find(
    (d) => d.tenantId === tenantId && d.name !== guid && d.roleName.toLowerCase() === props.roleName.toLowerCase(),
  );
  if (clash || BUILT_IN_ROLES.some((r) => r.roleName.toLowerCase() === props.roleName.toLowerCase())) {
    throw armError(
      409,
      'RoleDefinitionWithSameNameExists',
      'A role definition cannot be updated with a name that already exists.',
    );
  }
  const existing = ctx.peer.state.roleDefinitions.get(guid);
  if (existing && !sameScope(existing.scope, scope)) {
    throw armError(
      409,
      'RoleDefinitionExists',
      `A role definition with ID '${guid}' already exists at scope '${existing.scope}'.`,
    );
  }
  const def: RoleDefinition = {
    name: guid,
    tenantId,
    scope: existing?.scope ?? scope,
    roleName: props.roleName,
    description: props.description ?? '',
    type: 'CustomRole',
    permissions: props.permissions.map(emptyPermission),
    assignableScopes: [...props.assignableScopes],
    createdAt: Date.now(),
  };
  ctx.peer.state.roleDefinitions.set(guid, def);
  return ok(definitionBody(def, scope), 201);
}

function deleteDefinition(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  resolveScope(ctx, scope);
  authorize(ctx, 'Microsoft.Authorization/roleDefinitions/delete', scope);
  const guid = ctx.params.id!.toLowerCase();
  const def = ctx.peer.state.roleDefinitions.get(guid);
  if (!def || def.tenantId !== ctx.caller!.tid || !sameScope(def.scope, scope)) return { status: 204 };
  const inUse = [...ctx.peer.state.roleAssignments.values()].some((a) =>
    a.roleDefinitionId.toLowerCase().endsWith(`/${guid}`),
  );
  if (inUse)
    throw armError(
      409,
      'RoleDefinitionHasAssignments',
      `There are existing role assignments referencing role (code: RoleDefinitionHasAssignments).`,
    );
  ctx.peer.state.roleDefinitions.delete(guid);
  return ok(definitionBody(def, scope), 200);
}

export function assignmentBody(a: RoleAssignment) {
  return {
    id: `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: a.roleDefinitionId,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      ...(a.description ? { description: a.description } : {}),
      createdOn: a.createdOn,
      updatedOn: a.updatedOn,
      createdBy: a.createdBy,
      updatedBy: a.createdBy,
    },
  };
}

const assignmentKey = (scope: string, name: string) =>
  norm(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`);

interface AssignmentBody {
  properties: {
    roleDefinitionId: string;
    principalId: string;
    principalType?: RoleAssignment['principalType'];
    description?: string;
  };
}

function principalOf(
  ctx: Ctx<PeerEngine>,
  principalId: string,
  principalType?: string,
): { type: RoleAssignment['principalType'] } {
  const peer = ctx.peer;
  const tenant = peer.tenant(ctx.caller!.tid);
  const sp = tenant.servicePrincipals.get(principalId);
  const user = tenant.users.get(principalId);
  const group = tenant.groups.get(principalId);
  const notFound = () =>
    armError(
      400,
      'PrincipalNotFound',
      `Principal ${principalId.replaceAll('-', '')} does not exist in the directory ${tenant.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
    );
  if (!sp && !user && !group) throw notFound();
  const actual = sp ? 'ServicePrincipal' : group ? 'Group' : 'User';
  if (
    sp &&
    Date.now() - sp.createdAt < peer.replication.principalAfterServicePrincipal &&
    !(principalType && peer.replication.principalTypeSkipsLookup)
  )
    throw notFound();
  if (principalType && principalType !== actual) {
    throw armError(
      400,
      'UnmatchedPrincipalType',
      `The PrincipalId '${principalId.replaceAll('-', '')}' has type '${actual}' , which is different from specified PrincipalType '${principalType}'.`,
    );
  }
  return { type: actual };
}

function putAssignment(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  const name = ctx.params.name!.toLowerCase();
  if (!GUID.test(name))
    throw armError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${ctx.params.name}' is not valid. The role assignment ID must be a GUID.`,
    );
  const target = resolveScope(ctx, scope);
  authorize(ctx, 'Microsoft.Authorization/roleAssignments/write', scope);
  const props = (ctx.body as AssignmentBody).properties;
  const guid = props.roleDefinitionId.split('/').pop() ?? '';
  const def = definitionAt(ctx, scope, guid);
  const wrongSubscription =
    !props.roleDefinitionId.toLowerCase().startsWith(`/subscriptions/${target.sub.subscriptionId}/`) &&
    !props.roleDefinitionId.toLowerCase().startsWith('/providers/');
  if (!def || wrongSubscription || !def.assignableScopes.some((s) => within(scope, s))) {
    throw armError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${guid}' does not exist.`,
    );
  }
  if (def.type === 'CustomRole' && Date.now() - def.createdAt < ctx.peer.replication.roleDefinitionAfterPut) {
    throw armError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${guid}' does not exist.`,
    );
  }
  const principal = principalOf(ctx, props.principalId, props.principalType);
  const key = assignmentKey(scope, name);
  const existing = ctx.peer.state.roleAssignments.get(key);
  if (existing) {
    const same =
      existing.principalId === props.principalId &&
      sameScope(existing.scope, scope) &&
      findRoleDefinition(ctx.peer.state, existing.roleDefinitionId)?.name === def.name;
    if (!same)
      throw armError(
        400,
        'RoleAssignmentUpdateNotPermitted',
        'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      );
    existing.description = props.description;
    existing.updatedOn = new Date().toISOString();
    return ok(assignmentBody(existing), 200);
  }
  // Assignment names are unique GUIDs, not per scope: the same name elsewhere is "updating" its scope
  // (Azure-Landing-Zones#650: a name reused at another management group answered 400).
  const elsewhere = [...ctx.peer.state.roleAssignments.values()].find(
    (a) => a.tenantId === ctx.caller!.tid && a.name.toLowerCase() === name,
  );
  if (elsewhere)
    throw armError(
      400,
      'RoleAssignmentUpdateNotPermitted',
      'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
    );
  for (const a of ctx.peer.state.roleAssignments.values()) {
    if (
      a.principalId === props.principalId &&
      sameScope(a.scope, scope) &&
      findRoleDefinition(ctx.peer.state, a.roleDefinitionId)?.name === def.name
    ) {
      throw armError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
    }
  }
  const now = new Date().toISOString();
  const assignment: RoleAssignment = {
    name,
    tenantId: ctx.caller!.tid,
    scope: canonicalScope(target, scope),
    roleDefinitionId: `/subscriptions/${target.sub.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${def.name}`,
    principalId: props.principalId,
    principalType: props.principalType ?? principal.type,
    description: props.description,
    createdOn: now,
    updatedOn: now,
    createdBy: ctx.caller!.oid,
  };
  ctx.peer.state.roleAssignments.set(key, assignment);
  return ok(assignmentBody(assignment), 201);
}

function canonicalScope(target: ReturnType<typeof resolveScope>, scope: string): string {
  switch (target.kind) {
    case 'subscription':
      return `/subscriptions/${target.sub.subscriptionId}`;
    case 'resourceGroup':
      return groupScope(target.sub.subscriptionId, target.rg.name);
    case 'storageAccount':
      return target.account.id;
    case 'vault':
      return target.vault.id;
    default:
      return scope;
  }
}

function getAssignment(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  resolveScope(ctx, scope);
  authorize(ctx, 'Microsoft.Authorization/roleAssignments/read', scope);
  const a = ctx.peer.state.roleAssignments.get(assignmentKey(scope, ctx.params.name!));
  if (!a) throw armError(404, 'RoleAssignmentNotFound', `The role assignment '${ctx.params.name}' is not found.`);
  return ok(assignmentBody(a));
}

function deleteAssignment(ctx: Ctx<PeerEngine>) {
  const scope = scopeParam(ctx);
  resolveScope(ctx, scope);
  authorize(ctx, 'Microsoft.Authorization/roleAssignments/delete', scope);
  const key = assignmentKey(scope, ctx.params.name!);
  const a = ctx.peer.state.roleAssignments.get(key);
  if (!a) return { status: 204 };
  ctx.peer.state.roleAssignments.delete(key);
  return ok(assignmentBody(a), 200);
}

function listAssignments(ctx: Ctx<PeerEngine>, scope: string) {
  resolveScope(ctx, scope);
  authorize(ctx, 'Microsoft.Authorization/roleAssignments/read', scope);
  const filter = (ctx.query.get('$filter') ?? '').trim();
  // principalId eq: that principal's own assignments; assignedTo(): also those of its groups,
  // transitively, and only for a user or service principal (learn.microsoft.com, "List Azure role
  // assignments using the REST API"; Azure's exact answer to a group id is not documented).
  let principals: Set<string> | undefined;
  let atScopeOnly = false;
  if (filter) {
    const m = /^(?:principalId eq '([^']+)'|assignedTo\('([^']+)'\))$/i.exec(filter);
    if (m?.[1]) principals = new Set([m[1].toLowerCase()]);
    else if (m?.[2]) {
      const id = m[2].toLowerCase();
      if (ctx.peer.tenant(ctx.caller!.tid).groups.has(id))
        throw armError(
          400,
          'UnsupportedQuery',
          `assignedTo() takes the object id of a user or a service principal, not of a group ('${m[2]}').`,
        );
      principals = principalsOf(ctx.peer.state, id);
    } else if (/^atScope\(\)$/i.test(filter)) atScopeOnly = true;
    else
      throw armError(
        400,
        'UnsupportedQuery',
        `The filter '${filter}' is not supported. Supported filters: principalId eq '{id}', assignedTo('{id}'), atScope().`,
      );
  }
  const value = [...ctx.peer.state.roleAssignments.values()].filter((a) => {
    if (a.tenantId !== ctx.caller!.tid) return false;
    if (principals && !principals.has(a.principalId.toLowerCase())) return false;
    if (atScopeOnly) return within(scope, a.scope);
    return within(scope, a.scope) || within(a.scope, scope);
  });
  return ok({ value: value.map(assignmentBody) });
}

function permissions(ctx: Ctx<PeerEngine>, scope: string) {
  resolveScope(ctx, scope);
  const value = effectivePermissions(ctx.peer.state, ctx.caller!.oid, scope).map((p) => ({
    actions: [...p.actions],
    notActions: [...p.notActions],
    dataActions: [...p.dataActions],
    notDataActions: [...p.notDataActions],
  }));
  return ok({ value });
}

function resourcePermissions(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  const rg = groupOf(ctx, sub);
  const rest = ctx.params.rest!.split('/').filter(Boolean);
  if (rest.length !== 2)
    throw armError(
      400,
      'InvalidScope',
      `The resource path '${ctx.params.rest}' is not supported by the peer (top-level resources only).`,
    );
  return permissions(
    ctx,
    `${groupScope(sub.subscriptionId, rg.name)}/providers/${ctx.params.ns}/${rest[0]}/${rest[1]}`,
  );
}

const AUTH = '/providers/Microsoft.Authorization';
export const rbacRoutes: R[] = [
  arm({
    name: 'Permissions_ListForResourceGroup',
    method: 'GET',
    path: `/subscriptions/{sub}/resourcegroups/{rg}${AUTH}/permissions`,
    responses: { 200: 'PermissionGetResult' },
    handle: (ctx) => permissions(ctx, groupScope(subscriptionOf(ctx).subscriptionId, ctx.params.rg!)),
  }),
  arm({
    name: 'Permissions_ListForResource',
    method: 'GET',
    path: `/subscriptions/{sub}/resourcegroups/{rg}/providers/{ns}/{*rest}${AUTH}/permissions`,
    responses: { 200: 'PermissionGetResult' },
    handle: resourcePermissions,
  }),
  arm({
    name: 'RoleDefinitions_List',
    method: 'GET',
    path: `${AUTH}/roleDefinitions`,
    responses: { 200: 'RoleDefinitionListResult' },
    handle: listDefinitions,
  }),
  arm({
    name: 'RoleDefinitions_GetById',
    method: 'GET',
    path: `${AUTH}/roleDefinitions/{id}`,
    responses: { 200: 'RoleDefinition' },
    handle: getDefinition,
  }),
  arm({
    name: 'RoleDefinitions_List',
    method: 'GET',
    path: `/{*scope}${AUTH}/roleDefinitions`,
    responses: { 200: 'RoleDefinitionListResult' },
    handle: listDefinitions,
  }),
  arm({
    name: 'RoleDefinitions_Get',
    method: 'GET',
    path: `/{*scope}${AUTH}/roleDefinitions/{id}`,
    responses: { 200: 'RoleDefinition' },
    handle: getDefinition,
  }),
  arm({
    name: 'RoleDefinitions_CreateOrUpdate',
    method: 'PUT',
    path: `/{*scope}${AUTH}/roleDefinitions/{id}`,
    request: { schema: 'RoleDefinitionPut' },
    responses: { 201: 'RoleDefinition' },
    handle: putDefinition,
  }),
  arm({
    name: 'RoleDefinitions_Delete',
    method: 'DELETE',
    path: `/{*scope}${AUTH}/roleDefinitions/{id}`,
    responses: { 200: 'RoleDefinition', 204: null },
    handle: deleteDefinition,
  }),
  arm({
    name: 'RoleAssignments_ListForScope',
    method: 'GET',
    path: `/{*scope}${AUTH}/roleAssignments`,
    responses: { 200: 'RoleAssignmentListResult' },
    handle: (ctx) => listAssignments(ctx, scopeParam(ctx)),
  }),
  arm({
    name: 'RoleAssignments_Get',
    method: 'GET',
    path: `/{*scope}${AUTH}/roleAssignments/{name}`,
    responses: { 200: 'RoleAssignment' },
    handle: getAssignment,
  }),
  arm({
    name: 'RoleAssignments_Create',
    method: 'PUT',
    path: `/{*scope}${AUTH}/roleAssignments/{name}`,
    request: { schema: 'RoleAssignmentCreateParameters' },
    responses: { 200: 'RoleAssignment', 201: 'RoleAssignment' },
    handle: putAssignment,
  }),
  arm({
    name: 'RoleAssignments_Delete',
    method: 'DELETE',
    path: `/{*scope}${AUTH}/roleAssignments/{name}`,
    responses: { 200: 'RoleAssignment', 204: null },
    handle: deleteAssignment,
  }),
];
