import { describe, expect, it } from 'vitest';
import type { SubscriptionMessage } from '@contract/subscription';
import type { Transport } from '../transport/types';
import { call, followOperation, setTransport } from './client';

/** A transport answering every call with `answer`, and replaying `messages` to a subscriber. */
function answering(answer: unknown, messages: SubscriptionMessage[] = []): Transport {
  return {
    kind: 'http',
    call: () => Promise.resolve(answer),
    cancel: () => Promise.resolve({ ok: true, result: { accepted: true } }),
    subscribe(_id, _after, onMessage) {
      for (const message of messages) onMessage(message);
      return () => undefined;
    },
  };
}

// The schemas load lazily (validation.ts): every answer is still checked against its method's.
describe('the typed client', () => {
  it('resolves to an answer that matches its method’s schema', async () => {
    setTransport(answering({ ok: true, result: { draft: null } }));
    await expect(call('app.draft.load', {})).resolves.toEqual({ draft: null });
  });

  it('refuses an answer that does not match its method’s schema', async () => {
    setTransport(answering({ ok: true, result: { draft: { version: 'not a draft' } } }));
    await expect(call('app.draft.load', {})).rejects.toThrow();
  });

  it('refuses an answer that is no envelope, and passes on an error answer', async () => {
    setTransport(answering('<html>'));
    await expect(call('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    setTransport(answering({ ok: false, error: { code: 'ACCESS_DENIED', message: 'No.' } }));
    await expect(call('app.info', {})).rejects.toMatchObject({ code: 'ACCESS_DENIED', message: 'No.' });
  });

  it('passes on an operation’s valid events once each, in order, and drops malformed ones', async () => {
    const event = (seq: number) => ({
      operationId: 'op_12345678',
      seq,
      at: new Date(0).toISOString(),
      type: 'log',
      level: 'info',
      message: `line ${seq}`,
    });
    const seen: number[] = [];
    setTransport(
      answering(undefined, [
        { kind: 'event', event: event(1) },
        { kind: 'event', event: { seq: 2, nonsense: true } },
        { kind: 'event', event: event(1) },
        { kind: 'event', event: event(3) },
      ] as SubscriptionMessage[]),
    );
    followOperation('op_12345678', 0, { onEvent: (e) => seen.push(e.seq), onError: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([1, 3]);
  });

  it('delivers nothing after the follower stopped', async () => {
    let emit: (message: SubscriptionMessage) => void = () => undefined;
    const transport = answering(undefined);
    transport.subscribe = (_id, _after, onMessage) => {
      emit = onMessage;
      return () => undefined;
    };
    setTransport(transport);
    const seen: number[] = [];
    const stop = followOperation('op_12345678', 0, { onEvent: (e) => seen.push(e.seq), onError: () => undefined });
    const event = { operationId: 'op_12345678', at: new Date(0).toISOString(), type: 'log', level: 'info' };
    emit({ kind: 'event', event: { ...event, seq: 1, message: 'one' } });
    stop();
    emit({ kind: 'event', event: { ...event, seq: 2, message: 'two' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([1]);
  });
});
