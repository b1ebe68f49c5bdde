import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from './clients';
import { newestEventIds, StackFollower } from './progress';

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
  const add = (logicalId: string, status: string, type = 'AWS::EC2::VPC') =>
    events.push({
      EventId: `e${++n}`,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status as StackEvent['ResourceStatus'],
    } as StackEvent);
  return { cfn, add, calls, setPageSize: (size: number) => (pageSize = size) };
}

describe('following a stack by its events', () => {
  it('marks what exists with one page, and reports only what comes after, whatever the page size', async () => {
    const h = history();
    // An older operation that failed: its failure must never be taken for the new one's.
    for (let i = 0; i < 7; i++) h.add(`Old${i}`, i === 3 ? 'CREATE_FAILED' : 'CREATE_COMPLETE');
    const follower = new StackFollower(h.cfn, 'stack');
    await follower.markExisting();
    expect(h.calls).toEqual([undefined]); // one page, although the history has more

    h.add('Vpc', 'CREATE_IN_PROGRESS');
    h.add('Vpc', 'CREATE_COMPLETE');
    h.setPageSize(6); // a page now reaches past the events marked, to the old failure
    const fresh = await follower.poll();
    expect(fresh.map((e) => (e.type === 'resource' ? `${e.logicalId} ${e.rawStatus}` : e.type))).toEqual([
      'Vpc CREATE_IN_PROGRESS',
      'Vpc CREATE_COMPLETE',
    ]);
    expect(follower.failures).toEqual([]);
  });

  it('pages back through many new events, and stops at the first one already seen', async () => {
    const h = history();
    h.add('Stack', 'REVIEW_IN_PROGRESS', 'AWS::CloudFormation::Stack');
    const follower = new StackFollower(h.cfn, 'stack');
    follower.markSeen(await newestEventIds(h.cfn, 'stack'));
    for (let i = 0; i < 8; i++) h.add(`R${i}`, 'CREATE_COMPLETE');
    h.calls.length = 0;
    const fresh = await follower.poll();
    expect(fresh.filter((e) => e.type === 'resource')).toHaveLength(8);
    expect(h.calls).toEqual([undefined, '3', '6']); // 8 new + 1 seen: three pages of three
    expect(follower.doneCount((s) => s === 'complete')).toBe(8);
    expect(await follower.poll()).toEqual([]);
  });
});
