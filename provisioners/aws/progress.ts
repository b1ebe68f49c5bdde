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

export class StackFollower {
  private readonly seenEvents = new Set<string>();
  private readonly resourceStatus = new Map<string, string>();
  readonly failures: FailedResource[] = [];

  constructor(
    private readonly cfn: AwsClients['cloudformation'],
    private readonly stackId: string,
  ) {}

  /** Remember the events that exist now, so only later ones are reported. */
  async markExisting(signal?: AbortSignal): Promise<void> {
    for (const event of await this.newestEvents(signal)) if (event.EventId) this.seenEvents.add(event.EventId);
  }

  private async newestEvents(signal?: AbortSignal): Promise<StackEvent[]> {
    const events: StackEvent[] = [];
    let token: string | undefined;
    // Newest first; stop paging once we reach events we have already seen.
    do {
      const page = await this.cfn.send(new DescribeStackEventsCommand({ StackName: this.stackId, NextToken: token }), {
        abortSignal: signal,
      });
      const batch = page.StackEvents ?? [];
      events.push(...batch);
      if (batch.some((e) => e.EventId && this.seenEvents.has(e.EventId))) break;
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
