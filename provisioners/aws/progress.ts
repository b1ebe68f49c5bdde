/**
 * Following a stack operation: new stack events (oldest first) and per-resource states, turned
 * into provisioner events. Polls with backoff and slows down when CloudFormation throttles.
 */
import { DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { ProvisionEvent, ResourceState } from '../core/events';
import type { AwsClients } from './clients';
import type { FailedResource } from './failure';

export function resourceState(status: string): ResourceState {
  if (status.endsWith('_FAILED')) return 'failed';
  if (status === 'DELETE_COMPLETE') return 'deleted';
  if (status === 'DELETE_IN_PROGRESS') return 'deleting';
  if (status === 'DELETE_SKIPPED') return 'skipped';
  if (status.startsWith('ROLLBACK') || status.startsWith('UPDATE_ROLLBACK'))
    return status.endsWith('COMPLETE') ? 'rolled_back' : 'rolling_back';
  if (status.endsWith('_IN_PROGRESS')) return 'in_progress';
  if (status.endsWith('_COMPLETE')) return 'complete';
  return 'pending';
}

function resourceEvent(
  logicalId: string,
  resourceType: string,
  status: string,
  physicalId?: string,
  reason?: string,
): ProvisionEvent {
  return {
    type: 'resource',
    logicalId,
    resourceType,
    status: resourceState(status),
    rawStatus: status,
    ...(physicalId ? { physicalId } : {}),
    ...(reason ? { reason } : {}),
  };
}

/**
 * The ids of a stack's newest events: one page, not its whole history. That is enough to report
 * only later events: a poll reads back only until it meets the newest of them.
 */
export async function newestEventIds(
  cfn: AwsClients['cloudformation'],
  stackId: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }), { abortSignal: signal });
  return (page.StackEvents ?? []).flatMap((e) => (e.EventId ? [e.EventId] : []));
}

export class StackFollower {
  private readonly seenEvents = new Set<string>();
  private readonly resourceStatus = new Map<string, string>();
  readonly failures: FailedResource[] = [];
  /** The stack's own status in the newest of its events reported (CloudFormation records each). */
  stackStatus: string | undefined;

  constructor(
    private readonly cfn: AwsClients['cloudformation'],
    private readonly stackId: string,
  ) {}

  /** Remember the events that exist now, so only later ones are reported. */
  async markExisting(signal?: AbortSignal): Promise<void> {
    this.markSeen(await newestEventIds(this.cfn, this.stackId, signal));
  }

  /** Events read elsewhere (by `newestEventIds`) that are not reported again. */
  markSeen(eventIds: string[]): void {
    for (const id of eventIds) this.seenEvents.add(id);
  }

  /** The events newer than any seen so far, newest first (paging back only as far as that). */
  private async newestEvents(signal?: AbortSignal): Promise<StackEvent[]> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    do {
      const page = await this.cfn.send(new DescribeStackEventsCommand({ StackName: this.stackId, NextToken: token }), {
        abortSignal: signal,
      });
      for (const event of page.StackEvents ?? []) {
        // Newest first: the first event already seen is where the new ones end.
        if (event.EventId && this.seenEvents.has(event.EventId)) return events;
        events.push(event);
      }
      token = page.NextToken;
    } while (token);
    return events;
  }

  /**
   * One poll: the events since the last one, oldest first. Called after a status read, so a
   * terminal status never comes with events older than it. Events alone tell each resource's
   * state: CloudFormation records every resource's progress as an event (no resource listing per
   * poll, which would double the calls of a long deploy).
   */
  async poll(signal?: AbortSignal): Promise<ProvisionEvent[]> {
    const out: ProvisionEvent[] = [];
    const events = await this.newestEvents(signal);
    const fresh = events.filter((e) => e.EventId && !this.seenEvents.has(e.EventId)).reverse();
    for (const event of fresh) {
      this.seenEvents.add(event.EventId!);
      const logicalId = event.LogicalResourceId ?? '';
      const status = event.ResourceStatus ?? '';
      if (event.ResourceType === 'AWS::CloudFormation::Stack') {
        this.stackStatus = status;
        out.push({
          type: 'log',
          level: status.endsWith('FAILED') ? 'error' : 'info',
          message: `Stack ${status}${event.ResourceStatusReason ? `: ${event.ResourceStatusReason}` : ''}`,
        });
        continue;
      }
      if (status.endsWith('_FAILED')) {
        this.failures.push({
          logicalId,
          resourceType: event.ResourceType ?? '',
          status,
          reason: event.ResourceStatusReason ?? 'no reason given',
        });
      }
      this.resourceStatus.set(logicalId, status);
      out.push(
        resourceEvent(
          logicalId,
          event.ResourceType ?? '',
          status,
          event.PhysicalResourceId,
          event.ResourceStatusReason,
        ),
      );
    }
    return out;
  }

  /** Resources whose latest status counts as done (for the progress bar). */
  doneCount(done: (state: ResourceState) => boolean): number {
    return [...this.resourceStatus.values()].filter((s) => done(resourceState(s))).length;
  }
}
