/**
 * Azure for the core: discovery and the setup provider, given credentials from the user's
 * sign-in in this process (electron/core/azure/session.ts). Loaded lazily by the registry: an
 * AWS user never loads the Azure SDKs.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineOptions } from '@azure/core-rest-pipeline';
import type { AzureNodePool } from '../../../provisioners/azure/node-pools.schema';
import { azureSecretReference } from '../../../provisioners/azure/config.schema';
import { azureErrorToApiError } from '../../../provisioners/azure/errors';
import type { AnySetupProvider, OperationPlan } from '../../../provisioners/core/provider';
import type {
  AzureLocationSummary,
  AzureNodePoolReport,
  AzureSubscription,
  AzureSignedInUser,
  AzureTenant,
  KeyVaultPage,
  ResourceGroupCheck,
  KeyVaultSecretPage,
  StorageAccountPage,
  StorageAccountSummary,
} from '../../contract';

export interface AzureScopeArgs {
  credential: TokenCredential;
  subscriptionId: string;
  signal?: AbortSignal | undefined;
}

/** The reads the sign-in and discovery screens need, each over one credential. */
export interface AzureDiscovery {
  tenants(credential: TokenCredential, signal?: AbortSignal): Promise<AzureTenant[]>;
  me(credential: TokenCredential, signal?: AbortSignal): Promise<AzureSignedInUser>;
  subscriptions(credential: TokenCredential, tenantId: string, signal?: AbortSignal): Promise<AzureSubscription[]>;
  locations(args: AzureScopeArgs): Promise<AzureLocationSummary[]>;
  resourceGroup(args: AzureScopeArgs & { name: string }): Promise<ResourceGroupCheck>;
  storageAccounts(args: AzureScopeArgs & { cursor?: string | undefined }): Promise<StorageAccountPage>;
  storageAccount(args: AzureScopeArgs & { name: string }): Promise<StorageAccountSummary | undefined>;
  vaults(args: AzureScopeArgs & { cursor?: string | undefined }): Promise<KeyVaultPage>;
  secretNames(
    args: AzureScopeArgs & { vault: { id: string; vaultUri: string }; cursor?: string | undefined },
  ): Promise<KeyVaultSecretPage>;
  nodePools(args: AzureScopeArgs & { location: string; pools: AzureNodePool[] }): Promise<AzureNodePoolReport>;
}

type Provisioner = typeof import('../../../provisioners/azure/discovery') &
  typeof import('../../../provisioners/azure/client') &
  typeof import('../../../provisioners/azure/node-pools');

/**
 * The provisioner's discovery over its typed client, loaded on the first call (an AWS user
 * never loads it). One client per call: it signs with the given credential's tokens.
 */
export function azureDiscovery(options: { pipelineOptions?: PipelineOptions } = {}): AzureDiscovery {
  let loaded: Promise<Provisioner> | undefined;
  const load = () =>
    (loaded ??= Promise.all([
      import('../../../provisioners/azure/discovery'),
      import('../../../provisioners/azure/client'),
      import('../../../provisioners/azure/node-pools'),
    ]).then(([d, c, n]) => ({ ...d, ...c, ...n })));
  const http = async (credential: TokenCredential) => {
    const p = await load();
    return {
      p,
      http: p.createAzureHttp(credential, options.pipelineOptions ? { pipelineOptions: options.pipelineOptions } : {}),
    };
  };
  const sig = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
  return {
    async tenants(credential, signal) {
      const { p, http: h } = await http(credential);
      return p.listTenants(h, sig(signal));
    },
    async me(credential, signal) {
      const { p, http: h } = await http(credential);
      return p.signedInUser(h, sig(signal));
    },
    async subscriptions(credential, tenantId, signal) {
      const { p, http: h } = await http(credential);
      const all = await p.listSubscriptions(h, sig(signal));
      return all.filter((s) => s.tenantId.toLowerCase() === tenantId.toLowerCase());
    },
    async locations({ credential, subscriptionId, signal }) {
      const { p, http: h } = await http(credential);
      return p.listLocations(h, subscriptionId, sig(signal));
    },
    async resourceGroup({ credential, subscriptionId, name, signal }) {
      const { p, http: h } = await http(credential);
      const group = await p.getResourceGroup(h, subscriptionId, name, sig(signal));
      return { name, exists: !!group, ...(group ? { group } : {}) };
    },
    async storageAccounts({ credential, subscriptionId, cursor, signal }) {
      const { p, http: h } = await http(credential);
      return p.storageAccountsPage(h, subscriptionId, cursor, sig(signal));
    },
    async storageAccount({ credential, subscriptionId, name, signal }) {
      const { p, http: h } = await http(credential);
      const all = await p.listStorageAccounts(h, subscriptionId, sig(signal));
      return all.find((a) => a.name === name);
    },
    async vaults({ credential, subscriptionId, cursor, signal }) {
      const { p, http: h } = await http(credential);
      return p.keyVaultsPage(h, subscriptionId, cursor, sig(signal));
    },
    async secretNames({ credential, vault, cursor, signal }) {
      const { p, http: h } = await http(credential);
      return p.secretNamesPage(h, vault, cursor, sig(signal));
    },
    async nodePools({ credential, subscriptionId, location, pools, signal }) {
      const { p, http: h } = await http(credential);
      return p.nodePoolReport(h, subscriptionId, location, pools, signal);
    },
  };
}

