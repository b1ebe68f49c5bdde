import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../core/events';
import type { AwsClients } from './clients';
import { followOf, followStack } from './follow';

/**
 * A stack whose status and events are set by the test between polls, and whose status read can
 * be made to fail once. Events are newest first, as DescribeStackEvents answers.
 */
function stack() {
  let status = 'CREATE_IN_PROGRESS';
  const events: StackEvent[] = [];
  const calls: string[] = [];
  let failStatusOnce = false;
  let n = 0;
  const cfn = {
    send: async (command: { constructor: { name: string } }) => {
      const name = command.constructor.name;
      calls.push(name);
      if (name === 'DescribeStacksCommand') {
        if (failStatusOnce) {
          failStatusOnce = false;
          throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
        }
        return { Stacks: [{ StackId: 'stack-id', StackName: 'stack', StackStatus: status }] };
      }
      if (name === 'DescribeStackEventsCommand') return { StackEvents: [...events] };
      throw new Error(`not scripted: ${name}`);
    },
  } as unknown as AwsClients['cloudformation'];
  return {
    clients: { cloudformation: cfn } as unknown as AwsClients,
    calls,
    setStatus: (s: string) => (status = s),
    failStatusOnce: () => (failStatusOnce = true),
    event: (logicalId: string, resourceStatus: string, type = 'AWS::EC2::VPC') =>
      events.unshift({
        EventId: `e${++n}`,
        LogicalResourceId: logicalId,
        ResourceType: type,
        ResourceStatus: resourceStatus as StackEvent['ResourceStatus'],
      } as StackEvent),
  };
}

async function collect(gen: AsyncGenerator<ProvisionEvent, string>) {
  const out: ProvisionEvent[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { events: out, status: next.value };
    out.push(next.value);
  }
}

const resources = (events: ProvisionEvent[]) =>
  events.flatMap((e) => (e.type === 'resource' ? [`${e.logicalId} ${e.rawStatus}`] : []));

describe('following a stack', () => {
  it('reads status and events together, and needs no second events read when they hold the stack’s last event', async () => {
    const s = stack();
    s.event('Vpc', 'CREATE_COMPLETE');
    s.event('stack', 'CREATE_COMPLETE', 'AWS::CloudFormation::Stack');
    s.setStatus('CREATE_COMPLETE');
    const f = followOf(s.clients, 'stack-id', 1, 'Creating', { sleep: async () => {} });
    const { events, status } = await collect(followStack(f));
    expect(status).toBe('CREATE_COMPLETE');
    expect(resources(events)).toEqual(['Vpc CREATE_COMPLETE']);
    expect(s.calls).toEqual(['DescribeStacksCommand', 'DescribeStackEventsCommand']);
  });

  it('reads the events once more when a terminal status came without the stack’s own event', async () => {
    const s = stack();
    s.setStatus('CREATE_COMPLETE'); // the status is ahead of the events read beside it
    const f = followOf(s.clients, 'stack-id', 1, 'Creating', {
      sleep: async () => {},
    });
    const gen = followStack(f);
    // The events land between the two reads of the poll.
    const first = gen.next();
    s.event('Vpc', 'CREATE_COMPLETE');
    s.event('stack', 'CREATE_COMPLETE', 'AWS::CloudFormation::Stack');
    const rest = await collect(gen);
    const events = [...((await first).done ? [] : [(await first).value as ProvisionEvent]), ...rest.events];
    expect(resources(events)).toEqual(['Vpc CREATE_COMPLETE']);
    expect(s.calls.filter((c) => c === 'DescribeStackEventsCommand')).toHaveLength(2);
  });

  it('keeps the events read beside a status read that failed, and carries on', async () => {
    const s = stack();
    s.event('Vpc', 'CREATE_IN_PROGRESS');
    s.failStatusOnce();
    const f = followOf(s.clients, 'stack-id', 1, 'Creating', {
      sleep: async () => {
        // Between polls the stack finishes.
        s.event('Vpc', 'CREATE_COMPLETE');
        s.event('stack', 'CREATE_COMPLETE', 'AWS::CloudFormation::Stack');
        s.setStatus('CREATE_COMPLETE');
      },
    });
    const { events, status } = await collect(followStack(f));
    expect(status).toBe('CREATE_COMPLETE');
    // The in-progress event read beside the failed status read is not lost.
    expect(resources(events)).toEqual(['Vpc CREATE_IN_PROGRESS', 'Vpc CREATE_COMPLETE']);
    expect(events.some((e) => e.type === 'log' && e.message.includes('did not answer'))).toBe(true);
    expect(f.follower.doneCount((state) => state === 'complete')).toBe(1);
  });
});
