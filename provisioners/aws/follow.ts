/**
 * Following a stack operation to a terminal status: poll its status and events with backoff,
 * slow down when AWS throttles, report progress, and stop waiting when asked to.
 */
import type { Stack } from '@aws-sdk/client-cloudformation';
import type { ProvisionEvent, ResourceState } from '../core/events';
import { log } from '../core/events';
import {
  DEFAULT_BACKOFF,
  isThrottling,
  PollDelay,
  sleep as defaultSleep,
  type Backoff,
  type Sleep,
} from '../core/poll';
import type { AwsClients } from './clients';
import { isTransientAwsError } from './errors';
import { StackFollower } from './progress';
import { describeStack } from './stack';

export const TERMINAL = new Set([
  'CREATE_COMPLETE',
  'CREATE_FAILED',
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'DELETE_COMPLETE',
  'DELETE_FAILED',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

/** A resource that needs no more work, for a deploy's progress bar. */
export const settled = (state: ResourceState) =>
  state === 'complete' || state === 'deleted' || state === 'failed' || state === 'rolled_back' || state === 'skipped';

export interface FollowOptions {
  signal?: AbortSignal;
  sleep?: Sleep;
  backoff?: Backoff;
}

export interface Follow {
  clients: AwsClients;
  follower: StackFollower;
  stackId: string;
  total: number;
  step: string;
  /** Which resource states count towards `total`. */
  done: (state: ResourceState) => boolean;
  wait: Sleep;
  backoff: Backoff;
  /** Aborting this signal interrupts waiting between polls (not the API calls). */
  signal?: AbortSignal;
  /** The stack as last read (shared by every copy of this follow), so the end needs no re-read. */
  seen: { stack?: Stack };
  /**
   * Called with each status read, as soon as it answers (the poll's events may still be on their
   * way): what must follow a terminal status can start alongside them instead of after them.
   */
  onStatus?: (status: string) => void;
}

export function followOf(
  clients: AwsClients,
  stackId: string,
  plannedChanges: number,
  step: string,
  options: FollowOptions,
  done = settled,
): Follow {
  return {
    clients,
    follower: new StackFollower(clients.cloudformation, stackId),
    stackId,
    total: Math.max(1, plannedChanges),
    step,
    done,
    wait: options.sleep ?? defaultSleep,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    ...(options.signal ? { signal: options.signal } : {}),
    seen: {},
  };
}

/**
 * Poll until the stack reaches a terminal status, or until `f.signal` is aborted; yields what
 * happens; returns the last status read.
 */
/** Status reads in a row that may time out before following gives up (the stack goes on regardless). */
export const MAX_MISSED_POLLS = 8;

export async function* followStack(f: Follow): AsyncGenerator<ProvisionEvent, string> {
  const delay = new PollDelay(f.backoff);
  let missed = 0;
  for (;;) {
    let reported = 0;
    let status: string;
    try {
      // The status and the events are read together: one round trip a poll, not two.
      const [read, events] = await Promise.allSettled([
        describeStack(f.clients.cloudformation, f.stackId).then((stack) => {
          f.onStatus?.(stack?.StackStatus ?? 'DELETE_COMPLETE');
          return stack;
        }),
        f.follower.poll(),
      ]);
      // Reported as soon as read, even when the status read failed: the follower counts them as seen.
      if (events.status === 'fulfilled') {
        reported += events.value.length;
        yield* events.value;
      }
      if (read.status === 'rejected') throw read.reason;
      if (events.status === 'rejected') throw events.reason;
      if (read.value) f.seen.stack = read.value;
      status = read.value?.StackStatus ?? 'DELETE_COMPLETE';
      // A terminal status must not come with events older than it: unless the events read has
      // the stack's own event for that status (the operation's last), read them once more.
      if (TERMINAL.has(status) && f.follower.stackStatus !== status) {
        const last = await f.follower.poll();
        reported += last.length;
        yield* last;
      }
      missed = 0;
    } catch (error) {
      if (isThrottling(error)) {
        delay.throttled();
        yield log(`AWS is throttling status requests; checking again in ${Math.round(delay.ms / 1000)} s.`, 'warn');
      } else if (isTransientAwsError(error) && ++missed < MAX_MISSED_POLLS) {
        // A poll that timed out changes nothing in the cloud: the stack carries on, so do we.
        delay.idle();
        yield log(
          `AWS did not answer a status request in time; the stack carries on, checking again in ${Math.round(delay.ms / 1000)} s.`,
          'warn',
        );
      } else throw error;
      await f.wait(delay.ms);
      continue;
    }
    yield { type: 'progress', step: f.step, current: Math.min(f.follower.doneCount(f.done), f.total), total: f.total };
    if (TERMINAL.has(status)) return status;
    if (f.signal?.aborted) return status;
    if (reported) delay.progressed();
    try {
      await f.wait(delay.ms, f.signal);
    } catch {
      return status; // interrupted: the caller handles the cancel request
    }
    if (!reported) delay.idle();
  }
}