type ProviderModule = typeof import('../../../provisioners/azure/provider');
type AzureProvider = import('../../../provisioners/azure/provider').AzureProvider;

/**
 * Azure's setup provider, given the user's sign-in in this process: a typed client per tenant,
 * made from the credential the core holds for it. The provider's module is imported on its first
 * use; the operations that must answer at once (attach, teardown) wait for it inside their run.
 */
export function azureProvider(
  credentialFor: (tenantId: string) => TokenCredential,
  options: { pipelineOptions?: PipelineOptions } = {},
): AnySetupProvider {
  let loaded: AzureProvider | undefined;
  let loading: Promise<AzureProvider> | undefined;
  const load = (): Promise<AzureProvider> =>
    (loading ??= Promise.all([
      import('../../../provisioners/azure/provider') as Promise<ProviderModule>,
      import('../../../provisioners/azure/client'),
    ]).then(([p, c]) => {
      loaded = p.createAzureProvider({
        client: (tenantId) =>
          c.createAzureHttp(
            credentialFor(tenantId),
            options.pipelineOptions ? { pipelineOptions: options.pipelineOptions } : {},
          ),
      });
      return loaded;
    }));
  /** An operation whose provider may still be loading: its run waits for it, then runs the provider's own. */
  const deferred = <R>(
    title: string,
    cancelMeaning: string,
    target: R,
    make: (p: AzureProvider) => OperationPlan<R, unknown>,
  ): OperationPlan<R, unknown> => {
    if (loaded) return make(loaded);
    return {
      title,
      cancellable: true,
      cancelMeaning,
      target,
      async *run(signal) {
        return yield* make(await load()).run(signal);
      },
    };
  };
  return {
    cloud: 'azure',
    // Known without loading the provider: Azure grants a Key Vault as a whole.
    features: new Set(['vaultLevelSecretGrant']),
    plan: async (account, config, o) => (await load()).plan(account, config, o),
    discard: async (d) => (await load()).discard(d),
    deploy: (d) => {
      if (!loaded) throw new Error('Azure deploy before any Azure plan');
      return loaded.deploy(d);
    },
    attach: (ref, o) =>
      deferred('Follow the Azure setup', 'Stops following; nothing runs again.', ref, (p) => p.attach(ref, o)),
    teardown: (ref, options) =>
      deferred(
        'Tear down the Azure setup',
        'Stops after the object being deleted; what is left can be torn down again.',
        ref,
        (p) => p.teardown(ref, options),
      ),
    outputs: async (ref, signal) => (await load()).outputs(ref, signal),
    readConfig: async (ref, signal) => (await load()).readConfig(ref, signal),
    list: async (account, signal) => (await load()).list(account, signal),
    secretReference: (s) => azureSecretReference(s.envName, s.id, s.key),
    toError: azureErrorToApiError,
    handoff: async (account, config, o) => (await load()).handoff!(account, config, o),
    doctor: async (ref, signal) => (await load()).doctor!(ref, signal),
    repair: async (ref, remedy, signal) => (await load()).repair!(ref, remedy, signal),
  };
}
