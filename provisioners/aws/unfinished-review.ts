/**
 * An unfinished review: a stack in REVIEW_IN_PROGRESS, which CloudFormation makes with a CREATE
 * change set and which holds nothing until that change set runs. One left by a plan that was
 * never deployed or discarded (the app was killed on Review) is removed on the next plan.
 */
import { DeleteStackCommand, ListChangeSetsCommand, type Stack } from '@aws-sdk/client-cloudformation';
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

/**
 * What the stack is now, read right before it would be deleted: `gone`; `empty` (under review,
 * none of its change sets executing or executed, and with `keepIfPending` no change set other
 * than `except` waiting on it: another plan of the same stack); or `kept` (anything else: a
 * deploy started since it was last read would otherwise be deleted mid-creation).
 */
export async function reviewStackNow(
  cfn: AwsClients['cloudformation'],
  stackId: string,
  options: { signal?: AbortSignal; except?: string; keepIfPending?: boolean } = {},
): Promise<'gone' | 'empty' | 'kept'> {
  const stack = await describeStack(cfn, stackId, options.signal);
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return 'gone';
  if (!isUnfinishedReview(stack)) return 'kept';
  const listed = await cfn.send(new ListChangeSetsCommand({ StackName: stackId }), { abortSignal: options.signal });
  const others = (listed.Summaries ?? []).filter((s) => s.StackId === stackId && s.ChangeSetId !== options.except);
  if (others.some((s) => s.ExecutionStatus?.startsWith('EXECUTE_'))) return 'kept';
  return options.keepIfPending && others.some((s) => s.ExecutionStatus === 'AVAILABLE') ? 'kept' : 'empty';
}

/**
 * Delete the empty stack (its change sets go with it) and wait until CloudFormation says it is gone.
 * Nothing to do when it is gone already; refused when an operation of this app holds it, or when
 * it is no longer an empty review.
 */
export async function removeUnfinishedReview(
  cfn: AwsClients['cloudformation'],
  stackId: string,
  options: { signal?: AbortSignal; sleep?: Sleep; inUse?: (stackId: string) => boolean } = {},
): Promise<void> {
  const busy = () =>
    new ProvisionError('STACK_BUSY', 'The stack an earlier plan left under review is being deployed right now.', {
      hint: 'Wait until that deploy finishes (Deploy and the dashboard follow it), then plan again.',
    });
  if (options.inUse?.(stackId)) throw busy();
  const now = await reviewStackNow(cfn, stackId, options);
  if (now === 'gone') return;
  if (now === 'kept' || options.inUse?.(stackId)) throw busy();
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
