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
