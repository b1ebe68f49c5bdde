/**
 * Azure RBAC as the peer enforces it: a caller may perform an action on a scope when one of its role
 * assignments at that scope or above grants a matching action (wildcards) that no notAction removes.
 * Assignments to a group count for its members, transitively through nested groups (as in Azure:
 * learn.microsoft.com "List Azure role assignments using the REST API", assignedTo()).
 * Deny assignments, conditions and PIM are not modelled.
 */
import { BUILT_IN_ROLES, norm, within, type Permission, type PeerState, type RoleDefinition } from './state';

function pattern(action: string): RegExp {
  return new RegExp(
    `^${action
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
}
const matches = (patterns: string[], action: string) => patterns.some((p) => pattern(p).test(action));

export function allows(permission: Permission, action: string): boolean {
  return matches(permission.actions, action) && !matches(permission.notActions, action);
}

/** The definition an assignment's roleDefinitionId names (built-in or custom), by its GUID. */
export function findRoleDefinition(state: PeerState, roleDefinitionId: string): RoleDefinition | undefined {
  const guid = roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
  return BUILT_IN_ROLES.find((r) => r.name === guid) ?? state.roleDefinitions.get(guid);
}

/** The principal and every group it is a member of, directly or through nested groups. */
export function principalsOf(state: PeerState, principalId: string): Set<string> {
  const groups = [...state.tenants.values()].flatMap((t) => [...t.groups.values()]);
  const found = new Set([principalId.toLowerCase()]);
  for (let grew = true; grew;) {
    grew = false;
    for (const g of groups)
      if (!found.has(g.id.toLowerCase()) && g.members.some((m) => found.has(m.toLowerCase()))) {
        found.add(g.id.toLowerCase());
        grew = true;
      }
  }
  return found;
}

/** Permissions that apply to `principalId` at `scope`, its groups' too (what Permissions_List* returns). */
export function effectivePermissions(state: PeerState, principalId: string, scope: string): Permission[] {
  const out: Permission[] = [];
  const principals = principalsOf(state, principalId);
  for (const a of state.roleAssignments.values()) {
    if (!principals.has(a.principalId.toLowerCase()) || !within(scope, a.scope)) continue;
    const def = findRoleDefinition(state, a.roleDefinitionId);
    if (def) out.push(...def.permissions);
  }
  return out;
}

export function isAllowed(state: PeerState, principalId: string, action: string, scope: string): boolean {
  return effectivePermissions(state, principalId, scope).some((p) => allows(p, action));
}

/** True when the principal (or a group of it) has any role assignment on, above or below `scope`. */
export function hasAnyAccess(state: PeerState, principalId: string, scope: string): boolean {
  const principals = principalsOf(state, principalId);
  for (const a of state.roleAssignments.values()) {
    if (!principals.has(a.principalId.toLowerCase())) continue;
    if (within(scope, a.scope) || within(a.scope, scope)) return true;
  }
  return false;
}

export const sameScope = (a: string, b: string) => norm(a) === norm(b);
