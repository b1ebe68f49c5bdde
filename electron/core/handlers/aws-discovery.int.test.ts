/**
 * Discovery against moto (regions, zones, buckets, secrets, KMS keys, instance types and offerings)
 * and the local contract server for EC2 vCPU quotas, which moto's Service Quotas does not serve.
 */
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { NODE_POOL_PRESETS } from '../../../provisioners/aws/node-pools.schema';
import { startContractServer, type ContractServer } from '../../../test/support/aws-contract-server';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { testCore } from '../../../test/support/core';
import { BucketPage, NodePoolReport, SecretPage, ZoneListing } from '../../contract';

const motoUrl = inject('motoUrl');
const REGION = 'eu-north-1';
const run = Date.now().toString(36);
let quotas: ContractServer;

const awsConfig = (region = REGION) => ({ region, endpoint: motoUrl, credentials: TEST_KEYS, forcePathStyle: true });

beforeAll(async () => {
  quotas = await startContractServer({
    roleCredentials: TEST_KEYS,
    quotas: [
      {
        code: 'L-1216C47A',
        name: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances',
        applied: 256,
        default: 5,
      },
      { code: 'L-34B43A08', name: 'All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests', default: 640 },
      { code: 'L-DB2E81BA', name: 'Running On-Demand G and VT instances', applied: 0, default: 0 },
    ],
  });
});
afterAll(async () => quotas.close());
afterEach(() => vi.unstubAllEnvs());

async function signedIn() {
  await isolatedAws(motoUrl);
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ENDPOINT_URL_SERVICE_QUOTAS', quotas.url);
  return testCore();
}

async function ok<T>(
  promise: Promise<{ ok: boolean; result?: unknown; error?: unknown }>,
  schema?: { parse(v: unknown): T },
): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return schema ? schema.parse(result.result) : (result.result as T);
}

describe('regions and zones', () => {
  it('lists the enabled regions', async () => {
    const core = await signedIn();
    const regions = await ok<{ name: string }[]>(core.dispatch('aws.regions.list', {}, { transport: 'test' }));
    expect(regions.map((r) => r.name)).toEqual(expect.arrayContaining(['eu-north-1', 'us-east-1']));
  });

  it('marks the zone EKS refuses and leaves it unselected', async () => {
    const core = await signedIn();
    const listing = await ok(
      core.dispatch('aws.zones.list', { region: 'us-east-1' }, { transport: 'test' }),
      ZoneListing,
    );
    const az3 = listing.zones.find((z) => z.zoneId === 'use1-az3');
    expect(az3).toMatchObject({
      eksSupported: false,
      selectedByDefault: false,
      note: 'EKS does not create clusters in use1-az3',
    });
    expect(listing.zones.filter((z) => z.selectedByDefault).length).toBe(listing.zones.length - 1);
  });
});

describe('buckets', () => {
  it('pages through every bucket with its region, and filters by prefix', async () => {
    const core = await signedIn();
    const s3 = new S3Client(awsConfig());
    const names = Array.from({ length: 23 }, (_, i) => `dcs-${run}-list-${String(i).padStart(2, '0')}`);
    for (const name of names)
      await s3.send(
        new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: REGION } }),
      );
    const seen: { name: string; region?: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: BucketPage = await ok(
        core.dispatch(
          'aws.buckets.list',
          { prefix: `dcs-${run}-list-`, pageSize: 10, ...(cursor ? { cursor } : {}) },
          { transport: 'test' },
        ),
        BucketPage,
      );
      seen.push(...page.buckets);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((b) => b.name)).toEqual(names);
    expect(new Set(seen.map((b) => b.region))).toEqual(new Set([REGION]));
  });

  it('checks a typed-in bucket: missing, ours, and encrypted with a customer KMS key', async () => {
    const core = await signedIn();
    const s3 = new S3Client(awsConfig());
    const kms = new KMSClient(awsConfig());
    const plain = `dcs-${run}-plain`;
    const encrypted = `dcs-${run}-kms`;
    const awsKey = `dcs-${run}-awskms`;
    for (const b of [plain, encrypted, awsKey])
      await s3.send(new CreateBucketCommand({ Bucket: b, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    const key = (await kms.send(new CreateKeyCommand({ Description: 'dcs test' }))).KeyMetadata!;
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: encrypted,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.KeyId } }],
        },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: awsKey,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
        },
      }),
    );

    const check = (name: string) => ok(core.dispatch('aws.buckets.check', { name }, { transport: 'test' }));
    expect(await check(`dcs-${run}-absent`)).toEqual({ name: `dcs-${run}-absent`, exists: false, access: 'none' });
    expect(await check(plain)).toEqual({ name: plain, exists: true, region: REGION, access: 'yours' });
    expect(await check(encrypted)).toMatchObject({
      exists: true,
      access: 'yours',
      kms: { managedBy: 'customer', arn: key.Arn },
    });
    expect(await check(awsKey)).toMatchObject({ kms: { managedBy: 'aws' } });
    // (moto does not enforce cross-account access, so "exists, owned elsewhere" is covered by buckets.test.ts.)
  });

  it('rejects an invalid bucket name before any call, naming the field', async () => {
    const core = await signedIn();
    expect(await core.dispatch('aws.buckets.check', { name: 'Not_Valid' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'name' }] } },
    });
  });
});

