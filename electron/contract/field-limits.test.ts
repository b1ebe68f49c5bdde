import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AwsNodePool } from './clouds/aws';
import { AzureNodePool } from './clouds/azure';
import { EnvVarName, SecretKey } from '../../provisioners/core/secrets.schema';
import { IssuerHost, NamePrefix, StudioName } from '../../provisioners/core/studio.schema';
import { KeyVaultSecretName, ResourceGroupName, StorageAccountName } from '../../provisioners/azure/config.schema';
import { NodePoolName } from '../../provisioners/core/node-pools.schema';
import { SecretArn } from '../../provisioners/aws/schema';
import { NewProfileName, StaticKeysInput } from '../../provisioners/aws/sign-in.schema';
import { FIELD_LIMITS } from './field-limits';
import { Draft } from './schemas/draft';

const base = { version: 2, step: 'studio' };

/** The schema takes `make(limit)` and refuses `make(limit + 1)`: the limit is the schema's. */
function isTheLimit(schema: z.ZodType, limit: number, make: (n: number) => string) {
  expect(schema.safeParse(make(limit)).success, `${limit} characters are accepted`).toBe(true);
  expect(schema.safeParse(make(limit + 1)).success, `${limit + 1} characters are refused`).toBe(false);
}
const of = (ch: string) => (n: number) => ch.repeat(n);

describe('field limits on screen are the schemas’ limits', () => {
  it('are what the domain schemas accept, and no more', () => {
    isTheLimit(StudioName, FIELD_LIMITS.studioName, of('a'));
    isTheLimit(NamePrefix, FIELD_LIMITS.namePrefix, of('a'));
    isTheLimit(EnvVarName, FIELD_LIMITS.envName, of('A'));
    isTheLimit(SecretKey, FIELD_LIMITS.secretKey, of('k'));
    // Typed with https:// and a trailing slash, taken off before the host's own (shorter) limit.
    expect(IssuerHost.safeParse('a'.repeat(FIELD_LIMITS.issuer + 1)).success).toBe(false);
    isTheLimit(ResourceGroupName, FIELD_LIMITS.resourceGroup, of('g'));
    isTheLimit(StorageAccountName, FIELD_LIMITS.storageAccount, of('s'));
    isTheLimit(KeyVaultSecretName, FIELD_LIMITS.keyVaultSecret, of('s'));
    isTheLimit(NodePoolName, FIELD_LIMITS.poolName, of('p'));
    isTheLimit(NewProfileName, FIELD_LIMITS.profileName, of('p'));
    const keys = StaticKeysInput.shape;
    isTheLimit(keys.accessKeyId, FIELD_LIMITS.accessKeyId, (n) => `AKIA${'A'.repeat(n - 4)}`);
    isTheLimit(keys.secretAccessKey, FIELD_LIMITS.secretAccessKey, of('s'));
    isTheLimit(keys.sessionToken, FIELD_LIMITS.sessionToken, of('t'));
    const arn = (n: number) => {
      const head = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:';
      return `${head}${'s'.repeat(n - head.length - 7)}-AbCdEf`;
    };
    expect(SecretArn.safeParse(arn(FIELD_LIMITS.secretArn)).success).toBe(true);
    expect(SecretArn.safeParse(arn(FIELD_LIMITS.secretArn + 1)).success).toBe(false);
  });

  it('fit the longest list a pool may hold, with its separators, and no more than that', () => {
    // The most sizes, each as long as a size may be, typed "a, b, c" as the editor splits them.
    const sizes = (prefix: string, suffix: string, width: number) =>
      Array.from({ length: 20 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}${'x'.repeat(width)}${suffix}`);
    const widest = (make: (width: number) => string[], schema: z.ZodType) => {
      let width = 0;
      while (schema.safeParse({ ...pool, instanceTypes: make(width + 1) }).success) width++;
      return make(width);
    };
    const pool = {
      name: 'workers',
      role: 'workers',
      capacity: 'regular',
      diskSizeGiB: 100,
      minSize: 0,
      desiredSize: 0,
      maxSize: 3,
      labels: {},
      taints: [],
    };
    const azure = widest((w) => sizes('Standard_D', '', w), AzureNodePool);
    expect(azure.join(', ').length).toBe(FIELD_LIMITS.azureSizes);
    // One more size is refused.
    expect(AzureNodePool.safeParse({ ...pool, instanceTypes: [...azure, 'Standard_D2s_v5'] }).success).toBe(false);
    const aws = widest((w) => sizes('m', '.large', w), AwsNodePool);
    expect(aws.join(', ').length).toBe(FIELD_LIMITS.awsSizes);

    // Labels: the most labels, each key and value as long as they may be.
    // A key: a DNS prefix of 253 characters (labels of at most 63), a slash, a name of 63.
    const prefix = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(61)}`;
    const key = (i: number) => `${prefix}/${String(i).padStart(2, '0')}${'n'.repeat(61)}`;
    const labels = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [key(i), 'v'.repeat(63)]));
    expect(AzureNodePool.safeParse({ ...pool, instanceTypes: ['Standard_D2s_v5'], labels }).success).toBe(true);
    const labelLines = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
    expect(labelLines.join('\n').length).toBe(FIELD_LIMITS.labels);
    const taints = Array.from({ length: 10 }, (_, i) => ({
      key: key(i),
      value: 'v'.repeat(63),
      effect: 'PreferNoSchedule',
    }));
    expect(AzureNodePool.safeParse({ ...pool, instanceTypes: ['Standard_D2s_v5'], taints }).success).toBe(true);
    const taintLines = taints.map((t) => `${t.key}=${t.value}:${t.effect}`);
    expect(taintLines.join('\n').length).toBe(FIELD_LIMITS.taints);
  });

  it('never exceed what the draft saves: nothing typed within them can fail to save', () => {
    const longest = (n: number) => 'a'.repeat(n);
    const draft = {
      ...base,
      namePrefix: longest(FIELD_LIMITS.namePrefix),
      studio: {
        issuer: `${longest(FIELD_LIMITS.issuer - 4)}.com`,
        team: longest(FIELD_LIMITS.studioName),
        computeCredentials: longest(FIELD_LIMITS.studioName),
        storageCredentials: longest(FIELD_LIMITS.studioName),
      },
      nodePools: [
        {
          name: longest(FIELD_LIMITS.poolName),
          instanceTypes: [longest(FIELD_LIMITS.azureSizes)],
          labels: { [longest(FIELD_LIMITS.labels)]: '' },
        },
      ],
      aws: {
        secrets: [
          {
            arn: longest(FIELD_LIMITS.secretArn),
            envName: 'A'.repeat(FIELD_LIMITS.envName),
            key: 'k'.repeat(FIELD_LIMITS.secretKey),
          },
        ],
      },
      azure: {
        resourceGroup: longest(FIELD_LIMITS.resourceGroup),
        storageAccounts: [
          { id: '/x', name: longest(FIELD_LIMITS.storageAccount), resourceGroup: longest(FIELD_LIMITS.resourceGroup) },
        ],
        secrets: [
          {
            id: `https://v.vault.azure.net/secrets/${longest(FIELD_LIMITS.keyVaultSecret)}`,
            vaultId: '/v',
            name: longest(FIELD_LIMITS.keyVaultSecret),
            envName: 'A'.repeat(FIELD_LIMITS.envName),
            key: 'k'.repeat(FIELD_LIMITS.secretKey),
          },
        ],
      },
    };
    const parsed = Draft.safeParse(draft);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
