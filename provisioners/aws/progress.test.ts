import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../core/events';
import type { AwsClients } from './clients';
import { StackFollower } from './progress';

/**
 * A stack's event history as DescribeStackEvents pages it: newest first, `pageSize` a page (AWS
 * does not promise a page size, so tests vary it between calls).
 */
function history() {
  const events: StackEvent[] = []; // oldest first
  let pageSize = 3;
  const calls: (string | undefined)[] = [];
  const cfn = {
    send: async (command: { input: { NextToken?: string } }) => {
      calls.push(command.input.NextToken);
      const newestFirst = [...events].reverse();
      const start = Number(command.input.NextToken ?? 0);
      const page = newestFirst.slice(start, start + pageSize);
      const next = start + pageSize < newestFirst.length ? String(start + pageSize) : undefined;
      return { StackEvents: page, ...(next ? { NextToken: next } : {}) };
    },
  } as unknown as AwsClients['cloudformation'];
  let n = 0;
  const add = (logicalId: string, status: string, token?: string, type = 'AWS::EC2::VPC') =>
    events.push({
      EventId: `e${++n}`,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status as StackEvent['ResourceStatus'],
      ...(token ? { ClientRequestToken: token } : {}),
    } as StackEvent);
  return { cfn, add, calls, setPageSize: (size: number) => (pageSize = size) };
}

const resources = (events: ProvisionEvent[]) =>
  events.flatMap((e) => (e.type === 'resource' ? [`${e.logicalId} ${e.rawStatus}`] : []));

describe('following a stack operation by its events', () => {
  it('reports only the events of the operation asked with its token, never an older operation’s', async () => {
    const h = history();
    // The stack's review (no token) and an older update that failed (its own token).
    h.add('Stack', 'REVIEW_IN_PROGRESS', undefined, 'AWS::CloudFormation::Stack');
    for (let i = 0; i < 7; i++) h.add(`Old${i}`, i === 5 ? 'UPDATE_FAILED' : 'UPDATE_COMPLETE', 'earlier');
    const follower = new StackFollower(h.cfn, 'stack');
    follower.follow('ours');
    // Nothing read before the operation starts; its events may already be there at the first poll.
    h.add('Vpc', 'CREATE_IN_PROGRESS', 'ours');
    h.add('Vpc', 'CREATE_COMPLETE', 'ours');
    expect(resources(await follower.poll())).toEqual(['Vpc CREATE_IN_PROGRESS', 'Vpc CREATE_COMPLETE']);
    expect(h.calls).toEqual([undefined]); // one page: the older operation is where it stopped

    h.add('Role', 'CREATE_COMPLETE', 'ours');
    h.setPageSize(8); // a page now reaches far past the events seen, to the old failure
    expect(resources(await follower.poll())).toEqual(['Role CREATE_COMPLETE']);
    expect(follower.failures).toEqual([]);
  });

  it('pages back through many new events, and stops at the first one already seen', async () => {
    const h = history();
    h.add('Stack', 'REVIEW_IN_PROGRESS', undefined, 'AWS::CloudFormation::Stack');
    const follower = new StackFollower(h.cfn, 'stack');
    follower.follow('ours');
    expect(await follower.poll()).toEqual([]); // nothing of the operation yet
    for (let i = 0; i < 8; i++) h.add(`R${i}`, 'CREATE_COMPLETE', 'ours');
    h.calls.length = 0;
    expect(resources(await follower.poll())).toHaveLength(8);
    expect(h.calls).toEqual([undefined, '3', '6']); // 8 new + 1 seen: three pages of three
    expect(follower.doneCount((s) => s === 'complete')).toBe(8);
    expect(await follower.poll()).toEqual([]);
  });

  it('re-attached without a token: the operation in progress is reported from its start, older ones are not', async () => {
    const h = history();
    h.add('Old', 'CREATE_FAILED', 'earlier');
    h.add('Vpc', 'DELETE_IN_PROGRESS', 'running');
    h.add('Vpc', 'DELETE_COMPLETE', 'running');
    const follower = new StackFollower(h.cfn, 'stack');
    follower.follow();
    expect(resources(await follower.poll())).toEqual(['Vpc DELETE_IN_PROGRESS', 'Vpc DELETE_COMPLETE']);
    expect(follower.failures).toEqual([]);
  });

  it('where events carry no token, reports what comes after the first poll and nothing older', async () => {
    const h = history();
    h.add('Old', 'CREATE_FAILED');
    const follower = new StackFollower(h.cfn, 'stack');
    follower.follow('ours');
    expect(await follower.poll()).toEqual([]);
    h.add('Vpc', 'CREATE_COMPLETE');
    expect(resources(await follower.poll())).toEqual(['Vpc CREATE_COMPLETE']);
    expect(follower.failures).toEqual([]);
  });
});
