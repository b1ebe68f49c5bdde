import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startCountingProxy } from '../../../scripts/lib/counting-proxy.mjs';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { testCore } from '../../../test/support/core';
import { AwsSessions } from './session';

const motoUrl = inject('motoUrl');
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
const PREFIX = `reuse-${Date.now().toString(36)}`;

beforeAll(async () => {
  proxy = await startCountingProxy(motoUrl);
  const s3 = new S3Client({ region: 'us-east-1', endpoint: motoUrl, forcePathStyle: true, credentials: TEST_KEYS });
  for (let i = 0; i < 10; i++) await s3.send(new CreateBucketCommand({ Bucket: `${PREFIX}-${i}` }));
  s3.destroy();
});
afterAll(async () => proxy.close());
afterEach(() => vi.unstubAllEnvs());

async function throughProxy() {
  await isolatedAws(proxy.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
  vi.stubEnv('AWS_REGION', 'us-east-1');
}

describe("a session's AWS clients", () => {
  it('list ten pages over one connection (kept alive and reused)', async () => {
    await throughProxy();
    const core = testCore();
    proxy.reset();
    let cursor: string | undefined;
    let names: string[] = [];
    for (let page = 0; page < 10; page++) {
      const result = await core.dispatch(
        'aws.buckets.list',
        { prefix: PREFIX, pageSize: 1, ...(cursor ? { cursor } : {}) },
        { transport: 'test' },
      );
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      const listing = result.result as { buckets: { name: string }[]; nextCursor?: string };
      names = [...names, ...listing.buckets.map((b) => b.name)];
      cursor = listing.nextCursor;
    }
    expect(names).toHaveLength(10);
    expect(proxy.calls.filter((c) => c.action.startsWith('GET'))).toHaveLength(10);
    expect(proxy.connections).toBe(1);
    await core.shutdown();
  });

  it('are closed when the credentials change and when the sessions end', async () => {
    await throughProxy();
    const sessions = new AwsSessions(process.env);
    const first = sessions.get({});
    const s3 = await first.clients.client('s3');
    expect(await first.clients.client('s3')).toBe(s3); // reused, not rebuilt
    await first.accountId();
    proxy.reset();
    await first.clients.use(async (pool) => (await pool.client('sts')).config.region());
    expect(first.clients.isDestroyed).toBe(false);

    const renewed = sessions.renew(undefined);
    expect(first.clients.isDestroyed).toBe(true);
    await expect(first.clients.client('s3')).rejects.toThrow(/closed/);
    expect(sessions.get({})).toBe(renewed);
    await renewed.accountId(); // a new session, new clients: a new connection
    expect(proxy.connections).toBe(1);

    sessions.close();
    expect(renewed.clients.isDestroyed).toBe(true);
  });

  it('wait for calls still running before closing', async () => {
    await throughProxy();
    const sessions = new AwsSessions(process.env);
    const session = sessions.get({});
    const release = session.clients.lease();
    sessions.renew(undefined);
    expect(session.clients.isDestroyed).toBe(false);
    expect(await session.accountId()).toMatch(/^\d{12}$/); // the long operation goes on
    release();
    expect(session.clients.isDestroyed).toBe(true);
  });

  it('report a stalled call as a retryable timeout, and answer again once AWS does', async () => {
    await throughProxy();
    const core = testCore({ awsHttp: { requestTimeoutMs: 400, connectionTimeoutMs: 400 } });
    proxy.stall((call) => call.service === 's3');
    const stalled = await core.dispatch('aws.buckets.list', { prefix: PREFIX }, { transport: 'test' });
    expect(stalled).toMatchObject({
      ok: false,
      error: { code: 'CLOUD_UNREACHABLE', details: { hint: expect.stringMatching(/try again/) } },
    });
    proxy.stall(undefined);
    const again = await core.dispatch('aws.buckets.list', { prefix: PREFIX }, { transport: 'test' });
    expect(again).toMatchObject({ ok: true });
    await core.shutdown();
  });

  it('run a dozen concurrent calls under one signal without piling listeners on it, and an abort still stops them', async () => {
    await throughProxy();
    const sessions = new AwsSessions(process.env);
    const session = sessions.get({});
    const { ListBucketsCommand } = await import('@aws-sdk/client-s3');
    const s3 = await session.clients.client('s3');
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 12 }, () =>
        s3.send(new ListBucketsCommand({}), { abortSignal: controller.signal }),
      );
      await Promise.all(calls);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      // The caller's signal still reaches every call in flight.
      proxy.stall(({ action }) => action.startsWith('GET'), 3);
      const stalled = Array.from({ length: 3 }, () =>
        s3.send(new ListBucketsCommand({}), { abortSignal: controller.signal }).then(
          () => 'answered',
          (error: Error) => error.name,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      expect(await Promise.all(stalled)).toEqual(['AbortError', 'AbortError', 'AbortError']);
    } finally {
      proxy.stall(undefined);
      process.off('warning', onWarning);
      sessions.close();
    }
  });
});
