/**
 * What the wizard discovers in an Azure tenant and subscription, as wire types: sign-in, the
 * signed-in user, tenants, subscriptions, locations, resource groups, storage accounts, Key
 * Vaults and their secret names (metadata only, never values), resource-provider registration.
 * One zod schema each; the provisioner infers its types from them and the contract re-exports.
 */
import { z } from 'zod';

/** How the app signs in to Azure (all three run in the main process; tokens never leave it). */
export const AzureSignInMethod = z.enum(['cli', 'browser', 'deviceCode']);
export type AzureSignInMethod = z.infer<typeof AzureSignInMethod>;

/** What the device-code flow asks the user to do (shown in the app while it waits). */
export const DeviceCodePrompt = z.object({
  userCode: z.string(),
  verificationUri: z.string(),
  message: z.string(),
  expiresOn: z.string().optional(),
});
export type DeviceCodePrompt = z.infer<typeof DeviceCodePrompt>;

export const AzureSignedInUser = z.object({
  id: z.string(),
  userPrincipalName: z.string().optional(),
  displayName: z.string().optional(),
});
export type AzureSignedInUser = z.infer<typeof AzureSignedInUser>;

export const AzureTenant = z.object({
  tenantId: z.string(),
  displayName: z.string().optional(),
  defaultDomain: z.string().optional(),
});
export type AzureTenant = z.infer<typeof AzureTenant>;

export const AzureSubscription = z.object({
  subscriptionId: z.string(),
  tenantId: z.string(),
  displayName: z.string(),
  /** Enabled, Disabled, Warned, PastDue, Deleted. */
  state: z.string(),
  /** Only enabled subscriptions can be chosen. */
  enabled: z.boolean(),
});
export type AzureSubscription = z.infer<typeof AzureSubscription>;

export const AzureLocationSummary = z.object({
  name: z.string(),
  displayName: z.string(),
  regionalDisplayName: z.string().optional(),
  geographyGroup: z.string().optional(),
});
export type AzureLocationSummary = z.infer<typeof AzureLocationSummary>;

/** Who made a resource group: this app (its marker tags), the Terraform (no marker), or absent. */
export const ResourceGroupOwner = z.enum(['ours', 'foreign']);

export const AzureResourceGroup = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  tags: z.record(z.string(), z.string()),
  madeBy: ResourceGroupOwner,
});
export type AzureResourceGroup = z.infer<typeof AzureResourceGroup>;

export const StorageAccountSummary = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  kind: z.string().optional(),
  /** false: shared keys are off, so the storage role's listKeys grant cannot be used. */
  allowSharedKeyAccess: z.boolean().optional(),
  isHnsEnabled: z.boolean().optional(),
  /** Why this account may not work with Studio, in words. */
  warning: z.string().optional(),
});
export type StorageAccountSummary = z.infer<typeof StorageAccountSummary>;

export const StorageAccountPage = z.object({
  accounts: z.array(StorageAccountSummary),
  nextCursor: z.string().optional(),
});
export type StorageAccountPage = z.infer<typeof StorageAccountPage>;

/** rbac: Azure roles decide (Key Vault Secrets User); accessPolicy: the vault's own access policies. */
export const KeyVaultModel = z.enum(['rbac', 'accessPolicy']);
export type KeyVaultModel = z.infer<typeof KeyVaultModel>;

export const KeyVaultSummary = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  /** `https://<name>.vault.azure.net/` as the vault says (sovereign clouds differ). */
  vaultUri: z.string(),
  vaultHost: z.string(),
  model: KeyVaultModel,
  tenantId: z.string().optional(),
});
export type KeyVaultSummary = z.infer<typeof KeyVaultSummary>;

export const KeyVaultPage = z.object({ vaults: z.array(KeyVaultSummary), nextCursor: z.string().optional() });
export type KeyVaultPage = z.infer<typeof KeyVaultPage>;

export const KeyVaultSecretSummary = z.object({
  name: z.string(),
  /** `https://<vault host>/secrets/<name>`: what a setup's secret reference names. */
  id: z.string(),
  contentType: z.string().optional(),
  enabled: z.boolean().optional(),
  updatedAt: z.string().optional(),
});
export type KeyVaultSecretSummary = z.infer<typeof KeyVaultSecretSummary>;

export const KeyVaultSecretPage = z.object({
  secrets: z.array(KeyVaultSecretSummary),
  nextCursor: z.string().optional(),
});
export type KeyVaultSecretPage = z.infer<typeof KeyVaultSecretPage>;

export const ProviderRegistration = z.object({
  namespace: z.string(),
  /** Registered, NotRegistered, Registering, Unregistering, or unknown when it could not be read. */
  state: z.string(),
  registered: z.boolean(),
});
export type ProviderRegistration = z.infer<typeof ProviderRegistration>;
