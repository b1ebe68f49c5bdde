/**
 * The setup's record lives in the cloud with the setup (not in a local draft), against moto
 * through the real core: any computer exports the same Studio config, day-2 renames update the
 * record, another team's plan is a takeover that needs confirming, a stack this app did not make
 * is never deleted, and KMS keys follow the grants that need them.
 */
import { CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  AwsSetupConfig,
  NODE_POOL_PRESETS,
  SetupPlan,
  StartedOperation,
  type AwsSetupConfigInput,
} from '../electron/contract';
import { studioConfig } from '../renderer/src/features/export/studio-config';
import { motoClients } from './support/aws-clients';
import { isolatedAws, TEST_KEYS } from './support/aws-env';
import { followToEnd, testCore } from './support/core';
import { startTestIssuer, type TestIssuer } from './support/tls-issuer';

const motoUrl = inject('motoUrl');
const REGION = 'sa-east-1';
const clientConfig = { region: REGION, endpoint: motoUrl, credentials: TEST_KEYS };
let issuer: TestIssuer;
const teardowns: { core: ReturnType<typeof testCore>; stackName: string }[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer({ host: 'issuer.test' });
});
afterAll(async () => issuer.close());
afterEach(async () => {
  for (const { core, stackName } of teardowns.splice(0)) {
    const started = await core.dispatch(
      'setup.teardown',
      { target: { cloud: 'aws', region: REGION, stackName } },
      { transport: 'test' },
    );
    if (started.ok) await followToEnd(core, StartedOperation.parse(started.result).operationId);
  }
  vi.unstubAllEnvs();
});

/** A computer signed in to the account: its own user-data folder and HOME, nothing shared but the cloud. */
async function computer() {
  await isolatedAws(motoUrl);
  vi.stubEnv('HOME', mkdtempSync(path.join(os.tmpdir(), 'dcs-home-')));
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
  return testCore({ issuerTarget: { connectOptions: issuer.connectOptions } });
}

type Core = Awaited<ReturnType<typeof computer>>;

async function ok<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input, { transport: 'test' });
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.result as T;
}

function config(prefix: string, overrides: Partial<AwsSetupConfigInput> = {}): AwsSetupConfigInput {
  return {
    region: REGION,
    zones: [`${REGION}a`, `${REGION}b`],
    studio: { team: 'acme', issuer: `${issuer.host}/api` },
    namePrefix: prefix,
    ...overrides,
  };
}

async function plan(core: Core, input: AwsSetupConfigInput, revoking?: { buckets?: string[]; secrets?: string[] }) {
  return SetupPlan.parse(
    await ok(core, 'setup.plan', { cloud: 'aws', config: input, ...(revoking ? { revoking } : {}) }),
  );
}

async function deploy(core: Core, planId: string, confirmTakeover = false) {
  const started = StartedOperation.parse(
    await ok(core, 'setup.deploy', { planId, ...(confirmTakeover ? { confirmTakeover } : {}) }),
  );
  const last = (await followToEnd(core, started.operationId)).at(-1)!;
  expect(last).toMatchObject({ type: 'finished', status: 'succeeded' });
}

/** What the outputs screen exports, from what the cloud says about the setup. */
async function exportFrom(core: Core, stackName: string) {
  const target = { cloud: 'aws', region: REGION, stackName };
  const read = await ok<{ config: unknown }>(core, 'setup.config', { target });
  const outputs = await ok<{ outputs: never }>(core, 'setup.outputs', { target });
  const { generatedAt: _, ...file } = studioConfig({
    outputs: outputs.outputs,
    config: AwsSetupConfig.parse(read.config),
    stackName,
    generator: 'test',
  });
  return file;
}

async function secret(name: string): Promise<string> {
  const sm = new SecretsManagerClient(clientConfig);
  return (
    await sm.send(
      new CreateSecretCommand({ Name: `${name}-${Date.now().toString(36)}`, SecretString: '{"password":"x"}' }),
    )
  ).ARN!;
}

async function storagePolicyText(prefix: string): Promise<string> {
  const role = `${prefix}-datachain-oidc-storage`;
  const out = await motoClients(motoUrl, REGION).iam.send(
    new GetRolePolicyCommand({ RoleName: role, PolicyName: role }),
  );
  return decodeURIComponent(out.PolicyDocument ?? '');
}

