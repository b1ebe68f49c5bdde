/**
 * Azure discovery for the core: the reads the sign-in and discovery screens make, over the
 * credentials of the user's sign-in in this process (electron/core/azure/session.ts). The
 * provisioner's modules (and the Azure SDKs) are imported on the first call: an AWS user never
 * loads them.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineOptions } from '@azure/core-rest-pipeline';
import type { AzureNodePool } from '../../../provisioners/azure/node-pools.schema';
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
