import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startCountingProxy } from '../../../scripts/lib/counting-proxy.mjs';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { followToEnd, testCore } from '../../../test/support/core';
import { startTestIssuer, type TestIssuer } from '../../../test/support/tls-issuer';
import { SetupPlan, StartedOperation } from '../../contract';

const motoUrl = inject('motoUrl');
const REGION = 'sa-east-1';
let issuer: TestIssuer;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;

beforeAll(async () => {
  issuer = await startTestIssuer({ host: 'issuer.test' });
  proxy = await startCountingProxy(motoUrl);
});
afterAll(async () => {
  await proxy.close();
  await issuer.close();
});
afterEach(() => vi.unstubAllEnvs());

describe('a deploy whose status reads time out', () => {
  it('keeps following the stack, says so, and finishes with its outputs', async () => {
    await isolatedAws(proxy.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
    const config = {
      region: REGION,
      zones: [`${REGION}a`, `${REGION}b`],
      studio: { team: 'stall', issuer: `${issuer.host}/api` },
      namePrefix: 'stall',
    };
    // moto takes its time the first time a region is used: plan once with the usual timeouts.
    const warm = testCore({ issuerTarget: { connectOptions: issuer.connectOptions } });
    const first = await warm.dispatch('setup.plan', { cloud: 'aws', config }, { transport: 'test' });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await warm.dispatch('setup.discardPlan', { planId: SetupPlan.parse(first.result).planId }, { transport: 'test' });
    await warm.shutdown();

    const core = testCore({
      issuerTarget: { connectOptions: issuer.connectOptions },
      awsHttp: { requestTimeoutMs: 1_500, connectionTimeoutMs: 1_000 },
    });
    const planned = await core.dispatch('setup.plan', { cloud: 'aws', config }, { transport: 'test' });
    if (!planned.ok) throw new Error(JSON.stringify(planned.error));
    const started = await core.dispatch(
      'setup.deploy',
      { planId: SetupPlan.parse(planned.result).planId },
      { transport: 'test' },
    );
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    // Every SDK attempt of the first status read stalls: the read itself times out.
    proxy.stall((call) => call.action === 'DescribeStacks', 4);
    const events = await followToEnd(core, StartedOperation.parse(started.result).operationId);
    expect(
      events.some((e) => e.type === 'log' && e.level === 'warn' && /did not answer a status request/.test(e.message)),
    ).toBe(true);
    expect(events.at(-1)).toMatchObject({
      type: 'finished',
      status: 'succeeded',
      result: { outputs: { datachain_stack_id: expect.stringContaining('stall-datachain-cluster') } },
    });
    await core.shutdown();
  });
});

describe('a deploy whose ExecuteChangeSet answer is lost after CloudFormation took it', () => {
  it('follows the execution the first request started, though the SDK’s retry of it is refused', async () => {
    await isolatedAws(proxy.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
    const config = {
      region: REGION,
      zones: [`${REGION}a`, `${REGION}b`],
      studio: { team: 'lost', issuer: `${issuer.host}/api` },
      namePrefix: 'lost',
    };
    // A first plan with the usual timeouts (moto is slow in a region's first minutes), thrown away.
    const warm = testCore({ issuerTarget: { connectOptions: issuer.connectOptions } });
    const first = await warm.dispatch('setup.plan', { cloud: 'aws', config }, { transport: 'test' });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await warm.dispatch('setup.discardPlan', { planId: SetupPlan.parse(first.result).planId }, { transport: 'test' });
    await warm.shutdown();

    const quick = testCore({
      issuerTarget: { connectOptions: issuer.connectOptions },
      awsHttp: { requestTimeoutMs: 1_500, connectionTimeoutMs: 1_000 },
    });
    const replanned = await quick.dispatch('setup.plan', { cloud: 'aws', config }, { transport: 'test' });
    if (!replanned.ok) throw new Error(JSON.stringify(replanned.error));
    const executes = () => proxy.calls.filter((c) => c.action === 'ExecuteChangeSet').length;
    const before = executes();
    // moto executes the change set at once; its answer reaches the app only after the timeout.
    proxy.hold((call) => call.action === 'ExecuteChangeSet', 4_000, 1);
    const started = await quick.dispatch(
      'setup.deploy',
      { planId: SetupPlan.parse(replanned.result).planId },
      { transport: 'test' },
    );
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const events = await followToEnd(quick, StartedOperation.parse(started.result).operationId);
    proxy.hold(undefined, 0);
    expect(
      events.some((e) => e.type === 'log' && e.level === 'warn' && /has started the change set/.test(e.message)),
    ).toBe(true);
    expect(events.at(-1)).toMatchObject({
      type: 'finished',
      status: 'succeeded',
      result: { outputs: { datachain_stack_id: expect.stringContaining('lost-datachain-cluster') } },
    });
    // The SDK did ask again (and CloudFormation refused it): the bug's conditions were met.
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the held answer is counted when it goes out
    expect(executes() - before).toBeGreaterThanOrEqual(2);
    await quick.shutdown();
  });
});