describe('the setup record', () => {
  it('exports the same Studio config from a second computer, and after a day-2 rename', async () => {
    const first = await computer();
    const json = await secret('prod/postgres');
    const plain = await secret('prod/hf-token');
    const setup = config('rec', {
      secrets: [
        { arn: json, envName: 'POSTGRES', key: 'password' },
        { arn: plain, envName: 'HF_TOKEN', key: '' },
      ],
      nodePools: [NODE_POOL_PRESETS.system, NODE_POOL_PRESETS.spot],
    });
    const planned = await plan(first, setup);
    expect(planned.kind).toBe('changes');
    await deploy(first, planned.planId);
    teardowns.push({ core: first, stackName: 'rec-datachain-cluster' });
    const exported = await exportFrom(first, 'rec-datachain-cluster');
    expect(exported.storage.secrets.map((s) => s.reference)).toEqual([
      `POSTGRES=awssecret://${json}#password`,
      `HF_TOKEN=awssecret://${plain}`,
    ]);
    expect(exported.nodePools.map((p) => [p.name, p.capacityType])).toEqual([
      ['system', 'ON_DEMAND'],
      ['spot-workers', 'SPOT'],
    ]);

    // Another computer: a fresh user-data folder and HOME. It finds the setup and exports it identically.
    const second = await computer();
    const listed = await ok<{ setups: { ref: { stackName: string }; team?: string }[] }>(second, 'setups.list', {
      account: { cloud: 'aws' },
    });
    expect(listed.setups).toContainEqual(
      expect.objectContaining({ ref: expect.objectContaining({ stackName: 'rec-datachain-cluster' }), team: 'acme' }),
    );
    expect(await exportFrom(second, 'rec-datachain-cluster')).toEqual(exported);

    // Day 2, from the second computer: rename a job variable. Only the record changes.
    const read = AwsSetupConfig.parse(
      (
        await ok<{ config: unknown }>(second, 'setup.config', {
          target: { cloud: 'aws', region: REGION, stackName: 'rec-datachain-cluster' },
        })
      ).config,
    );
    const renamed = await plan(second, {
      ...read,
      secrets: read.secrets.map((s) => (s.envName === 'POSTGRES' ? { ...s, envName: 'DATABASE' } : s)),
    });
    expect(renamed.kind).toBe('changes');
    expect(renamed.cloud === 'aws' && renamed.rows.map((r) => [r.action, r.logicalId])).toEqual([
      ['Modify', 'StorageRole'],
    ]);
    expect(renamed.takeover).toBeUndefined();
    await deploy(second, renamed.planId);
    const third = await computer();
    const after = await exportFrom(third, 'rec-datachain-cluster');
    expect(after).toEqual({
      ...exported,
      // The README's checklist names the job variables too.
      readme: exported.readme.map((line: string) =>
        line.replace(`POSTGRES=awssecret://${json}#password`, `DATABASE=awssecret://${json}#password`),
      ),
      storage: {
        ...exported.storage,
        secrets: [
          { ...exported.storage.secrets[0]!, envName: 'DATABASE', reference: `DATABASE=awssecret://${json}#password` },
          exported.storage.secrets[1],
        ],
      },
    });
  });
});

