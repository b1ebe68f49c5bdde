import { describe, expect, it } from 'vitest';
import { drain, drainError } from '../../test/support/aws-clients';
import {
  FULL_OUTPUTS,
  SCRIPTED_STACK_ID,
  ScriptedCloudFormation,
  type ScriptOptions,
  type Step,
} from '../../test/support/scripted-cloudformation';
import type { ProvisionEvent } from '../core/events';
import type { AwsClients } from './clients';
import { CANCEL_MEANING, deploySetup } from './deploy';

function setup(script: Step[], options: ScriptOptions = {}, type: 'CREATE' | 'UPDATE' = 'CREATE') {
  const cfn = new ScriptedCloudFormation(script, { outputs: FULL_OUTPUTS, ...options });
  const iamCalls: { name: string; input: unknown }[] = [];
  const clients = {
    cloudformation: cfn,
    iam: {
      send: async (c: { constructor: { name: string }; input: unknown }) =>
        iamCalls.push({ name: c.constructor.name, input: c.input }),
    },
  } as unknown as AwsClients;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  const changeSet = { id: 'arn:cs', name: 'dcs-1', stackName: 'datachain-cluster', stackId: SCRIPTED_STACK_ID, type };
  return { cfn, clients, sleeps, sleep, changeSet, iamCalls };
}

const logs = (events: ProvisionEvent[]) =>
  events.filter((e) => e.type === 'log').map((e) => (e as { message: string }).message);

