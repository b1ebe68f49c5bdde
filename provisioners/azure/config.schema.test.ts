import { describe, expect, it } from 'vitest';
import { AzureSetupConfig, azureSecretReference, KeyVaultName, StorageAccountName } from './config.schema';

const base = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  subscriptionId: 'AAAAAAAA-0000-4000-8000-000000000001',
  location: 'East US',
  studio: { team: 'acme' },
};

describe('AzureSetupConfig', () => {
  it('fills defaults and normalizes the location and ids', () => {
    const c = AzureSetupConfig.parse(base);
    expect(c.location).toBe('eastus');
    expect(c.resourceGroup).toBe('datachain');
    expect(c.subscriptionId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(c.studio.issuer).toBe('studio.datachain.ai/api');
  });

  it('allows two storage accounts in one resource group (the Terraform map cannot)', () => {
    const c = AzureSetupConfig.parse({
      ...base,
      storageAccounts: [
        { resourceGroup: 'data', name: 'one' + 'acct' },
        { resourceGroup: 'data', name: 'twoacct' },
      ],
    });
    expect(c.storageAccounts).toHaveLength(2);
  });

  it('refuses a secret whose vault is not granted, and duplicates', () => {
    const r = AzureSetupConfig.safeParse({
      ...base,
      secrets: [{ id: 'https://kv-one.vault.azure.net/secrets/db', envName: 'DB' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/not granted/);
    const dup = AzureSetupConfig.safeParse({
      ...base,
      storageAccounts: [
        { resourceGroup: 'a', name: 'same1' },
        { resourceGroup: 'b', name: 'same1' },
      ],
    });
    expect(dup.success).toBe(false);
  });

  it('checks Azure naming rules', () => {
    expect(StorageAccountName.safeParse('Has-Upper').success).toBe(false);
    expect(KeyVaultName.safeParse('kv--double').success).toBe(false);
    expect(KeyVaultName.safeParse('kv-ok1').success).toBe(true);
    expect(AzureSetupConfig.safeParse({ ...base, location: 'east us; drop' }).success).toBe(false);
  });
});

describe('azureSecretReference', () => {
  it('uses the vault host as given and omits #key for a plain string', () => {
    expect(azureSecretReference('DB', 'https://kv-one.vault.azure.cn/secrets/db-url', 'url')).toBe(
      'DB=azsecret://kv-one.vault.azure.cn/secrets/db-url#url',
    );
    expect(azureSecretReference('TOKEN', 'https://kv-one.vault.azure.net/secrets/hf', '')).toBe(
      'TOKEN=azsecret://kv-one.vault.azure.net/secrets/hf',
    );
  });
});
