/** Shared ARM route helpers: the subscription, scope resolution and the permission check (403). */
import type { PeerEngine } from './engine';
import { armError, type Ctx } from './http';
import { isAllowed } from './rbac';
import { norm, type KeyVault, type ResourceGroup, type StorageAccount, type Subscription } from './state';

export const ARM = 'https://management.azure.com';

export function subscriptionOf(ctx: Ctx<PeerEngine>, id = ctx.params.sub!): Subscription {
  const sub = ctx.peer.state.subscriptions.get(id.toLowerCase());
  if (!sub || sub.tenantId !== ctx.caller?.tid)
    throw armError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
  return sub;
}

export function groupOf(ctx: Ctx<PeerEngine>, sub: Subscription, name = ctx.params.rg!): ResourceGroup {
  const rg = sub.resourceGroups.get(name.toLowerCase());
  if (!rg) throw armError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
  return rg;
}

export function authorize(ctx: Ctx<PeerEngine>, action: string, scope: string): void {
  const caller = ctx.caller!;
  if (isAllowed(ctx.peer.state, caller.oid, action, scope)) return;
  const who = caller.upn ?? caller.appId ?? caller.oid;
  throw armError(
    403,
    'AuthorizationFailed',
    `The client '${who}' with object id '${caller.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** Fail unless the namespace is registered in the subscription (writes and AKS reads). */
export function requireProvider(ctx: Ctx<PeerEngine>, sub: Subscription, namespace: string): void {
  const state = providerState(ctx.peer, sub, namespace);
  if (state !== 'Registered') {
    throw armError(
      409,
      'MissingSubscriptionRegistration',
      `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
    );
  }
}

export function providerState(peer: PeerEngine, sub: Subscription, namespace: string): string {
  const record = sub.providers.get(namespace.toLowerCase());
  if (!record) return 'NotRegistered';
  if (
    record.state === 'Registering' &&
    Date.now() - (record.registeringSince ?? 0) >= peer.replication.providerRegistration
  ) {
    record.state = 'Registered';
  }
  return record.state;
}

export type ScopeTarget =
  | { kind: 'subscription'; sub: Subscription }
  | { kind: 'resourceGroup'; sub: Subscription; rg: ResourceGroup }
  | { kind: 'storageAccount'; sub: Subscription; rg: ResourceGroup; account: StorageAccount }
  | { kind: 'vault'; sub: Subscription; rg: ResourceGroup; vault: KeyVault };

/** Resolve an ARM scope ('/subscriptions/…[/resourceGroups/…[/providers/…]]') to what exists there. */
export function resolveScope(ctx: Ctx<PeerEngine>, scope: string): ScopeTarget {
  const parts = scope.replace(/^\/+|\/+$/g, '').split('/');
  if (parts[0]?.toLowerCase() !== 'subscriptions' || !parts[1]) {
    throw armError(400, 'InvalidScope', `The scope '${scope}' is not valid for this operation.`);
  }
  const sub = subscriptionOf(ctx, parts[1]);
  if (parts.length === 2) return { kind: 'subscription', sub };
  if (parts[2]?.toLowerCase() !== 'resourcegroups' || !parts[3])
    throw armError(400, 'InvalidScope', `The scope '${scope}' is not valid for this operation.`);
  const rg = groupOf(ctx, sub, parts[3]);
  if (parts.length === 4) return { kind: 'resourceGroup', sub, rg };
  const key = norm(scope);
  if (parts.length === 8 && parts[4]?.toLowerCase() === 'providers') {
    const type = `${parts[5]}/${parts[6]}`.toLowerCase();
    if (type === 'microsoft.storage/storageaccounts') {
      const account = sub.storageAccounts.get(key);
      if (account) return { kind: 'storageAccount', sub, rg, account };
    } else if (type === 'microsoft.keyvault/vaults') {
      const vault = sub.keyVaults.get(key);
      if (vault) return { kind: 'vault', sub, rg, vault };
    }
    throw armError(
      404,
      'ResourceNotFound',
      `The Resource '${parts[5]}/${parts[6]}/${parts[7]}' under resource group '${parts[3]}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  }
  throw armError(400, 'InvalidScope', `The scope '${scope}' is not valid for this operation.`);
}

/** One page of `items` and the nextLink for the rest ($skiptoken = offset). */
export function page<T>(ctx: Ctx<PeerEngine>, items: T[]): { value: T[]; nextLink?: string } {
  const start = Number(ctx.query.get('$skiptoken') ?? '0') || 0;
  const size = ctx.peer.pageSize;
  const value = items.slice(start, start + size);
  if (start + size >= items.length) return { value };
  const next = new URLSearchParams(ctx.query);
  next.set('$skiptoken', String(start + size));
  return { value, nextLink: `${ARM}${ctx.path}?${next.toString()}` };
}

export const API = {
  resources: ['2021-04-01'],
  subscriptions: ['2022-12-01', '2020-01-01', '2019-11-01', '2016-06-01'],
  authorization: ['2022-04-01'],
  storage: ['2023-05-01'],
  keyVault: ['2023-07-01'],
  computeSkus: ['2021-07-01'],
  computeUsage: ['2024-07-01', '2024-03-01', '2023-09-01'],
  aks: ['2024-09-01', '2024-05-01', '2024-02-01', '2023-10-01', '2025-01-01', '2025-05-01'],
};
