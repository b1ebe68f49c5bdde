/**
 * An unfinished review: a stack in REVIEW_IN_PROGRESS, which CloudFormation makes with a CREATE
 * change set and which holds nothing until that change set runs. One left by a plan that was
 * never deployed or discarded (the app was killed on Review) is removed on the next plan.
 */
import { DeleteStackCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { ProvisionError } from '../core/errors';
import { PollDelay, sleep as defaultSleep, type Sleep } from '../core/poll';
import type { AwsClients } from './clients';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE } from './naming';
import { describeStack } from './stack';

export const UNFINISHED_REVIEW = 'REVIEW_IN_PROGRESS';

export const isUnfinishedReview = (stack: Pick<Stack, 'StackStatus'> | undefined) =>
  stack?.StackStatus === UNFINISHED_REVIEW;

export const madeByThisApp = (stack: Pick<Stack, 'Tags'>) =>
  (stack.Tags ?? []).some((t) => t.Key === MANAGED_BY_TAG && t.Value === MANAGED_BY_VALUE);

/** Delete the empty stack (its change sets go with it) and wait until CloudFormation says it is gone. */
export async function removeUnfinishedReview(
  cfn: AwsClients['cloudformation'],
  stackId: string,
  options: { signal?: AbortSignal; sleep?: Sleep } = {},
): Promise<void> {
  await cfn.send(new DeleteStackCommand({ StackName: stackId }), { abortSignal: options.signal });
  const delay = new PollDelay({ initialMs: 500, maxMs: 3_000, factor: 1.5 });
  const wait = options.sleep ?? defaultSleep;
  for (;;) {
    const status = (await describeStack(cfn, stackId, options.signal))?.StackStatus ?? 'DELETE_COMPLETE';
    if (status === 'DELETE_COMPLETE') return;
    if (status !== 'DELETE_IN_PROGRESS' && status !== UNFINISHED_REVIEW)
      throw new ProvisionError(
        'STACK_NEEDS_ATTENTION',
        `The empty stack an earlier plan left behind could not be removed (${status}).`,
        { hint: 'Remove it under Manage (nothing was created in it), then plan again.' },
      );
    await wait(delay.ms, options.signal);
    delay.idle();
  }
}
