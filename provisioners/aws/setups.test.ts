import { describe, expect, it } from 'vitest';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE } from './naming';
import { findSetups } from './setups';

const ours = { Key: MANAGED_BY_TAG, Value: MANAGED_BY_VALUE };
const stack = (name: string, tags = [ours]) => ({
  StackName: name,
  StackId: `arn:aws:cloudformation:r:1:stack/${name}/x`,
  StackStatus: 'CREATE_COMPLETE',
  CreationTime: new Date('2026-01-02T03:04:05Z'),
  Tags: tags,
});

describe('finding setups', () => {
  it('keeps only stacks this app made, follows pages, and reports unreadable regions without failing', async () => {
    const pages: Record<string, object[]> = {
      'eu-west-1': [
        { Stacks: [stack('b-datachain-cluster'), stack('someone-else', [])], NextToken: 'p2' },
        { Stacks: [stack('a-datachain-cluster')] },
      ],
      'us-east-1': [{ Stacks: [] }],
    };
    const cfnFor = (region: string) => ({
      send: async (command: { input: { NextToken?: string } }) => {
        if (region === 'me-south-1') throw Object.assign(new Error('denied by an SCP'), { name: 'AccessDenied' });
        return pages[region]![command.input.NextToken ? 1 : 0];
      },
    });
    const found = await findSetups(cfnFor as never, ['us-east-1', 'me-south-1', 'eu-west-1']);
    expect(found.setups.map((s) => `${s.ref.region}/${s.ref.stackName}`)).toEqual([
      'eu-west-1/a-datachain-cluster',
      'eu-west-1/b-datachain-cluster',
    ]);
    expect(found.setups[0]).toMatchObject({ status: 'CREATE_COMPLETE', updatedAt: '2026-01-02T03:04:05.000Z' });
    expect(found.unreadable).toEqual([{ where: 'me-south-1', reason: 'AccessDenied' }]);
  });
});
