/**
 * What a DataChain setup on Azure is made of, as validated data: the subscription and location,
 * the resource group, the Studio connection, the storage accounts and Key Vaults the storage
 * identity may use, the secrets Studio jobs name, the node pools. Pure zod: the contract and the
 * renderer use these same rules, so a bad value is caught where it is typed and again before any
 * call to Azure.
 */
import { z } from 'zod';
import { EnvVarName, formatSecretReference, SecretKey } from '../core/secrets.schema';
import { NamePrefix, StudioConnection } from '../core/studio.schema';
import { uniqueBy } from '../core/lists.schema';
import { AzureNodePools } from './node-pools.schema';

/** A GUID as Azure writes them (subscription, tenant, object and role ids). */
export const Guid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'is not a GUID')
  .transform((v) => v.toLowerCase());

export const SubscriptionId = Guid;
export const TenantId = Guid;

/** Resource group names: 1–90 letters, digits, `-_.()`, not ending in a dot. */
export const ResourceGroupName = z
  .string()
  .min(1, 'resource group name is empty')
  .max(90, 'resource group names are at most 90 characters')
  .regex(/^[-\w.()]*[-\w()]$/, 'resource group names use letters, digits, - _ . ( ) and do not end with a dot');

/** Storage account names: 3–24 lowercase letters and digits. */
export const StorageAccountName = z
  .string()
  .max(24, 'storage account names are 3 to 24 lowercase letters and digits')
  .regex(/^[a-z0-9]{3,24}$/, 'storage account names are 3 to 24 lowercase letters and digits');

/** Key Vault names: 3–24 letters, digits and single hyphens, starting with a letter. */
export const KeyVaultName = z
  .string()
  .max(24, 'Key Vault names are 3 to 24 letters, digits and single hyphens, starting with a letter')
  .regex(
    /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){1,22}[a-zA-Z0-9]$/,
    'Key Vault names are 3 to 24 letters, digits and single hyphens, starting with a letter',
  );

/** Key Vault secret names: 1–127 letters, digits and hyphens. */
export const KeyVaultSecretName = z
  .string()
  .max(127, 'secret names are 1 to 127 letters, digits and hyphens')
  .regex(/^[0-9a-zA-Z-]{1,127}$/, 'secret names are 1 to 127 letters, digits and hyphens');

/** An Azure location name (`eastus`); display names (`East US`) are accepted and normalized. */
export const LocationName = z
  .string()
  .max(64, 'is too long for an Azure location')
  .transform((v) => v.replace(/\s+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z][a-z0-9]{1,40}$/, 'is not an Azure location (like eastus or westeurope)'));

/** The host of a vault's `vaultUri` (vault.azure.net, vault.azure.cn, vault.usgovcloudapi.net, …). */
export const VaultHost = z
  .string()
  .max(253)
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?(\.[a-z0-9-]+)+$/i, 'is not a Key Vault host')
  .transform((v) => v.toLowerCase());

/**
 * A secret as Key Vault names it: `https://<vault host>/secrets/<name>` (the secret's identifier
 * without a version). The vault host always comes from the vault's `vaultUri`.
 */
export const KeyVaultSecretId = z
  .string()
  .max(400)
  .regex(
    /^https:\/\/[a-z0-9][a-z0-9-]{1,22}[a-z0-9](\.[a-z0-9-]+)+\/secrets\/[0-9a-zA-Z-]{1,127}\/?$/i,
    'is not a Key Vault secret id (https://<vault>.vault.azure.net/secrets/<name>)',
  )
  .transform((v) => v.replace(/\/$/, ''));

