import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCore } from '../../test/support/core';
import { DraftStore } from './draft-store';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'dcs-draft-'));
const draft = {
  version: 2 as const,
  step: 'buckets',
  cloud: 'aws' as const,
  studio: {},
  namePrefix: '',
  tags: {},
  nodePools: [],
  aws: { profile: 'dev', region: 'eu-west-1', buckets: [{ name: 'data', grantKms: false }] },
};

describe('the draft store', () => {
  it('loads a version 1 draft.json as version 2, losing nothing', async () => {
    const dir = tmp();
    copyFileSync(path.join(import.meta.dirname, '../../test/fixtures/draft-v1.json'), path.join(dir, 'draft.json'));
    const loaded = await new DraftStore(dir).load();
    expect(loaded.savedAt).toBe('2026-11-20T10:12:44.518Z');
    const v2 = loaded.draft!;
    expect(v2).toMatchObject({
      version: 2,
      step: 'review',
      cloud: 'aws',
      studio: {
        issuer: 'studio.datachain.ai/api',
        team: 'acme',
        computeCredentials: 'datachain-compute',
        storageCredentials: 'datachain-storage',
      },
      namePrefix: 'acme',
      tags: { CostCenter: '42' },
      aws: {
        profile: 'dev',
        region: 'eu-west-1',
        zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
        secretRegions: ['us-east-1'],
      },
      activeOperation: {
        operationId: 'op_AAAAAAAAAAAAAAAA',
        kind: 'deploy',
        target: {
          cloud: 'aws',
          profile: 'dev',
          region: 'eu-west-1',
          stackName: 'acme-datachain-cluster',
          stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/acme-datachain-cluster/1',
        },
        plannedChanges: 21,
        cancelMeaning: 'Cancelling stops the deployment.',
      },
      deployed: { cloud: 'aws', profile: 'dev', region: 'eu-west-1', stackName: 'acme-datachain-cluster' },
    });
    expect(v2.aws.buckets).toEqual([
      { name: 'acme-data', region: 'eu-west-1', grantKms: false },
      {
        name: 'acme-sealed',
        region: 'eu-west-1',
        kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
        grantKms: true,
      },
    ]);
    expect(v2.aws.secrets).toEqual([
      {
        arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/postgres-tJFvRR',
        name: 'prod/postgres',
        envName: 'POSTGRES',
        key: 'password',
        grantKms: false,
      },
    ]);
    expect(v2.nodePools.map((p) => [p.name, p.capacity, p.capacityType])).toEqual([
      ['system', 'regular', undefined],
      ['spot-workers', 'spot', undefined],
    ]);
    expect(v2.nodePools[1]).toMatchObject({
      instanceTypes: ['c6i.2xlarge'],
      maxSize: 20,
      taints: [{ key: 'capacity', value: 'spot', effect: 'NoSchedule' }],
    });
  });

  it('saves to a file only the user can read, and loads it back', async () => {
    const dir = tmp();
    const store = new DraftStore(path.join(dir, 'nested'));
    const savedAt = await store.save(draft);
    const file = path.join(dir, 'nested', 'draft.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual({ draft, savedAt });
    expect(await store.clear()).toBe(true);
    expect(await store.load()).toEqual({ draft: null });
  });

  it('drops a corrupt or foreign draft instead of trusting it', async () => {
    const dir = tmp();
    const store = new DraftStore(dir);
    writeFileSync(path.join(dir, 'draft.json'), '{ not json');
    expect(await store.load()).toEqual({ draft: null });
    writeFileSync(path.join(dir, 'draft.json'), JSON.stringify({ draft: { ...draft, version: 3 } }));
    expect(await store.load()).toEqual({ draft: null });
  });

  it('has no room for credentials or secret values: the contract refuses them and writes nothing', async () => {
    const core = testCore();
    const cases = [
      { ...draft, aws: { ...draft.aws, credentials: { accessKeyId: 'AKIA…', secretAccessKey: 'x' } } },
      {
        ...draft,
        aws: {
          ...draft.aws,
          secrets: [{ arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', value: 'hunter2' }],
        },
      },
      { ...draft, sessionToken: 'x' },
    ];
    for (const bad of cases) {
      const saved = await core.dispatch('app.draft.save', { draft: bad }, { transport: 'test' });
      expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await core.dispatch('app.draft.load', {}, { transport: 'test' })).toEqual({
      ok: true,
      result: { draft: null },
    });

    const ok = await core.dispatch('app.draft.save', { draft }, { transport: 'test' });
    expect(ok.ok).toBe(true);
    expect(await core.dispatch('app.draft.load', {}, { transport: 'test' })).toMatchObject({
      ok: true,
      result: { draft },
    });
  });

  it('writes atomically: a crash mid-write leaves the previous draft readable', async () => {
    const dir = tmp();
    const store = new DraftStore(dir);
    await store.save(draft);
    // A leftover partial file from a crashed write is ignored.
    writeFileSync(path.join(dir, `draft.json.${process.pid}.tmp`), '{"savedAt":"x","dra');
    expect((await store.load()).draft).toEqual(draft);
    expect(JSON.parse(readFileSync(path.join(dir, 'draft.json'), 'utf8')).draft).toEqual(draft);
  });

  it('a save that cannot be written says where and why in words, and leaves no partial file', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'draft.json', 'in-the-way'), { recursive: true });
    const failed = await new DraftStore(dir).save(draft).then(
      () => undefined,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failed?.code).toBe('INTERNAL');
    expect(failed?.message).toBe(
      `The wizard could not write ${path.join(dir, 'draft.json')}: something else is in the way of the file.`,
    );
    expect(failed?.message).not.toMatch(/EISDIR|illegal operation/);
    expect(readdirSync(dir)).toEqual(['draft.json']);
  });

  it('lets overlapping saves all succeed, the last one written winning whole', async () => {
    const dir = tmp();
    const store = new DraftStore(dir);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.save({ ...draft, step: `step-${i}` })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const saved = JSON.parse(readFileSync(path.join(dir, 'draft.json'), 'utf8')) as { draft: { step: string } };
    expect(saved.draft.step).toMatch(/^step-\d+$/);
    // No partial file is left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
