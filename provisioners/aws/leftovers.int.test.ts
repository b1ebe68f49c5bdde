/**
 * Nothing left behind, against moto: a discarded plan takes its empty review stack with it; one a
 * crash left is removed by the next plan and listed as what it is; a teardown interrupted by the
 * app quitting is finished after a restart (the OIDC-provider clean-up included); a setup is read
 * by its stack id, so a later stack of the same name does not answer for it. And nothing that
 * removes an empty review stack deletes one that is being deployed.
 */
import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteOpenIDConnectProviderCommand, GetOpenIDConnectProviderCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { drain, drainError, motoClients } from '../../test/support/aws-clients';
import { discardChangeSet } from './changeset';
import type { AwsClients } from './clients';
import { deploySetup } from './deploy';
import { readOutputs } from './outputs';
import { planSetup, type Plan } from './plan';
import { AwsSetupConfig } from './schema';
import { findSetups } from './setups';
import { describeStack } from './stack';
import { teardownSetup } from './teardown';
import { removeUnfinishedReview } from './unfinished-review';

const motoUrl = inject('motoUrl');
const ACCOUNT = '123456789012';
const THUMBPRINT = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';
const context = { accountId: ACCOUNT, thumbprints: async () => [THUMBPRINT] };
const noSleep = async () => {};
const REGIONS = ['us-west-1', 'eu-central-2', 'ap-northeast-2', 'ap-south-2', 'il-central-1'];

