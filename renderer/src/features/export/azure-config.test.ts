import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { azureStudioConfig, azureTerraformOutputJson, AZURE_OUTPUT_NAMES, type AzureOutputs } from './azure-config';
import { toYaml } from './studio-config';

const tenant = '11111111-2222-4333-8444-555555555555';
const sub = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const outputs: AzureOutputs = {
  datachain_compute_azure_subscription_id: sub,
  datachain_compute_azure_tenant_id: tenant,
  datachain_compute_azure_client_id: '0c0c0c0c-0000-4000-8000-000000000001',
  datachain_storage_azure_subscription_id: sub,
  datachain_storage_azure_tenant_id: tenant,
  datachain_storage_azure_client_id: '5d5d5d5d-0000-4000-8000-000000000002',
  datachain_compute_resource_group: 'datachain',
};
const config = {
  tenantId: tenant,
  subscriptionId: sub,
  location: 'eastus',
  resourceGroup: 'datachain',
  studio: {
    issuer: 'studio.datachain.ai/api',
    team: 'acme',
    computeCredentials: 'compute',
    storageCredentials: 'storage',
  },
  storageAccounts: [
    { resourceGroup: 'data', name: 'acmelake' },
    { resourceGroup: 'data', name: 'acmelake2' },
  ],
  vaults: [{ resourceGroup: 'sec', name: 'acme-kv' }],
  secrets: [
    { id: 'https://acme-kv.vault.azure.net/secrets/db', envName: 'DB_URL', key: 'url' },
    { id: 'https://acme-kv.vault.azure.net/secrets/token', envName: 'TOKEN', key: '' },
  ],
  nodePools: [
    {
      name: 'system',
      role: 'system',
      instanceTypes: ['Standard_D2s_v5'],
      capacity: 'regular' as const,
      diskSizeGiB: 50,
      minSize: 1,
      desiredSize: 2,
      maxSize: 3,
      labels: {},
      taints: [],
    },
    {
      name: 'spot-workers',
      role: 'workers',
      instanceTypes: ['Standard_D8s_v5'],
      capacity: 'spot' as const,
      diskSizeGiB: 100,
      minSize: 0,
      desiredSize: 0,
      maxSize: 20,
      labels: {},
      taints: [],
    },
  ],
};

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync('docs/schemas/studio-config.v1.schema.json', 'utf8')));
  return ajv.compile(JSON.parse(readFileSync('docs/schemas/studio-config.v2.schema.json', 'utf8')));
}

describe('the Azure Studio config export (version 2)', () => {
  const exported = azureStudioConfig({ outputs, config, generator: 'test', now: new Date('2026-12-01T00:00:00Z') });

  it('matches the version 2 schema, which refuses a broken copy', () => {
    const validate = validator();
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...exported, version: 1 })).toBe(false);
    expect(validate({ ...exported, outputs: { ...exported.outputs, datachain_compute_azure_client_id: 'x' } })).toBe(
      false,
    );
    const { datachain_compute_resource_group: _dropped, ...missing } = exported.outputs;
    expect(validate({ ...exported, outputs: missing })).toBe(false);
  });

  it('carries the subjects, client ids and ready-to-paste azsecret references', () => {
    expect(exported.studio.credentials.storage).toEqual({
      name: 'storage',
      subject: 'credentials:acme/storage',
      clientId: outputs.datachain_storage_azure_client_id,
    });
    expect(exported.storage.secrets.map((s) => s.reference)).toEqual([
      'DB_URL=azsecret://acme-kv.vault.azure.net/secrets/db#url',
      'TOKEN=azsecret://acme-kv.vault.azure.net/secrets/token',
    ]);
    expect(exported.nodePools.map((p) => [p.name, p.priority])).toEqual([
      ['system', 'Regular'],
      ['spot-workers', 'Spot'],
    ]);
    // Two accounts in one resource group (the Terraform's map could not hold them).
    expect(exported.storage.accounts).toHaveLength(2);
  });

  it('reads back from YAML exactly as written', () => {
    expect(yaml.load(toYaml(exported))).toEqual(exported);
  });

  it('has the shape of `terraform output -json` with the seven Terraform names', () => {
    const shaped = JSON.parse(azureTerraformOutputJson(outputs));
    expect(Object.keys(shaped)).toEqual([...AZURE_OUTPUT_NAMES]);
    expect(shaped.datachain_compute_resource_group).toEqual({ sensitive: false, type: 'string', value: 'datachain' });
  });
});
