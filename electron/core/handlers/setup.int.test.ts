import { ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { motoClients } from '../../../test/support/aws-clients';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { followToEnd, testCore } from '../../../test/support/core';
import { startTestIssuer, type TestIssuer } from '../../../test/support/tls-issuer';
import {
  AwsDeployResult as DeployResult,
  AwsTeardownResult as TeardownResult,
  methods,
  SetupPlan,
  StartedOperation,
} from '../../contract';

const motoUrl = inject('motoUrl');
const REGION = 'ca-central-1';
let issuer: TestIssuer;

beforeAll(async () => {
  // A host of its own: the shared moto may hold another file's OIDC provider for issuer.test, and
  // this file's first deploy must create its own.
  issuer = await startTestIssuer({ host: 'setup.issuer.test' });
});
afterAll(async () => issuer.close());
afterEach(() => vi.unstubAllEnvs());

async function signedIn() {
  await isolatedAws(motoUrl);
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
  return testCore({ issuerTarget: { connectOptions: issuer.connectOptions } });
}

async function stackCount(): Promise<number> {
  const out = await motoClients(motoUrl, REGION).cloudformation.send(new ListStacksCommand({}));
  return (out.StackSummaries ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE').length;
}

const config = (overrides: Record<string, unknown> = {}) => ({
  region: REGION,
  zones: [`${REGION}a`, `${REGION}b`],
  studio: { team: 'acme', issuer: `${issuer.host}/api` },
  namePrefix: 'core',
  ...overrides,
});

describe('the setup methods on AWS', () => {
  it('reject bad input before any API call, naming the field', async () => {
    const core = await signedIn();
    const before = await stackCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ buckets: ['Not_A_Bucket'] }, 'config.buckets.0'],
      [{ secrets: ['arn:aws:secretsmanager:us-east-1:1:secret:x'] }, 'config.secrets.0'],
      [{ studio: { team: 'acme/*', issuer: 'x.example/api' } }, 'config.studio.team'],
      [{ zones: [`${REGION}a`, 'us-east-1b'] }, 'config.zones.1'],
    ];
    for (const [overrides, path] of cases) {
      const result = await core.dispatch(
        'setup.plan',
        { cloud: 'aws', config: config(overrides) },
        { transport: 'test' },
      );
      expect(result, path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!result.ok) expect(result.error.details?.fields?.map((f) => f.path)).toContain(path);
    }
    expect(await stackCount()).toBe(before);
  });

  it('plan → deploy → outputs → teardown, through the dispatcher and operations', async () => {
    const core = await signedIn();
    const planned = await core.dispatch('setup.plan', { cloud: 'aws', config: config() }, { transport: 'test' });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const plan = SetupPlan.parse(planned.result);
    expect(plan).toMatchObject({
      kind: 'changes',
      action: 'create',
      stackName: 'core-datachain-cluster',
      oidc: { mode: 'create' },
    });
    // The thumbprints came from the issuer's TLS chain (as openssl computes them).
    expect(plan.config && 'oidcThumbprints' in plan.config && plan.config.oidcThumbprints).toEqual([
      issuer.sha1.intermediate,
      issuer.sha1.root,
    ]);
    expect(plan.cancelMeaning).toMatch(/removes the new stack/);

    const started = await core.dispatch('setup.deploy', { planId: plan.planId }, { transport: 'test' });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const deploying = StartedOperation.parse(started.result);
    expect(deploying.target).toMatchObject({
      cloud: 'aws',
      region: REGION,
      stackName: 'core-datachain-cluster',
      stackId: expect.stringMatching(/:stack\/core-datachain-cluster\//),
    });
    const events = await followToEnd(core, deploying.operationId);
    const finished = events.at(-1)!;
    expect(finished).toMatchObject({ type: 'finished', status: 'succeeded' });
    const result = DeployResult.parse(finished.type === 'finished' ? finished.result : undefined);
    expect(events.some((e) => e.type === 'resource' && e.logicalId === 'Vpc' && e.status === 'complete')).toBe(true);

    // A plan is used once.
    const again = await core.dispatch('setup.deploy', { planId: plan.planId }, { transport: 'test' });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    if (plan.cloud !== 'aws') throw new Error(plan.cloud);
    const target = { cloud: 'aws' as const, region: REGION, stackName: plan.stackName };
    expect(await core.dispatch('setup.outputs', { target }, { transport: 'test' })).toEqual({
      ok: true,
      result: { cloud: 'aws', outputs: result.outputs },
    });
    const stored = await core.dispatch('setup.config', { target }, { transport: 'test' });
    expect(stored).toMatchObject({
      ok: true,
      result: { cloud: 'aws', config: { namePrefix: 'core', studio: { team: 'acme' } } },
    });

    // The dashboard finds it by its tag among every region's stacks.
    const listCall = await core.dispatch('setups.list', { account: { cloud: 'aws' } }, { transport: 'test' });
    if (!listCall.ok) throw new Error(JSON.stringify(listCall.error));
    const listed = methods['setups.list'].output.parse(listCall.result);
    expect(listed.setups).toContainEqual(
      expect.objectContaining({
        ref: { cloud: 'aws', region: REGION, stackName: plan.stackName, stackId: result.stackId },
        team: 'acme',
        status: expect.stringMatching(/_COMPLETE$/),
      }),
    );
    expect(listed.unreadable).toEqual([]);

    // Re-attaching (after a reload) to a stack that finished meanwhile reports its outputs; it cannot be cancelled.
    const attachCall = await core.dispatch(
      'setup.attach',
      { target: { ...target, stackId: result.stackId } },
      { transport: 'test' },
    );
    if (!attachCall.ok) throw new Error(JSON.stringify(attachCall.error));
    const attached = StartedOperation.parse(attachCall.result);
    expect(attached.cancellable).toBe(false);
    const followed = (await followToEnd(core, attached.operationId)).at(-1)!;
    expect(followed).toMatchObject({ type: 'finished', status: 'succeeded' });
    expect(DeployResult.parse(followed.type === 'finished' ? followed.result : undefined).outputs).toEqual(
      result.outputs,
    );

    const teardownCall = await core.dispatch('setup.teardown', { target }, { transport: 'test' });
    if (!teardownCall.ok) throw new Error(JSON.stringify(teardownCall.error));
    const teardown = StartedOperation.parse(teardownCall.result);
    expect(teardown.cancellable).toBe(false);
    expect(
      await core.dispatch('operation.cancel', { operationId: teardown.operationId }, { transport: 'test' }),
    ).toMatchObject({ ok: true, result: { accepted: false } });
    const gone = (await followToEnd(core, teardown.operationId)).at(-1)!;
    expect(gone).toMatchObject({ type: 'finished', status: 'succeeded' });
    expect(TeardownResult.parse(gone.type === 'finished' ? gone.result : undefined).deleted).toContain(plan.stackName);

    // Re-attaching to a stack that is gone says so and changes nothing.
    const late = await core.dispatch(
      'setup.attach',
      { target: { ...target, stackId: result.stackId } },
      { transport: 'test' },
    );
    if (!late.ok) throw new Error(JSON.stringify(late.error));
    const lost = (await followToEnd(core, StartedOperation.parse(late.result).operationId)).at(-1)!;
    expect(lost).toMatchObject({
      type: 'finished',
      status: 'failed',
      error: { code: 'NOT_FOUND', message: expect.stringContaining('no longer exists') },
    });
    const after = await core.dispatch('setups.list', { account: { cloud: 'aws' } }, { transport: 'test' });
    if (!after.ok) throw new Error(JSON.stringify(after.error));
    expect(
      methods['setups.list'].output
        .parse(after.result)
        .setups.some((x) => 'stackId' in x.ref && x.ref.stackId === result.stackId),
    ).toBe(false);
  });

  it('discarding a plan removes its change set and the empty stack it created', async () => {
    const core = await signedIn();
    const before = await stackCount();
    const planned = await core.dispatch(
      'setup.plan',
      { cloud: 'aws', config: config({ namePrefix: 'discard' }) },
      { transport: 'test' },
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.error));
    expect(await stackCount()).toBe(before + 1);
    expect(
      await core.dispatch(
        'setup.discardPlan',
        { planId: SetupPlan.parse(planned.result).planId },
        { transport: 'test' },
      ),
    ).toEqual({ ok: true, result: { discarded: true } });
    expect(await stackCount()).toBe(before);
  });

  it('shutting down (the app quits, the host stops) discards plans never deployed: no change set, no empty review stack', async () => {
    const core = await signedIn();
    const before = await stackCount();
    const planned = await core.dispatch(
      'setup.plan',
      { cloud: 'aws', config: config({ namePrefix: 'quits' }) },
      { transport: 'test' },
    );
    expect(planned).toMatchObject({ ok: true, result: { kind: 'changes', action: 'create' } });
    expect(await stackCount()).toBe(before + 1);
    await core.shutdown();
    expect(await stackCount()).toBe(before);
  });
});
