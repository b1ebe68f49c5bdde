import { describe, expect, it } from 'vitest';
import { AzureSetupConfig } from './config.schema';
import { MAX_RECORD_PARTS, readRecord, recordTags, recordTooBig } from './record';

const where = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001',
  resourceGroup: 'datachain',
  location: 'eastus',
};
const adopted = { apps: {}, roles: {}, resourceGroup: false };

describe('the record in resource group tags', () => {
  it('round-trips, is deterministic, and keeps every value within 256 characters', () => {
    const config = AzureSetupConfig.parse({
      ...where,
      studio: { team: 'acme' },
      vaults: [{ resourceGroup: 'v', name: 'kv-one' }],
      secrets: [{ id: 'https://kv-one.vault.azure.net/secrets/db', envName: 'DB', key: 'url' }],
    });
    const tags = recordTags({ setupId: 's-1', config, adopted });
    expect(recordTags({ setupId: 's-1', config, adopted })).toEqual(tags);
    expect(Object.values(tags).every((v) => v.length <= 256)).toBe(true);
    const back = readRecord({ ...tags, owner: 'me' }, where);
    expect(back.ours && 'record' in back && back.record.config).toEqual({ ...config, tags: { owner: 'me' } });
    expect(readRecord({ owner: 'me' }, where)).toEqual({ ours: false });
  });

  it('reports a missing part and a record that would not fit', () => {
    const config = AzureSetupConfig.parse({ ...where, studio: { team: 'acme' } });
    const tags = recordTags({ setupId: 's-1', config, adopted });
    const broken = { ...tags };
    delete broken['datachain-record-00'];
    expect(readRecord(broken, where)).toMatchObject({ ours: true, problem: expect.stringMatching(/incomplete/) });
    expect(recordTooBig({ 'datachain-record-parts': String(MAX_RECORD_PARTS + 1) })).toBe(true);
  });
});
