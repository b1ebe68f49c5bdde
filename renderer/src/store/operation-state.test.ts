import { describe, expect, it } from 'vitest';
import type { OperationEvent } from '@contract/events';
import { applyEvent, emptyView } from './operation-state';

const at = '2026-11-21T00:00:00.000Z';
const events: OperationEvent[] = [
  { operationId: 'op', seq: 1, at, type: 'started', kind: 'aws.deploy', title: 'Deploying x' },
  { operationId: 'op', seq: 2, at, type: 'progress', step: 'Creating', current: 1, total: 4 },
  {
    operationId: 'op',
    seq: 3,
    at,
    type: 'resource',
    logicalId: 'Vpc',
    resourceType: 'AWS::EC2::VPC',
    status: 'in-progress',
  },
  {
    operationId: 'op',
    seq: 4,
    at,
    type: 'resource',
    logicalId: 'Subnet',
    resourceType: 'AWS::EC2::Subnet',
    status: 'in-progress',
  },
  {
    operationId: 'op',
    seq: 5,
    at,
    type: 'resource',
    logicalId: 'Vpc',
    resourceType: 'AWS::EC2::VPC',
    status: 'complete',
    physicalId: 'vpc-1',
  },
  { operationId: 'op', seq: 6, at, type: 'log', level: 'info', message: 'done' },
  { operationId: 'op', seq: 7, at, type: 'finished', status: 'succeeded', result: { stackId: 's' } },
] as OperationEvent[];

describe('the operation view', () => {
  it('keeps each resource once, at its latest state, in first-seen order', () => {
    const view = events.reduce(applyEvent, emptyView('op'));
    expect(view.resources.map((r) => [r.logicalId, r.status])).toEqual([
      ['Vpc', 'complete'],
      ['Subnet', 'in-progress'],
    ]);
    expect(view).toMatchObject({
      title: 'Deploying x',
      status: 'succeeded',
      lastSeq: 7,
      result: { stackId: 's' },
      progress: { current: 1, total: 4 },
    });
    expect(view.logs).toHaveLength(4);
  });

  it('is the same after a re-attach replays events it has already seen', () => {
    const once = events.reduce(applyEvent, emptyView('op'));
    const halfway = events.slice(0, 4).reduce(applyEvent, emptyView('op'));
    const replayed = events.reduce(applyEvent, halfway);
    expect(replayed).toEqual(once);
  });

  it('records a failure with its error', () => {
    const failed = applyEvent(events.slice(0, 3).reduce(applyEvent, emptyView('op')), {
      operationId: 'op',
      seq: 4,
      at,
      type: 'finished',
      status: 'failed',
      error: { code: 'CLOUD_ERROR', message: 'AccessDenied' },
    } as OperationEvent);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'CLOUD_ERROR' } });
  });
});