let run = 0;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function setup() {
  const region = REGIONS[run % REGIONS.length]!;
  run += 1;
  const tag = `l${Date.now().toString(36).slice(-4)}${run}`;
  const clients = motoClients(motoUrl, region);
  const config = AwsSetupConfig.parse({
    region,
    zones: [`${region}a`, `${region}b`],
    studio: { team: 'leftovers-team', issuer: `${tag}.studio.example/api` },
    namePrefix: tag,
  });
  const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${config.studio.issuer}`;
  cleanups.push(() =>
    clients.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
  );
  return { clients, config, providerArn };
}

const changes = (plan: Plan) => {
  if (plan.kind !== 'changes') throw new Error(`expected changes, got ${plan.kind}`);
  return plan;
};

async function deploy(clients: AwsClients, plan: Plan) {
  const p = changes(plan);
  cleanups.push(async () => {
    if (await describeStack(clients.cloudformation, p.changeSet.stackId))
      await drain(teardownSetup(clients, { stackName: p.stackName, stackId: p.changeSet.stackId }, { sleep: noSleep }));
  });
  return (
    await drain(deploySetup(clients, { changeSet: p.changeSet, plannedChanges: p.rows.length }, { sleep: noSleep }))
  ).result;
}

const statusById = async (clients: AwsClients, stackId: string) =>
  (await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0]?.StackStatus;

describe('plans that are never deployed', () => {
  it('discarding a first plan deletes its change set and the empty review stack it made', async () => {
    const { clients, config } = setup();
    const plan = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    expect(await statusById(clients, plan.changeSet.stackId)).toBe('REVIEW_IN_PROGRESS');
    await discardChangeSet(clients.cloudformation, plan.changeSet);
    expect(await statusById(clients, plan.changeSet.stackId)).toBe('DELETE_COMPLETE');
    expect(await describeStack(clients.cloudformation, plan.stackName)).toBeUndefined();
  });

  it('a review stack a crash left is listed as an unfinished review, and the next plan removes it', async () => {
    const { clients, config } = setup();
    const left = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    // The app is killed on Review: nothing discards the plan.
    const listed = await findSetups(() => clients.cloudformation, [config.region]);
    expect(listed.setups.find((s) => s.ref.stackName === left.stackName)).toMatchObject({
      status: 'REVIEW_IN_PROGRESS',
      unfinishedReview: true,
      ref: { stackId: left.changeSet.stackId },
    });

    const again = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    cleanups.push(() => discardChangeSet(clients.cloudformation, again.changeSet));
    expect(again.preflight.warnings.map((w) => w.code)).toContain('UNFINISHED_REVIEW_REMOVED');
    expect(await statusById(clients, left.changeSet.stackId)).toBe('DELETE_COMPLETE');
    expect(again.changeSet.stackId).not.toBe(left.changeSet.stackId);
    expect(await statusById(clients, again.changeSet.stackId)).toBe('REVIEW_IN_PROGRESS');
  });

  it('an unfinished review can be removed like a setup is torn down (nothing was created)', async () => {
    const { clients, config } = setup();
    const left = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    const { result } = await drain(
      teardownSetup(clients, { stackName: left.stackName, stackId: left.changeSet.stackId }, { sleep: noSleep }),
    );
    expect(result.deleted).toEqual([left.stackName]);
    expect(await statusById(clients, left.changeSet.stackId)).toBe('DELETE_COMPLETE');
  });
});

describe('an empty review stack is removed only while it is one', () => {
  it('a plan discarded after it was deployed (a late discard) leaves the deployed stack alone', async () => {
    const { clients, config } = setup();
    const plan = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    await deploy(clients, plan);
    await discardChangeSet(clients.cloudformation, plan.changeSet);
    expect(await statusById(clients, plan.changeSet.stackId)).toBe('CREATE_COMPLETE');
  });

  it('a plan made while this app deploys the stack under review is refused, and deletes nothing', async () => {
    const { clients, config } = setup();
    const first = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    cleanups.push(() => discardChangeSet(clients.cloudformation, first.changeSet));
    const deploying = (stackId: string) => stackId === first.changeSet.stackId;
    const error = await planSetup(clients, config, { ...context, inUse: deploying }, { sleep: noSleep }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STACK_BUSY' });
    expect(await statusById(clients, first.changeSet.stackId)).toBe('REVIEW_IN_PROGRESS');
    // And a discard while it is held keeps the stack (only the change set goes).
    await discardChangeSet(clients.cloudformation, first.changeSet, { inUse: deploying });
    expect(await statusById(clients, first.changeSet.stackId)).toBe('REVIEW_IN_PROGRESS');
  });

  it('a stack read as under review but deployed since is not removed (read again right before)', async () => {
    const { clients, config } = setup();
    const plan = changes(await planSetup(clients, config, context, { sleep: noSleep }));
    await deploy(clients, plan);
    const error = await removeUnfinishedReview(clients.cloudformation, plan.changeSet.stackId, {
      sleep: noSleep,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STACK_BUSY' });
    expect(await statusById(clients, plan.changeSet.stackId)).toBe('CREATE_COMPLETE');
  });
});

describe('a teardown the app did not see to its end', () => {
  it('is finished after a restart: the stack was deleted while the app was closed, the provider it made goes', async () => {
    const { clients, config, providerArn } = setup();
    const deployed = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    // The app sent DeleteStack and quit; CloudFormation carried on without it.
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: deployed.stackId }));
    await expect(
      clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
    ).resolves.toBeDefined();

    const { events, result } = await drain(
      teardownSetup(
        clients,
        { stackName: deployed.stackName, stackId: deployed.stackId },
        { sleep: noSleep, resume: true },
      ),
    );
    expect(result.leftAlone).toEqual([]);
    expect(result.deleted).toEqual([deployed.stackName, providerArn]);
    expect(events.some((e) => e.type === 'log' && /deleted while the app was closed/.test(e.message))).toBe(true);
    await expect(
      clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
    ).rejects.toThrow();
  });

  it('is not started by a resume when it had not begun: nothing is deleted', async () => {
    const { clients, config } = setup();
    const deployed = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    const { error } = await drainError(
      teardownSetup(
        clients,
        { stackName: deployed.stackName, stackId: deployed.stackId },
        { sleep: noSleep, resume: true },
      ),
    );
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect((error as Error).message).toMatch(/had not started when the app closed; nothing was deleted/);
    expect(await statusById(clients, deployed.stackId)).toBe('CREATE_COMPLETE');
  });
});

describe('a setup is addressed by its stack id', () => {
  it('a later stack of the same name does not answer for a torn-down setup', async () => {
    const { clients, config } = setup();
    const first = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    await drain(teardownSetup(clients, { stackName: first.stackName, stackId: first.stackId }, { sleep: noSleep }));
    const second = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    expect(second.stackId).not.toBe(first.stackId);
    expect(second.stackName).toBe(first.stackName);

    await expect(
      readOutputs(clients.cloudformation, { stackName: first.stackName, stackId: first.stackId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      drainError(teardownSetup(clients, { stackName: first.stackName, stackId: first.stackId }, { sleep: noSleep })),
    ).resolves.toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await statusById(clients, second.stackId)).toBe('CREATE_COMPLETE');
    expect(
      (await readOutputs(clients.cloudformation, { stackName: second.stackName, stackId: second.stackId }))
        .datachain_stack_id,
    ).toBe(second.stackId);
  });
});
