/**
 * Following a stack operation: its new stack events (oldest first) turned into provisioner events
 * and per-resource states. followStack (follow.ts) polls it with backoff.
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

  /**
   * Which operation's events to report while nothing has been seen yet: the one asked with this
   * ClientRequestToken (CloudFormation gives every event of a stack operation the token it was
   * asked with), or, without one, the operation in progress (the newest event's token). Its
   * events are the newest; the first event of any other operation is where they end, and what
   * is older is never reported. So no read is needed before the operation starts.
   */
  follow(token?: string): void {
    this.operation = { token };
  }

  private operation: { token: string | undefined } | undefined;

  /** The events newer than any seen so far, newest first (paging back only as far as that). */
  private async newestEvents(signal?: AbortSignal): Promise<StackEvent[]> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    const first = this.seenEvents.size === 0 ? this.operation : undefined;
    const ours = first?.token;
    do {
      const page = await this.cfn.send(new DescribeStackEventsCommand({ StackName: this.stackId, NextToken: token }), {
        abortSignal: signal,
      });
      for (const event of page.StackEvents ?? []) {
        // Newest first: the first event already seen is where the new ones end.
        if (event.EventId && this.seenEvents.has(event.EventId)) return events;
        if (first) {
          const operation = ours ?? events[0]?.ClientRequestToken ?? event.ClientRequestToken;
          if (!operation || event.ClientRequestToken !== operation) {
            // Another operation's event: seen, never reported, and where later polls stop.
            if (event.EventId) this.seenEvents.add(event.EventId);
            return events;
          }
        }
        events.push(event);
      }
      token = page.NextToken;
    } while (token);
    return events;
  }

  /**
   * One poll: the events since the last one, oldest first (read beside the status; followStack
   * reads them once more when a terminal status came first). Events alone tell each resource's
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