describe('ownership', () => {
  it("warns team beta that it would take over team acme's setup, and will not deploy unconfirmed", async () => {
    const acme = await computer();
    const first = await plan(acme, config('own', { buckets: [{ name: 'acme-data' }] }));
    await deploy(acme, first.planId);
    teardowns.push({ core: acme, stackName: 'own-datachain-cluster' });

    const beta = await computer();
    const over = await plan(beta, config('own', { studio: { team: 'beta', issuer: `${issuer.host}/api` } }));
    expect(over.kind).toBe('changes');
    expect(over.takeover).toMatchObject({
      summary: expect.stringContaining('Studio team "acme"'),
      subjects: {
        before: { compute: 'credentials:acme/datachain-compute' },
        after: { compute: 'credentials:beta/datachain-compute' },
      },
      removedGrants: ['the bucket acme-data'],
    });
    expect(over.takeover!.losses.join(' ')).toContain('acme-data');
    expect(over.suggestedPrefix).toBe('beta');
    const refused = await beta.dispatch('setup.deploy', { planId: over.planId }, { transport: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const still = AwsSetupConfig.parse(
      (
        await ok<{ config: unknown }>(beta, 'setup.config', {
          target: { cloud: 'aws', region: REGION, stackName: 'own-datachain-cluster' },
        })
      ).config,
    );
    expect(still.studio.team).toBe('acme');
    expect(still.buckets).toEqual([{ name: 'acme-data' }]);
    expect(await ok(beta, 'setup.discardPlan', { planId: over.planId })).toEqual({ discarded: true });

    // Revoking what the user asked to revoke is not a takeover.
    const revoke = await plan(acme, config('own'), { buckets: ['acme-data'] });
    expect(revoke.takeover).toBeUndefined();
    await ok(acme, 'setup.discardPlan', { planId: revoke.planId });
  });

  it('refuses to tear down a stack this app did not create, and leaves it in place', async () => {
    const core = await computer();
    const cfn = motoClients(motoUrl, REGION).cloudformation;
    const template = JSON.stringify({ Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } });
    // One untagged, and one carrying our tag by hand but not made by the app.
    for (const [name, tags] of [
      ['foreign-datachain-cluster', []],
      ['forged-datachain-cluster', [{ Key: 'datachain:managed-by', Value: 'datachain-cluster-setup' }]],
    ] as const) {
      await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: template, Tags: [...tags] }));
      try {
        const started = StartedOperation.parse(
          await ok(core, 'setup.teardown', { target: { cloud: 'aws', region: REGION, stackName: name } }),
        );
        const last = (await followToEnd(core, started.operationId)).at(-1)!;
        expect(last, name).toMatchObject({
          type: 'finished',
          status: 'failed',
          error: { code: 'CONFLICT', message: expect.stringContaining('was not created by DataChain Cluster Setup') },
        });
        const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
        expect(stack?.StackStatus, name).toBe('CREATE_COMPLETE');
      } finally {
        await cfn.send(new DeleteStackCommand({ StackName: name }));
      }
    }
  });
});

describe('KMS keys follow their grants', () => {
  it('removes a key from the live storage policy with the last grant that needs it, and keeps one still needed', async () => {
    const core = await computer();
    const kms = new KMSClient(clientConfig);
    const shared = (await kms.send(new CreateKeyCommand({ Description: 'buckets' }))).KeyMetadata!.Arn!;
    const own = (await kms.send(new CreateKeyCommand({ Description: 'secret' }))).KeyMetadata!.Arn!;
    const arn = await secret('prod/sealed');
    const base = config('kms', {
      buckets: [
        { name: 'sealed-one', kmsKeyArn: shared },
        { name: 'sealed-two', kmsKeyArn: shared },
      ],
      secrets: [{ arn, envName: 'SEALED', key: '', kmsKeyArn: own }],
    });
    await deploy(core, (await plan(core, base)).planId);
    teardowns.push({ core, stackName: 'kms-datachain-cluster' });
    expect(await storagePolicyText('kms')).toContain(shared);

    // Revoke one of the two buckets behind the shared key: the key stays.
    const read = async () =>
      AwsSetupConfig.parse(
        (
          await ok<{ config: unknown }>(core, 'setup.config', {
            target: { cloud: 'aws', region: REGION, stackName: 'kms-datachain-cluster' },
          })
        ).config,
      );
    let current = await read();
    await deploy(
      core,
      (
        await plan(
          core,
          { ...current, buckets: current.buckets.filter((b) => b.name !== 'sealed-one') },
          { buckets: ['sealed-one'] },
        )
      ).planId,
    );
    let text = await storagePolicyText('kms');
    expect(text).not.toContain('sealed-one');
    expect(text).toContain(shared);

    // Revoke the last one: the key goes with it; the secret's key stays.
    current = await read();
    expect(current.buckets).toEqual([{ name: 'sealed-two', kmsKeyArn: shared }]);
    await deploy(core, (await plan(core, { ...current, buckets: [] }, { buckets: ['sealed-two'] })).planId);
    text = await storagePolicyText('kms');
    expect(text).not.toContain(shared);
    expect(text).toContain(own);
  });
});
