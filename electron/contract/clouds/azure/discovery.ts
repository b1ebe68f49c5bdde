/**
 * What the wizard discovers in an Azure subscription: the inputs of the discovery methods
 * (outputs are the provisioner's schemas), and the resource group check.
 */
import { z } from 'zod';
import { SubscriptionId, TenantId } from '../../../../provisioners/azure/config.schema';
import { AzureResourceGroup } from '../../../../provisioners/azure/discovery.schema';

export {
  AzureLocationSummary,
  AzureResourceGroup,
  KeyVaultModel,
  KeyVaultPage,
  KeyVaultSecretPage,
  KeyVaultSecretSummary,
  KeyVaultSummary,
  ProviderRegistration,
  StorageAccountPage,
  StorageAccountSummary,
} from '../../../../provisioners/azure/discovery.schema';
export {
  AzureSecretRef,
  KeyVaultGrant,
  KeyVaultName,
  KeyVaultSecretName,
  LocationName,
  ResourceGroupName,
  StorageAccountGrant,
  StorageAccountName,
} from '../../../../provisioners/azure/config.schema';
export {
  AZURE_NODE_POOL_PRESETS,
  AzureNodePool,
  AzureNodePoolReport,
  AzureNodePools,
  VmSizeName,
} from '../../../../provisioners/azure/node-pools.schema';

/** Whose subscription (every discovery call names it; the core holds that tenant's credential). */
export const AzureScope = z.object({ tenantId: TenantId, subscriptionId: SubscriptionId }).strict();
export type AzureScope = z.infer<typeof AzureScope>;

export const AzureCursor = z.string().min(1).max(8192);

/** The setup's resource group as it is now: absent, or there (ours, or someone else's, such as the Terraform's). */
export const ResourceGroupCheck = z.object({
  name: z.string(),
  exists: z.boolean(),
  group: AzureResourceGroup.optional(),
});
export type ResourceGroupCheck = z.infer<typeof ResourceGroupCheck>;
