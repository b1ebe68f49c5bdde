/**
 * Following a stack operation: new stack events (oldest first) and per-resource states, turned
 * into provisioner events. Polls with backoff and slows down when CloudFormation throttles.
 */
import { DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { ProvisionEvent, ResourceState } from '../core/events';
import type { AwsClients } from './clients';
import type { FailedResource } from './failure';
import { stackResources } from './stack';

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
   * One poll: what changed since the last one. `stackStatus` is the status just read; once the
   * stack is gone its resources are not listed again (the events already say they were deleted).
   */
  async poll(stackStatus?: string, signal?: AbortSignal): Promise<ProvisionEvent[]> {
    const out: ProvisionEvent[] = [];
    // Events and resource states are read together (both after the status the caller read, so
    // a terminal status never comes with events older than it); events are applied first.
    const [events, resources] = await Promise.all([
      this.newestEvents(signal),
      // Once the stack is gone its resources are not listed again (the events say they were deleted).
      stackStatus === 'DELETE_COMPLETE' ? [] : stackResources(this.cfn, this.stackId).catch(() => []),
    ]);
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
    // Resource states too: some CloudFormation implementations report few events.
    for (const resource of resources) {
      const logicalId = resource.LogicalResourceId ?? '';
      const status = resource.ResourceStatus ?? '';
      if (!logicalId || this.resourceStatus.get(logicalId) === status) continue;
      this.resourceStatus.set(logicalId, status);
      out.push(resourceEvent(logicalId, resource.ResourceType ?? '', status, resource.PhysicalResourceId));
    }
    return out;
  }

  /** Resources whose latest status counts as done (for the progress bar). */
  doneCount(done: (state: ResourceState) => boolean): number {
    return [...this.resourceStatus.values()].filter((s) => done(resourceState(s))).length;
  }
}