describe('secrets', () => {
  it('pages through names, ARNs and keys, flags customer keys, and never reads a value', async () => {
    const core = await signedIn();
    const sm = new SecretsManagerClient(awsConfig());
    const kms = new KMSClient(awsConfig());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const prefix = `dcs/${run}/`;
    for (let i = 0; i < 104; i++)
      await sm.send(
        new CreateSecretCommand({
          Name: `${prefix}s${String(i).padStart(3, '0')}`,
          SecretString: `{"TOKEN":"value-${i}"}`,
          ...(i === 0 ? { KmsKeyId: key.KeyId } : {}),
        }),
      );
    const secrets: SecretPage['secrets'] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: SecretPage = await ok(
        core.dispatch(
          'aws.secrets.list',
          { region: REGION, namePrefix: prefix, ...(cursor ? { cursor } : {}) },
          { transport: 'test' },
        ),
        SecretPage,
      );
      secrets.push(...page.secrets);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(secrets).toHaveLength(104);
    expect(JSON.stringify(secrets)).not.toContain('value-');
    const first = secrets.find((s) => s.name === `${prefix}s000`)!;
    expect(first).toMatchObject({ customerKey: true });
    expect(secrets.filter((s) => s.customerKey)).toHaveLength(1);
    const check = await ok(core.dispatch('aws.secrets.check', { arn: first.arn }, { transport: 'test' }));
    expect(check).toMatchObject({ exists: true, kms: { managedBy: 'customer', arn: key.Arn } });
  });

  it('says when a secret does not exist, and rejects a malformed ARN, naming the field', async () => {
    const core = await signedIn();
    expect(
      await ok(
        core.dispatch(
          'aws.secrets.check',
          { arn: `arn:aws:secretsmanager:${REGION}:123456789012:secret:nope-AbCdEf` },
          { transport: 'test' },
        ),
      ),
    ).toMatchObject({ exists: false });
    expect(await core.dispatch('aws.secrets.check', { arn: 'not-an-arn' }, { transport: 'test' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'arn' }] } },
    });
  });
});