describe('deploy', () => {
  it('polls with growing backoff while nothing changes, and slows down further when throttled', async () => {
    const idle = Array.from({ length: 6 }, () => ({ status: 'CREATE_IN_PROGRESS' }));
    const { clients, sleeps, sleep, changeSet } = setup([...idle, { status: 'CREATE_COMPLETE' }], {
      throttle: { DescribeStacks: [3, 4] },
    });
    const { events, result } = await drain(deploySetup(clients, { changeSet, plannedChanges: 5 }, { sleep }));
    expect(result.outputs.datachain_cluster_subnet_ids).toEqual(['subnet-a', 'subnet-b']);
    // Idle polls back off (2 s, then 3 s); each throttling answer doubles the delay, up to 15 s.
    expect(sleeps.slice(0, 5)).toEqual([2000, 3000, 9000, 15_000, 15_000]);
    expect(Math.max(...sleeps)).toBe(15_000);
    expect(logs(events).filter((m) => m.includes('throttling'))).toHaveLength(2);
  });

  it('reports resources as they change, and the first real failure in plain words', async () => {
    const { clients, sleep, changeSet, cfn } = setup([
      { status: 'CREATE_IN_PROGRESS', events: [{ logicalId: 'Vpc', status: 'CREATE_IN_PROGRESS' }] },
      {
        status: 'CREATE_IN_PROGRESS',
        events: [
          { logicalId: 'Vpc', status: 'CREATE_COMPLETE' },
          {
            logicalId: 'ClusterRole',
            type: 'AWS::IAM::Role',
            status: 'CREATE_FAILED',
            reason:
              'Resource handler returned message: "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: iam:CreateRole on resource: datachain-cluster"',
          },
          {
            logicalId: 'NodeRole',
            type: 'AWS::IAM::Role',
            status: 'CREATE_FAILED',
            reason: 'Resource creation cancelled',
          },
        ],
      },
      { status: 'DELETE_IN_PROGRESS', events: [{ logicalId: 'Vpc', status: 'DELETE_COMPLETE' }] },
      { status: 'DELETE_COMPLETE' },
    ]);
    const { events, error } = await drainError(deploySetup(clients, { changeSet, plannedChanges: 3 }, { sleep }));
    expect(
      events
        .filter((e) => e.type === 'resource')
        .map((e) => [(e as { logicalId: string }).logicalId, (e as { status: string }).status]),
    ).toEqual([
      ['Vpc', 'in_progress'],
      ['Vpc', 'complete'],
      ['ClusterRole', 'failed'],
      ['NodeRole', 'failed'],
      ['Vpc', 'deleted'],
    ]);
    expect(error).toMatchObject({
      code: 'DEPLOY_FAILED',
      message: 'Your AWS credentials are not allowed to iam:CreateRole, which ClusterRole (AWS::IAM::Role) needs.',
    });
    expect((error as { hint: string }).hint).toContain('nothing is left in your account');
    // OnStackFailure=DELETE removed the stack: the app did not need to.
    expect(cfn.calls).not.toContain('DeleteStack');
  });

  it('removes a stack that rolled back to ROLLBACK_COMPLETE, so nothing is left behind', async () => {
    const { clients, sleep, changeSet, cfn } = setup([
      {
        status: 'CREATE_IN_PROGRESS',
        events: [
          {
            logicalId: 'Vpc',
            status: 'CREATE_FAILED',
            reason: 'The maximum number of VPCs has been reached. (Service: Ec2, Status Code: 400, VpcLimitExceeded)',
          },
        ],
      },
      { status: 'ROLLBACK_IN_PROGRESS' },
      { status: 'ROLLBACK_COMPLETE' },
    ]);
    const { error } = await drainError(deploySetup(clients, { changeSet, plannedChanges: 3 }, { sleep }));
    expect(cfn.calls).toContain('DeleteStack');
    expect(error).toMatchObject({ code: 'DEPLOY_FAILED' });
    expect((error as Error).message).toMatch(/hit an AWS quota/);
  });

  it('cancelling a create rolls back and removes the new stack', async () => {
    const controller = new AbortController();
    const { clients, changeSet, cfn } = setup(Array.from({ length: 10 }, () => ({ status: 'CREATE_IN_PROGRESS' })));
    let polls = 0;
    const sleep = async () => {
      if (++polls === 2) controller.abort();
    };
    const { events, error } = await drainError(
      deploySetup(clients, { changeSet, plannedChanges: 3 }, { sleep, signal: controller.signal }),
    );
    expect(cfn.calls).toContain('DeleteStack');
    expect(cfn.calls).not.toContain('CancelUpdateStack');
    expect(logs(events)).toContain(CANCEL_MEANING.CREATE);
    expect(error).toMatchObject({
      code: 'CANCELLED',
      message: 'Deployment cancelled: the new stack was rolled back and removed. Nothing is left in your account.',
    });
  });

  it('cancelled before CloudFormation executes it, a create removes the new, empty stack and never executes', async () => {
    const controller = new AbortController();
    controller.abort();
    const { clients, sleep, changeSet, cfn } = setup([{ status: 'REVIEW_IN_PROGRESS' }], {
      onDelete: [{ status: 'DELETE_COMPLETE' }],
    });
    const { events, error } = await drainError(
      deploySetup(clients, { changeSet, plannedChanges: 3 }, { sleep, signal: controller.signal }),
    );
    expect(cfn.calls).not.toContain('ExecuteChangeSet');
    expect(cfn.calls).toContain('DeleteStack');
    expect(logs(events)).toContain(CANCEL_MEANING.CREATE);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect((error as Error).message).toMatch(/Nothing is left in your account/);
  });

  it('cancelling an update rolls it back to the previous state', async () => {
    const controller = new AbortController();
    const { clients, changeSet, cfn } = setup(
      Array.from({ length: 10 }, () => ({ status: 'UPDATE_IN_PROGRESS' })),
      {
        onCancelUpdate: [{ status: 'UPDATE_ROLLBACK_IN_PROGRESS' }, { status: 'UPDATE_ROLLBACK_COMPLETE' }],
      },
      'UPDATE',
    );
    const sleep = async () => controller.abort();
    const { events, error } = await drainError(
      deploySetup(clients, { changeSet, plannedChanges: 1 }, { sleep, signal: controller.signal }),
    );
    expect(cfn.calls).toContain('CancelUpdateStack');
    expect(cfn.calls).not.toContain('DeleteStack');
    expect(logs(events)).toContain(CANCEL_MEANING.UPDATE);
    expect(error).toMatchObject({
      code: 'CANCELLED',
      message: 'Update cancelled: the stack was rolled back to its previous state.',
    });
  });

  it('says so when an update is too far along to cancel, and finishes it', async () => {
    const controller = new AbortController();
    const { clients, changeSet } = setup(
      [
        { status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' },
        { status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' },
        { status: 'UPDATE_COMPLETE' },
      ],
      { onCancelUpdate: 'too-late' },
      'UPDATE',
    );
    const sleep = async () => controller.abort();
    const { events, result } = await drain(
      deploySetup(clients, { changeSet, plannedChanges: 1 }, { sleep, signal: controller.signal }),
    );
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(logs(events).some((m) => m.startsWith('Too late to cancel'))).toBe(true);
  });

  it('explains an update that could not be rolled back', async () => {
    const { clients, sleep, changeSet } = setup(
      [
        {
          status: 'UPDATE_IN_PROGRESS',
          events: [
            {
              logicalId: 'SecurityGroup',
              type: 'AWS::EC2::SecurityGroup',
              status: 'UPDATE_FAILED',
              reason: 'resource sg-1 has a dependent object',
            },
          ],
        },
        { status: 'UPDATE_ROLLBACK_FAILED' },
      ],
      {},
      'UPDATE',
    );
    const { error } = await drainError(deploySetup(clients, { changeSet, plannedChanges: 1 }, { sleep }));
    expect(error).toMatchObject({ code: 'STACK_NEEDS_ATTENTION' });
    expect((error as { hint: string }).hint).toContain('Continue rollback');
  });

  it("adds Studio's audience to a reused provider before executing the change set", async () => {
    const { clients, sleep, changeSet, iamCalls, cfn } = setup([{ status: 'CREATE_COMPLETE' }]);
    const arn = 'arn:aws:iam::111122223333:oidc-provider/studio.datachain.ai/api';
    const { events } = await drain(
      deploySetup(clients, { changeSet, plannedChanges: 1, addAudienceTo: arn }, { sleep }),
    );
    expect(iamCalls).toEqual([
      {
        name: 'AddClientIDToOpenIDConnectProviderCommand',
        input: { OpenIDConnectProviderArn: arn, ClientID: 'sts.amazonaws.com' },
      },
    ]);
    expect(logs(events)[0]).toContain('Added the audience sts.amazonaws.com');
    expect(cfn.calls.indexOf('ExecuteChangeSet')).toBeGreaterThan(-1);
  });
});
