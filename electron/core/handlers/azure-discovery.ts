/** What an Azure subscription has, read with the signed-in user's credential for its tenant. */
import type { AppContract } from '../../contract';
import type { AzureSessions } from '../azure/session';
import type { AzureDiscovery } from '../clouds/azure-discovery';
import type { HandlersOf } from '../dispatch';

type DiscoveryHandlers = Pick<
  HandlersOf<AppContract>,
  | 'azure.locations.list'
  | 'azure.resourceGroups.check'
  | 'azure.storageAccounts.list'
  | 'azure.storageAccounts.check'
  | 'azure.vaults.list'
  | 'azure.secrets.list'
  | 'azure.nodePools.check'
>;

export function azureDiscoveryHandlers(sessions: AzureSessions, discovery: AzureDiscovery): DiscoveryHandlers {
  const scope = (input: { tenantId: string; subscriptionId: string }, signal?: AbortSignal) => ({
    credential: sessions.credentialFor(input.tenantId),
    subscriptionId: input.subscriptionId,
    signal,
  });
  return {
    async 'azure.locations.list'(input, ctx) {
      return discovery.locations(scope(input, ctx.signal));
    },
    async 'azure.resourceGroups.check'(input, ctx) {
      return discovery.resourceGroup({ ...scope(input, ctx.signal), name: input.name });
    },
    async 'azure.storageAccounts.list'(input, ctx) {
      return discovery.storageAccounts({ ...scope(input, ctx.signal), cursor: input.cursor });
    },
    async 'azure.storageAccounts.check'(input, ctx) {
      const account = await discovery.storageAccount({ ...scope(input, ctx.signal), name: input.name });
      return { name: input.name, exists: !!account, ...(account ? { account } : {}) };
    },
    async 'azure.vaults.list'(input, ctx) {
      return discovery.vaults({ ...scope(input, ctx.signal), cursor: input.cursor });
    },
    async 'azure.secrets.list'(input, ctx) {
      return discovery.secretNames({
        ...scope(input, ctx.signal),
        vault: { id: input.vaultId, vaultUri: input.vaultUri },
        cursor: input.cursor,
      });
    },
    async 'azure.nodePools.check'(input, ctx) {
      return discovery.nodePools({ ...scope(input, ctx.signal), location: input.location, pools: input.pools });
    },
  };
}
