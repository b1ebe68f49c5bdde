/**
 * Execute a planned change set and follow it to a terminal state. A failed first deploy leaves
 * no stack behind; a failed update is rolled back by CloudFormation; cancel means what
 * CANCEL_MEANING says for the kind of change.
 */
import {
  CancelUpdateStackCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import { AddClientIDToOpenIDConnectProviderCommand } from '@aws-sdk/client-iam';
import { randomUUID } from 'node:crypto';
import { ProvisionError } from '../core/errors';
import { log, type ProvisionEvent } from '../core/events';
import { discardChangeSet, executionStarted, type ChangeSetRef } from './changeset';
import type { AwsClients } from './clients';
import { explainFailure, firstFailure } from './failure';
import { OIDC_AUDIENCE } from './iam-policies';
import { outputsOf } from './outputs';
import type { AwsDeployResult } from './setup.schema';
import { followOf, followStack, TERMINAL, type Follow, type FollowOptions } from './follow';
import { describeStack } from './stack';

export const CANCEL_MEANING = {
  CREATE:
    'Cancelling stops the deployment, then rolls back and removes the new stack: nothing is left in your account.',
  UPDATE:
    'Cancelling stops the update and rolls the stack back to how it was before. Once the update is in its final clean-up, it can no longer be cancelled.',
} as const;

export interface DeployInput {
  changeSet: ChangeSetRef;
  /** How many resources the plan touches (for the progress bar). */
  plannedChanges: number;
  /** An existing OIDC provider that must also accept Studio's audience. */
  addAudienceTo?: string;
}

export type DeployOptions = FollowOptions;

export type DeployResult = AwsDeployResult;

/** Delete a stack that must not stay (failed or cancelled first deploy) and wait until it is gone. */
async function* removeStack(f: Follow, why: string): AsyncGenerator<ProvisionEvent, string> {
  yield log(why, 'warn');
  const token = `dcs-${randomUUID()}`;
  await f.clients.cloudformation.send(new DeleteStackCommand({ StackName: f.stackId, ClientRequestToken: token }));
  f.follower.follow(token);
  return yield* followStack({ ...f, step: 'Removing the stack', signal: undefined });
}

export async function* deploySetup(
  clients: AwsClients,
  input: DeployInput,
  options: DeployOptions = {},
): AsyncGenerator<ProvisionEvent, DeployResult> {
  const { changeSet } = input;
  const cfn = clients.cloudformation;
  const f = followOf(
    clients,
    changeSet.stackId,
    input.plannedChanges,
    changeSet.type === 'CREATE' ? 'Creating resources' : 'Updating resources',
    options,
  );
  const follower = f.follower;
  // The execution's events carry its token: they are the ones reported, and what the stack
  // recorded before (its review, earlier updates) is not, with no read before executing.
  const token = `dcs-${randomUUID()}`;
  follower.follow(token);

  if (input.addAudienceTo) {
    await clients.iam.send(
      new AddClientIDToOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: input.addAudienceTo,
        ClientID: OIDC_AUDIENCE,
      }),
    );
    yield log(`Added the audience ${OIDC_AUDIENCE} to the existing OIDC provider ${input.addAudienceTo}.`);
  }

  yield { type: 'progress', step: 'Asking CloudFormation to start', current: 0, total: f.total };
  // The last moment a cancel leaves CloudFormation untouched.
  if (options.signal?.aborted) {
    // Cancelled before CloudFormation started: nothing was made, but a first deploy's stack
    // (waiting for review, with its change set) would stay behind; an update's change set too.
    yield log(CANCEL_MEANING[changeSet.type], 'warn');
    if (changeSet.type === 'CREATE') yield* removeStack(f, 'Cancelling: removing the new, empty stack.');
    else await discardChangeSet(cfn, changeSet).catch(() => undefined);
    throw new ProvisionError(
      'CANCELLED',
      changeSet.type === 'CREATE'
        ? 'Deployment cancelled before it started: the new, empty stack was removed. Nothing is left in your account.'
        : 'Update cancelled before it started: the stack is as it was.',
    );
  }
  yield log(`Executing the change set ${changeSet.name} on ${changeSet.stackName}.`);
  const started = yield* execute(cfn, changeSet, token);
  if (started !== true) {
    const error = started.error;
    // CloudFormation can refuse the execution itself (and some emulators report resource
    // failures this way): explain it, and make sure a first deploy leaves no stack behind.
    yield* await follower.poll().catch(() => []);
    const explanation = explainFailure({
      logicalId: changeSet.stackName,
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'EXECUTE_FAILED',
      reason: (error as Error).message,
    });
    if (changeSet.type === 'CREATE' && (await describeStack(cfn, changeSet.stackId))) {
      yield* removeStack(f, 'The deployment failed before it started; removing the new, empty stack.');
    }
    throw new ProvisionError('DEPLOY_FAILED', explanation.message, { hint: explanation.hint, cause: error });
  }
  yield log('CloudFormation accepted the change set.');

  let status = yield* followStack(f);
  let cancelRequested = false;
  if (options.signal?.aborted && !TERMINAL.has(status)) {
    cancelRequested = true;
    yield log(CANCEL_MEANING[changeSet.type], 'warn');
    if (changeSet.type === 'CREATE') {
      status = yield* removeStack(f, 'Cancelling: rolling back and removing the new stack.');
    } else {
      try {
        await cfn.send(new CancelUpdateStackCommand({ StackName: changeSet.stackId }));
        yield log('Cancelling: CloudFormation is rolling the update back.', 'warn');
      } catch {
        yield log('Too late to cancel: the update is already being finalised. Following it to the end.', 'warn');
      }
      status = yield* followStack({ ...f, signal: undefined });
    }
  }

  return yield* settle(f, status, cancelRequested);
}