/** Where a secret id points: the vault host, the vault's name (its first label) and the secret. */
export function parseSecretId(id: string): { host: string; vault: string; name: string } {
  const url = new URL(id);
  const name = url.pathname.replace(/^\/secrets\//, '').replace(/\/$/, '');
  return { host: url.host.toLowerCase(), vault: url.host.split('.')[0]!.toLowerCase(), name };
}

/** `azsecret://<vault host>/secrets/<name>` for a secret id. */
export function azsecretUri(id: string): string {
  const { host, name } = parseSecretId(id);
  return `azsecret://${host}/secrets/${name}`;
}

export const StorageAccountGrant = z.object({ resourceGroup: ResourceGroupName, name: StorageAccountName }).strict();
export type StorageAccountGrant = z.infer<typeof StorageAccountGrant>;

export const KeyVaultGrant = z.object({ resourceGroup: ResourceGroupName, name: KeyVaultName }).strict();
export type KeyVaultGrant = z.infer<typeof KeyVaultGrant>;

/**
 * A secret Studio jobs name by a job variable, with the key inside a JSON secret ('' for a
 * plain string). Its vault must be granted: a vault is granted as a whole.
 */
export const AzureSecretRef = z
  .object({ id: KeyVaultSecretId, envName: EnvVarName, key: SecretKey.default('') })
  .strict();
export type AzureSecretRef = z.infer<typeof AzureSecretRef>;

/** Azure tag names: no `<>%&\?/`, at most 512 characters; values at most 256. */
export const AzureTags = z
  .record(
    z
      .string()
      .min(1)
      .max(512)
      .regex(/^[^<>%&\\?/]+$/, 'tag names may not contain < > % & \\ ? /'),
    z.string().max(256, 'tag values are at most 256 characters'),
  )
  .refine((t) => Object.keys(t).length <= 15, 'at most 15 tags of your own (the setup keeps the rest for its record)');

export const DEFAULT_RESOURCE_GROUP = 'datachain';

export const AzureSetupConfig = z
  .object({
    tenantId: TenantId,
    subscriptionId: SubscriptionId,
    location: LocationName,
    resourceGroup: ResourceGroupName.default(DEFAULT_RESOURCE_GROUP),
    studio: StudioConnection,
    namePrefix: NamePrefix.default(''),
    storageAccounts: z
      .array(StorageAccountGrant)
      .max(200, 'at most 200 storage accounts per setup')
      .superRefine(uniqueBy<StorageAccountGrant>('storage account', (a) => a.name, 'name'))
      .default([]),
    vaults: z
      .array(KeyVaultGrant)
      .max(100, 'at most 100 Key Vaults per setup')
      .superRefine(uniqueBy<KeyVaultGrant>('Key Vault', (v) => v.name.toLowerCase(), 'name'))
      .default([]),
    secrets: z
      .array(AzureSecretRef)
      .max(200, 'at most 200 secrets per setup')
      .superRefine(uniqueBy<AzureSecretRef>('secret', (s) => s.id.toLowerCase(), 'id'))
      .superRefine(uniqueBy<AzureSecretRef>('this job variable', (s) => s.envName, 'envName'))
      .default([]),
    nodePools: AzureNodePools.optional(),
    /** Tags of your own on the resource group (merged with what is there). */
    tags: AzureTags.default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const vaults = new Set(config.vaults.map((v) => v.name.toLowerCase()));
    config.secrets.forEach((secret, index) => {
      const vault = secret.id.slice('https://'.length).split('.')[0]!.toLowerCase();
      if (!vaults.has(vault))
        ctx.addIssue({
          code: 'custom',
          path: ['secrets', index, 'id'],
          message: `the secret is in the Key Vault ${vault}, which is not granted: grant the vault first`,
        });
    });
  });
export type AzureSetupConfig = z.infer<typeof AzureSetupConfig>;
export type AzureSetupConfigInput = z.input<typeof AzureSetupConfig>;

/** The job variable Studio jobs use for a secret: NAME=azsecret://<host>/secrets/<name>#KEY. */
export function azureSecretReference(envName: string, id: string, key: string): string {
  return formatSecretReference(envName, azsecretUri(id), key);
}
