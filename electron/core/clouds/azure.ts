/**
 * Azure for the core: discovery and the setup provider, given credentials from the user's
 * sign-in in this process (electron/core/azure/session.ts). Loaded lazily by the registry: an
 * AWS user never loads the Azure SDKs.
 */
import type { TokenCredential } from '@azure/identity';
import type {
  AzureLocationSummary,
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
  secretNames(args: AzureScopeArgs & { vaultId: string; cursor?: string | undefined }): Promise<KeyVaultSecretPage>;
}