/**
 * Ask CloudFormation to execute the change set. An answer that is lost (the request timed out
 * after CloudFormation took it, the connection dropped) is retried by the SDK with the same
 * request token, and real CloudFormation refuses that second ask with InvalidChangeSetStatus
 * once the first one started the execution. So a failed ask is checked against the change set
 * itself: when it is executing (or done), the deploy follows it as if the answer had come.
 */
async function* execute(
  cfn: AwsClients['cloudformation'],
  changeSet: ChangeSetRef,
  token: string,
): AsyncGenerator<ProvisionEvent, true | { error: unknown }> {
  try {
    await cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: changeSet.id,
        StackName: changeSet.stackId,
        ClientRequestToken: token,
      }),
    );
    return true;
  } catch (error) {
    if (!(await executionStarted(cfn, changeSet))) return { error };
    yield log(
      'CloudFormation did not answer the request to start in time, but it has started the change set: following it.',
      'warn',
    );
    return true;
  }
}

/** Turn a terminal status into the result, or into an error that says what happened and what to do. */
async function* settle(
  f: Follow,
  status: string,
  cancelRequested: boolean,
): AsyncGenerator<ProvisionEvent, DeployResult> {
  const cfn = f.clients.cloudformation;
  const failure = explainFailure(firstFailure(f.follower.failures));
  switch (status) {
    case 'CREATE_COMPLETE':
    case 'UPDATE_COMPLETE': {
      // The last status read has the outputs already: no second read.
      const last = f.seen.stack;
      const stack = last?.StackStatus === status ? last : await describeStack(cfn, f.stackId);
      if (!stack) throw new ProvisionError('NOT_FOUND', 'The stack disappeared right after deploying.');
      yield { type: 'progress', step: 'Done', current: f.total, total: f.total };
      return {
        stackId: stack.StackId ?? f.stackId,
        stackName: stack.StackName ?? f.stackId,
        status,
        outputs: outputsOf(stack),
      };
    }
    case 'DELETE_COMPLETE':
      if (cancelRequested)
        throw new ProvisionError(
          'CANCELLED',
          'Deployment cancelled: the new stack was rolled back and removed. Nothing is left in your account.',
        );
      throw new ProvisionError('DEPLOY_FAILED', failure.message, {
        hint: `${failure.hint} The failed stack was removed; nothing is left in your account.`,
      });
    case 'ROLLBACK_COMPLETE':
    case 'CREATE_FAILED': {
      const after = yield* removeStack(
        f,
        'The first deployment failed; removing the rolled-back stack so nothing is left behind.',
      );
      if (after !== 'DELETE_COMPLETE') {
        throw new ProvisionError(
          'STACK_NEEDS_ATTENTION',
          `${failure.message} The failed stack could not be removed (${after}).`,
          { hint: 'Tear the setup down from the dashboard to retry the removal.' },
        );
      }
      throw new ProvisionError('DEPLOY_FAILED', failure.message, {
        hint: `${failure.hint} The failed stack was removed; nothing is left in your account.`,
      });
    }
    case 'UPDATE_ROLLBACK_COMPLETE':
      if (cancelRequested)
        throw new ProvisionError('CANCELLED', 'Update cancelled: the stack was rolled back to its previous state.');
      throw new ProvisionError('DEPLOY_FAILED', failure.message, {
        hint: `${failure.hint} The update was rolled back; your setup is as it was before.`,
      });
    case 'UPDATE_ROLLBACK_FAILED':
      throw new ProvisionError(
        'STACK_NEEDS_ATTENTION',
        `${failure.message} CloudFormation could not roll the update back (UPDATE_ROLLBACK_FAILED).`,
        {
          hint: 'Fix the resource named above, then use "Continue rollback" on the dashboard.',
        },
      );
    default:
      throw new ProvisionError('STACK_NEEDS_ATTENTION', `${failure.message} The stack ended in ${status}.`, {
        hint: 'Open the dashboard to tear the setup down or retry.',
      });
  }
}

export interface AttachTarget {
  stackId: string;
  stackName: string;
  /** Resources the deploy touches, for the progress bar, when known. */
  plannedChanges?: number;
}

/**
 * Re-attach to a deploy that was running when the app closed: follow the stack (never start it
 * again) to the end, with the same failure handling as deploySetup.
 */
export async function* followSetup(
  clients: AwsClients,
  target: AttachTarget,
  options: DeployOptions = {},
): AsyncGenerator<ProvisionEvent, DeployResult> {
  const cfn = clients.cloudformation;
  const stack = await describeStack(cfn, target.stackId);
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE') {
    throw new ProvisionError(
      'NOT_FOUND',
      `The stack ${target.stackName} no longer exists: the deploy failed and was removed, or the stack was deleted.`,
      {
        hint: 'Plan the setup again.',
      },
    );
  }
  if (stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    const sets = await cfn.send(new ListChangeSetsCommand({ StackName: target.stackId }));
    const running = (sets.Summaries ?? []).some(
      (s) => s.StackId === target.stackId && s.ExecutionStatus === 'EXECUTE_IN_PROGRESS',
    );
    if (!running) {
      throw new ProvisionError('NOT_FOUND', 'The deploy had not started when the app closed; nothing was changed.', {
        hint: 'Review the plan again and deploy.',
      });
    }
  }
  // Re-attached deploys are followed to the end: the signal only stops the app waiting.
  const f = followOf(clients, target.stackId, target.plannedChanges ?? 1, 'Following the deployment', {
    ...options,
    signal: undefined,
  });
  // The deploy in progress: its events so far are reported, older operations' are not.
  f.follower.follow();
  yield log(`Re-attached to ${target.stackName} (${stack.StackStatus}).`);
  const status = yield* followStack(f);
  return yield* settle(f, status, false);
}