describe('node pools against the region', () => {
  const zones = [`${REGION}a`, `${REGION}b`, `${REGION}c`];

  it('accepts the system and CPU presets within quota, and explains where types are not offered', async () => {
    const core = await signedIn();
    const report = await ok(
      core.dispatch(
        'aws.nodePools.check',
        { region: REGION, zones, pools: [NODE_POOL_PRESETS.system, NODE_POOL_PRESETS.cpu] },
        { transport: 'test' },
      ),
      NodePoolReport,
    );
    expect(report.pools.flatMap((p) => p.findings.filter((f) => f.severity === 'blocker'))).toEqual([]);
    expect(report.ok).toBe(true);
    const standard = report.quotas.find((q) => q.group === 'Standard' && q.capacity === 'ON_DEMAND')!;
    // 3 × m6i.large (2 vCPUs) + 10 × 8 vCPUs = 86 of the applied 256.
    expect(standard).toMatchObject({ needed: 86, limit: 256, source: 'applied', ok: true });
    const cpu = report.pools.find((p) => p.name === 'cpu-workers')!;
    expect(cpu.findings).toEqual([]);
    // A type missing from some zones is a warning: its nodes start only where it is offered.
    const partial = await ok(
      core.dispatch(
        'aws.nodePools.check',
        {
          region: REGION,
          zones,
          pools: [NODE_POOL_PRESETS.system, { ...NODE_POOL_PRESETS.cpu, instanceTypes: ['g6.xlarge'] }],
        },
        { transport: 'test' },
      ),
      NodePoolReport,
    );
    expect(partial.pools[1]!.findings).toContainEqual({
      severity: 'warning',
      field: 'instanceTypes.0',
      message: 'g6.xlarge is not offered in eu-north-1c; its nodes will only start in eu-north-1a, eu-north-1b.',
    });
  });

  it("rejects a GPU pool the account's G quota cannot serve, with a plain reason and a link", async () => {
    const core = await signedIn();
    const report = await ok(
      core.dispatch(
        'aws.nodePools.check',
        { region: REGION, zones, pools: [NODE_POOL_PRESETS.system, NODE_POOL_PRESETS.gpu] },
        { transport: 'test' },
      ),
      NodePoolReport,
    );
    expect(report.ok).toBe(false);
    const g = report.quotas.find((q) => q.group === 'G and VT')!;
    expect(g).toMatchObject({
      ok: false,
      limit: 0,
      code: 'L-DB2E81BA',
      link: 'https://eu-north-1.console.aws.amazon.com/servicequotas/home/services/ec2/quotas/L-DB2E81BA',
    });
    expect(g.message).toBe(
      'The pool gpu-workers can grow to 16 On-Demand vCPUs of G and VT instances, but the account may run only 0 in eu-north-1. Clusters would fail to add nodes beyond that.',
    );
    expect(report.instanceTypes.find((t) => t.type === 'g4dn.xlarge')?.gpu).toMatchObject({ name: 'T4', count: 1 });
    expect(report.instanceTypes.find((t) => t.type === 'g5.xlarge')?.gpu).toMatchObject({
      name: 'A10G',
      manufacturer: 'NVIDIA',
      count: 1,
    });
  });

  it('falls back to the default quota when none is applied (Spot)', async () => {
    const core = await signedIn();
    const report = await ok(
      core.dispatch(
        'aws.nodePools.check',
        { region: REGION, zones, pools: [NODE_POOL_PRESETS.system, NODE_POOL_PRESETS.spot] },
        { transport: 'test' },
      ),
      NodePoolReport,
    );
    expect(report.quotas.find((q) => q.capacity === 'SPOT')).toMatchObject({
      source: 'default',
      limit: 640,
      needed: 160,
      ok: true,
    });
  });

  it('rejects unknown types, types offered in no chosen zone, and Spot on types without Spot', async () => {
    const core = await signedIn();
    const pool = {
      ...NODE_POOL_PRESETS.cpu,
      name: 'odd',
      capacity: 'spot' as const,
      instanceTypes: ['zz9.mega', 'p4d.24xlarge', 'mac1.metal'],
    };
    const report = await ok(
      core.dispatch(
        'aws.nodePools.check',
        { region: REGION, zones: [`${REGION}a`], pools: [NODE_POOL_PRESETS.system, pool] },
        { transport: 'test' },
      ),
      NodePoolReport,
    );
    const findings = report.pools.find((p) => p.name === 'odd')!.findings.filter((f) => f.severity === 'blocker');
    expect(findings.map((f) => [f.field, f.message])).toEqual([
      ['instanceTypes.0', 'zz9.mega is not an instance type AWS offers.'],
      ['instanceTypes.1', 'p4d.24xlarge is not offered in any of the chosen zones (eu-north-1a).'],
      ['instanceTypes.2', 'mac1.metal cannot run as Spot capacity.'],
    ]);
  });

  it('rejects bad pools before any call, naming the field', async () => {
    const core = await signedIn();
    const cases: [Record<string, unknown>, string][] = [
      [{ minSize: 5, maxSize: 2, desiredSize: 2 }, 'pools.1.minSize'],
      [{ taints: [{ key: 'dedicated', value: 'gpu' }] }, 'pools.1.taints.0.effect'],
      [{ instanceTypes: ['m6ilarge'] }, 'pools.1.instanceTypes.0'],
      [{ name: 'Bad Name' }, 'pools.1.name'],
      [{ labels: { 'bad key!': 'x' } }, 'pools.1.labels.bad key!'],
    ];
    const before = quotas.requests.length;
    for (const [overrides, path] of cases) {
      const result = await core.dispatch(
        'aws.nodePools.check',
        { region: REGION, zones, pools: [NODE_POOL_PRESETS.system, { ...NODE_POOL_PRESETS.cpu, ...overrides }] },
        { transport: 'test' },
      );
      expect(result, path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!result.ok) expect(result.error.details?.fields?.map((f) => f.path)).toContain(path);
    }
    expect(quotas.requests.length).toBe(before);
  });
});
