/**
 * Azure's part of the store: the Azure CLI's status, the sign-in (an operation in main; the
 * device code arrives as its prompt), and what discovery read. Never a token. Everything read
 * is keyed by the subscription it came from, so another sign-in or subscription reads again.
 */
import type { StateCreator } from 'zustand';
import type {
  AzureCliStatus,
  AzureIdentity,
  AzureNodePoolReport,
  AzureLocationSummary,
  AzureSignInMethod,
  AzureSubscription,
  KeyVaultSecretSummary,
  KeyVaultSummary,
  ResourceGroupCheck,
  StorageAccountSummary,
} from '@contract/clouds/azure';
import type { Draft } from '@contract/schemas/draft';
import { call, errorOf, followOperation } from '../../api/client';
import { guarded } from '../../api/guarded';
import type { AppState } from '../../store';
import type { Listing } from '../../store/discovery';
import { applyEvent, emptyView, type OperationView } from '../../store/operation-state';
import type { Loadable } from '../../store/session';
import { eachBounded, SEARCH_CONCURRENCY, searchedVaults } from './secret-search';

export type DraftAzure = NonNullable<Draft['azure']>;
type Keyed<T> = Loadable<T> & { key?: string };

export interface AzureState {
  cli: Loadable<AzureCliStatus>;
  identity: Loadable<AzureIdentity>;
  /** The sign-in under way (or the last one that failed). */
  signIn: OperationView | undefined;
  subscriptions: Record<string, Loadable<AzureSubscription[]>>;
  locations: Keyed<AzureLocationSummary[]>;
  resourceGroup: Keyed<ResourceGroupCheck>;
  accounts: Listing<StorageAccountSummary> & { key?: string };
  /** Accounts found by name (the listing did not show them), keyed by lower-case name: what was read is kept. */
  accountsByName: Record<string, StorageAccountSummary>;
  vaults: Listing<KeyVaultSummary> & { key?: string };
  secretNames: Record<string, Listing<KeyVaultSecretSummary>>;
  pools: Keyed<AzureNodePoolReport>;
}

export interface AzureSlice {
  azure: AzureState;
  updateAzure(patch: Partial<DraftAzure> | ((azure: DraftAzure) => Partial<DraftAzure>)): void;
  azureCheckCli(): Promise<void>;
  azureSignIn(method: AzureSignInMethod, tenantId?: string): Promise<void>;
  azureCancelSignIn(): Promise<void>;
  /** After a reload: the app may still hold the sign-in; after a restart, the CLI signs in silently. */
  azureRestore(): Promise<void>;
  azureLoadSubscriptions(tenantId: string): Promise<void>;
  azureLoadLocations(): Promise<void>;
  azureCheckResourceGroup(name: string): Promise<void>;
  azureLoadAccounts(): Promise<void>;
  azureCheckAccount(name: string): Promise<StorageAccountSummary | string>;
  azureLoadVaults(): Promise<void>;
  azureLoadSecretNames(vault: { id: string; vaultUri: string }): Promise<void>;
  /** Load the secret names of every searched vault not read yet, a few vaults at a time. */
  azureSearchSecrets(): Promise<void>;
  azureCheckPools(key: string, location: string, pools: unknown[]): Promise<void>;
}

export const EMPTY_AZURE: AzureState = {
  cli: { status: 'idle' },
  identity: { status: 'idle' },
  signIn: undefined,
  subscriptions: {},
  locations: { status: 'idle' },
  resourceGroup: { status: 'idle' },
  accounts: { status: 'idle', items: [], complete: false },
  accountsByName: {},
  vaults: { status: 'idle', items: [], complete: false },
  secretNames: {},
  pools: { status: 'idle' },
};

/** What discovery read for one identity and subscription, forgotten when either changes. */
const NO_DISCOVERY: Partial<AzureState> = {
  locations: EMPTY_AZURE.locations,
  resourceGroup: EMPTY_AZURE.resourceGroup,
  accounts: EMPTY_AZURE.accounts,
  accountsByName: EMPTY_AZURE.accountsByName,
  vaults: EMPTY_AZURE.vaults,
  secretNames: EMPTY_AZURE.secretNames,
};

const failed = (error: unknown) => ({ status: 'error' as const, error: errorOf(error).toJSON() });

/** The tenant and subscription the draft names, or undefined before both are chosen. */
export function scopeOf(state: AppState): { tenantId: string; subscriptionId: string } | undefined {
  const { tenantId, subscriptionId } = state.draft.azure ?? {};
  return tenantId && subscriptionId ? { tenantId, subscriptionId } : undefined;
}

const scopeKey = (state: AppState) => {
  const scope = scopeOf(state);
  return scope ? `${scope.tenantId}/${scope.subscriptionId}` : '';
};

let stopSignIn: (() => void) | undefined;
/** The search under way, by scope: a second call while it runs waits for it rather than loading twice. */
let search: { key: string; running: Promise<void> } | undefined;

