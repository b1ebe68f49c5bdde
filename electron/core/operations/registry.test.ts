import { describe, expect, it } from 'vitest';
import { ApiError, OperationEvent, type OperationUpdate } from '../../contract';
import { OperationRegistry } from './registry';

async function* steps(count: number): AsyncGenerator<OperationUpdate, { done: number }> {
  for (let i = 1; i <= count; i++) {
    yield { type: 'progress', step: `step ${i}`, current: i, total: count };
  }
  return { done: count };
}

describe('OperationRegistry', () => {
  it('numbers events 1, 2, 3… and ends with a finished event carrying the result', async () => {
    const registry = new OperationRegistry();
    const op = registry.start({ kind: 'deploy', title: 'Demo', body: () => steps(3) });
    await registry.settled(op.operationId);
    const seen: OperationEvent[] = [];
    registry.subscribe(op.operationId, 0, (e) => seen.push(e));
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((e) => e.type)).toEqual(['started', 'progress', 'progress', 'progress', 'finished']);
    expect(seen.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded', result: { done: 3 } });
    for (const event of seen) expect(OperationEvent.safeParse(event).success).toBe(true);
  });

  it('replays only what a late subscriber missed, then follows live', async () => {
    const registry = new OperationRegistry();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const op = registry.start({
      kind: 'deploy',
      title: 'Demo',
      async *body() {
        yield { type: 'log', level: 'info', message: 'one' };
        yield { type: 'log', level: 'info', message: 'two' };
        await gate;
        yield { type: 'log', level: 'info', message: 'three' };
      },
    });
    await new Promise((r) => setTimeout(r, 10));
    const seen: number[] = [];
    registry.subscribe(op.operationId, 2, (e) => seen.push(e.seq));
    expect(seen).toEqual([3]);
    release();
    await registry.settled(op.operationId);
    expect(seen).toEqual([3, 4, 5]);
  });

  it('reports a failure with a structured error', async () => {
    const registry = new OperationRegistry();
    const op = registry.start({
      kind: 'deploy',
      title: 'Demo',
      // eslint-disable-next-line require-yield
      async *body() {
        throw new ApiError('CONFLICT', 'Role datachain-cluster already exists.');
      },
    });
    const done = await registry.settled(op.operationId);
    expect(done.status).toBe('failed');
    const last: OperationEvent[] = [];
    registry.subscribe(op.operationId, done.lastSeq - 1, (e) => last.push(e));
    expect(last[0]).toMatchObject({ type: 'finished', status: 'failed', error: { code: 'CONFLICT' } });
  });

  it('lets the body decide what cancelling means, and records it as cancelled', async () => {
    const registry = new OperationRegistry();
    const op = registry.start({
      kind: 'deploy',
      title: 'Demo',
      async *body(signal) {
        yield { type: 'log', level: 'info', message: 'working' };
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        yield { type: 'log', level: 'info', message: 'rolling back what was created' };
        throw new ApiError('CANCELLED', 'Cancelled; nothing is left behind.');
      },
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(registry.cancel(op.operationId)).toBe(true);
    const done = await registry.settled(op.operationId);
    expect(done.status).toBe('cancelled');
    expect(registry.cancel(op.operationId)).toBe(false);
    const messages: string[] = [];
    registry.subscribe(op.operationId, 0, (e) => e.type === 'log' && messages.push(e.message));
    expect(messages).toEqual(['working', 'Cancellation requested.', 'rolling back what was created']);
  });

  it('throws NOT_FOUND for unknown operations', () => {
    const registry = new OperationRegistry();
    expect(() => registry.subscribe('op_doesnotexist', 0, () => {})).toThrow(/No operation/);
    expect(() => registry.cancel('op_doesnotexist')).toThrow(ApiError);
  });

  it('keeps a bounded number of finished operations', async () => {
    const registry = new OperationRegistry({ maxFinishedOperations: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const op = registry.start({ kind: 'deploy', title: `Demo ${i}`, body: () => steps(1) });
      await registry.settled(op.operationId);
      ids.push(op.operationId);
    }
    registry.start({ kind: 'deploy', title: 'last', body: () => steps(1) });
    expect(registry.get(ids[0]!)).toBeUndefined();
    expect(registry.get(ids[3]!)).toBeDefined();
  });
});