export const createAzureSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], AzureSlice> = (set, get) => {
  const patch = (next: Partial<AzureState> | ((a: AzureState) => Partial<AzureState>)) =>
    set((s) => ({ azure: { ...s.azure, ...(typeof next === 'function' ? next(s.azure) : next) } }));

  /** Read every page of a listing; stop adding pages once another scope is chosen. */
  async function pages<T>(
    key: string,
    field: 'accounts' | 'vaults',
    fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
  ) {
    patch({ [field]: { status: 'loading', items: [], complete: false, key } });
    let cursor: string | undefined;
    try {
      do {
        const page = await fetch(cursor);
        if (get().azure[field].key !== key) return;
        cursor = page.nextCursor;
        patch((a) => ({
          [field]: { status: 'ready', items: [...a[field].items, ...page.items], complete: !cursor, key },
        }));
      } while (cursor);
    } catch (error) {
      if (get().azure[field].key === key)
        patch((a) => ({ [field]: { ...a[field], ...failed(error), complete: true } }));
    }
  }

  /** A new identity (or subscription) forgets what the old one read. */
  const forgetDiscovery = () => patch(NO_DISCOVERY);

  return {
    azure: EMPTY_AZURE,

    updateAzure: (next) =>
      set((s) => {
        const azure = s.draft.azure ?? {};
        const changes = typeof next === 'function' ? next(azure) : next;
        const subscriptionChanged =
          ('subscriptionId' in changes && changes.subscriptionId !== azure.subscriptionId) ||
          ('tenantId' in changes && changes.tenantId !== azure.tenantId);
        return {
          draft: { ...s.draft, azure: { ...azure, ...changes } },
          ...(subscriptionChanged
            ? {
                azure: { ...s.azure, ...NO_DISCOVERY },
              }
            : {}),
        };
      }),

    async azureCheckCli() {
      patch({ cli: { status: 'loading' } });
      try {
        patch({ cli: { status: 'ready', value: await call('azure.cli.status', {}) } });
      } catch (error) {
        patch({ cli: failed(error) });
      }
    },

    async azureSignIn(method, tenantId) {
      stopSignIn?.();
      patch({ identity: { status: 'loading' }, signIn: undefined });
      try {
        const started = await call('azure.signIn', { method, ...(tenantId ? { tenantId } : {}) });
        patch({ signIn: emptyView(started.operationId) });
        stopSignIn = followOperation(started.operationId, 0, {
          onEvent(event) {
            const current = get().azure.signIn;
            if (!current || current.operationId !== started.operationId) return;
            const view = applyEvent(current, event);
            patch({ signIn: view });
            if (event.type !== 'finished') return;
            if (event.status === 'succeeded') {
              const identity = event.result as AzureIdentity;
              const before = get().draft.azure?.tenantId;
              patch({ identity: { status: 'ready', value: identity }, signIn: undefined });
              forgetDiscovery();
              get().updateAzure({
                method,
                tenantId: identity.tenant.tenantId,
                ...(before && before !== identity.tenant.tenantId ? { subscriptionId: '' } : {}),
              });
              void get().azureLoadSubscriptions(identity.tenant.tenantId);
            } else {
              patch({
                identity: view.error ? { status: 'error', error: view.error } : { status: 'idle' },
              });
            }
          },
          onError(error) {
            patch({ identity: { status: 'error', error: error.toJSON() }, signIn: undefined });
          },
        });
      } catch (error) {
        patch({ identity: failed(error) });
      }
    },

    async azureCancelSignIn() {
      const current = get().azure.signIn;
      if (current) await call('operation.cancel', { operationId: current.operationId }).catch(() => undefined);
    },

    async azureRestore() {
      if (get().azure.identity.status !== 'idle') return;
      try {
        const identity = await call('azure.whoami', {});
        patch({ identity: { status: 'ready', value: identity } });
        const tenantId = get().draft.azure?.tenantId || identity.tenant.tenantId;
        void get().azureLoadSubscriptions(tenantId);
      } catch {
        // The app restarted: only the Azure CLI signs in again without asking.
        const { method, tenantId } = get().draft.azure ?? {};
        if (method === 'cli') await get().azureSignIn('cli', tenantId || undefined);
      }
    },

    async azureLoadSubscriptions(tenantId) {
      patch((a) => ({ subscriptions: { ...a.subscriptions, [tenantId]: { status: 'loading' } } }));
      try {
        const value = await guarded(() => call('azure.subscriptions.list', { tenantId }));
        patch((a) => ({ subscriptions: { ...a.subscriptions, [tenantId]: { status: 'ready', value } } }));
        // One enabled subscription: chosen for the user (one action fewer).
        const enabled = value.filter((s) => s.enabled);
        const chosen = get().draft.azure?.subscriptionId;
        if (!enabled.some((s) => s.subscriptionId === chosen) && enabled.length >= 1)
          get().updateAzure({ tenantId, subscriptionId: enabled[0]!.subscriptionId });
      } catch (error) {
        patch((a) => ({ subscriptions: { ...a.subscriptions, [tenantId]: failed(error) } }));
      }
    },

    async azureLoadLocations() {
      const scope = scopeOf(get());
      if (!scope) return;
      const key = scopeKey(get());
      patch({ locations: { status: 'loading', key } });
      try {
        const value = await guarded(() => call('azure.locations.list', scope));
        if (get().azure.locations.key === key) patch({ locations: { status: 'ready', value, key } });
      } catch (error) {
        if (get().azure.locations.key === key) patch({ locations: { ...failed(error), key } });
      }
    },

    async azureCheckResourceGroup(name) {
      const scope = scopeOf(get());
      if (!scope) return;
      const key = `${scopeKey(get())}/${name}`;
      patch({ resourceGroup: { status: 'loading', key } });
      try {
        const value = await guarded(() => call('azure.resourceGroups.check', { ...scope, name }));
        if (get().azure.resourceGroup.key === key) patch({ resourceGroup: { status: 'ready', value, key } });
      } catch (error) {
        if (get().azure.resourceGroup.key === key) patch({ resourceGroup: { ...failed(error), key } });
      }
    },

    async azureLoadAccounts() {
      const scope = scopeOf(get());
      if (!scope) return;
      await pages(scopeKey(get()), 'accounts', async (cursor) => {
        const page = await guarded(() =>
          call('azure.storageAccounts.list', { ...scope, ...(cursor ? { cursor } : {}) }),
        );
        return { items: page.accounts, nextCursor: page.nextCursor };
      });
    },

    async azureCheckAccount(name) {
      const scope = scopeOf(get());
      if (!scope) return 'choose a subscription first';
      try {
        const found = await guarded(() => call('azure.storageAccounts.check', { ...scope, name }));
        const account = found.account;
        if (!account) return `there is no storage account called ${name} in this subscription`;
        // Keep what was read (location, shared-key setting), so the warnings about it are real.
        patch((a) => ({ accountsByName: { ...a.accountsByName, [account.name.toLowerCase()]: account } }));
        return account;
      } catch (error) {
        return errorOf(error).message;
      }
    },

    async azureLoadVaults() {
      const scope = scopeOf(get());
      if (!scope) return;
      await pages(scopeKey(get()), 'vaults', async (cursor) => {
        const page = await guarded(() => call('azure.vaults.list', { ...scope, ...(cursor ? { cursor } : {}) }));
        return { items: page.vaults, nextCursor: page.nextCursor };
      });
    },

    async azureLoadSecretNames(vault) {
      const vaultId = vault.id;
      const scope = scopeOf(get());
      if (!scope) return;
      const update = (
        listing: (current: Listing<KeyVaultSecretSummary> | undefined) => Listing<KeyVaultSecretSummary>,
      ) => patch((a) => ({ secretNames: { ...a.secretNames, [vaultId]: listing(a.secretNames[vaultId]) } }));
      update(() => ({ status: 'loading', items: [], complete: false }));
      let cursor: string | undefined;
      try {
        do {
          const page = await guarded(() =>
            call('azure.secrets.list', { ...scope, vaultId, vaultUri: vault.vaultUri, ...(cursor ? { cursor } : {}) }),
          );
          cursor = page.nextCursor;
          update((current) => ({
            status: 'ready',
            items: [...(current?.items ?? []), ...page.secrets],
            complete: !cursor,
          }));
        } while (cursor);
      } catch (error) {
        update((current) => ({ items: current?.items ?? [], ...failed(error), complete: true }));
      }
    },

    async azureSearchSecrets() {
      const key = scopeKey(get());
      if (!key) return;
      if (search?.key === key) return search.running;
      const todo = searchedVaults(get().azure.vaults.items).filter((v) => !get().azure.secretNames[v.id]);
      const running = eachBounded(todo, SEARCH_CONCURRENCY, async (vault) => {
        // Another subscription chosen meanwhile: its vaults are another search.
        if (scopeKey(get()) === key && !get().azure.secretNames[vault.id]) await get().azureLoadSecretNames(vault);
      }).finally(() => {
        if (search?.running === running) search = undefined;
      });
      search = { key, running };
      return running;
    },

    async azureCheckPools(key, location, pools) {
      const scope = scopeOf(get());
      if (!scope) return;
      patch({ pools: { status: 'loading', key } });
      try {
        // Pools are as typed in the editor; main validates them and names bad fields.
        const value = await guarded(() => call('azure.nodePools.check', { ...scope, location, pools } as never));
        if (get().azure.pools.key === key) patch({ pools: { status: 'ready', value, key } });
      } catch (error) {
        if (get().azure.pools.key === key) patch({ pools: { ...failed(error), key } });
      }
    },
  };
};
