import { randomBytes } from 'node:crypto';
import {
  ApiError,
  type OperationEvent,
  type OperationKind,
  type OperationSnapshot,
  type OperationStatus,
  type OperationUpdate,
} from '../../contract';
import { isAbortError, toApiError, type CloudErrorMapper } from '../errors';

/** An operation body: yields progress, returns its result, throws to fail, honours the signal. */
export type OperationBody = (signal: AbortSignal) => AsyncGenerator<OperationUpdate, unknown, void>;

export interface StartOptions {
  kind: OperationKind;
  title: string;
  body: OperationBody;
  /** Whether cancel is offered; the body decides what it does. Defaults to true. */
  cancellable?: boolean;
  /** What cancelling does, in words (or why it is not possible). */
  cancelMeaning?: string;
  context?: Record<string, string>;
}

type Listener = (event: OperationEvent) => void;

interface Entry {
  snapshot: OperationSnapshot;
  events: OperationEvent[];
  listeners: Set<Listener>;
  controller: AbortController;
  done: Promise<void>;
}

export interface RegistryOptions {
  /** Events kept per operation for replay; older ones are dropped first. */
  maxEventsPerOperation?: number;
  /** Finished operations kept for re-attachment. */
  maxFinishedOperations?: number;
  now?: () => Date;
  /** The clouds' error mappings, for failures of operation bodies. */
  cloudErrors?: readonly CloudErrorMapper[];
}

function newOperationId(): string {
  return `op_${randomBytes(12).toString('base64url')}`;
}

/**
 * Runs long operations in the main process and keeps their events, so any number of
 * subscribers (a window, a reloaded window, an SSE stream that reconnected) can replay
 * from a sequence number and then follow live.
 */
export class OperationRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEvents: number;
  private readonly maxFinished: number;
  private readonly now: () => Date;
  private readonly cloudErrors: readonly CloudErrorMapper[];

  constructor(options: RegistryOptions = {}) {
    this.maxEvents = options.maxEventsPerOperation ?? 10_000;
    this.maxFinished = options.maxFinishedOperations ?? 50;
    this.now = options.now ?? (() => new Date());
    this.cloudErrors = options.cloudErrors ?? [];
  }

  start(options: StartOptions): OperationSnapshot {
    const operationId = newOperationId();
    const controller = new AbortController();
    const entry: Entry = {
      snapshot: {
        operationId,
        kind: options.kind,
        title: options.title,
        status: 'running',
        startedAt: this.now().toISOString(),
        lastSeq: 0,
        cancellable: options.cancellable ?? true,
        cancelMeaning: options.cancelMeaning ?? 'Cancelling stops the operation.',
        ...(options.context ? { context: options.context } : {}),
      },
      events: [],
      listeners: new Set(),
      controller,
      done: Promise.resolve(),
    };
    this.entries.set(operationId, entry);
    this.emit(entry, { type: 'started', kind: options.kind, title: options.title });
    entry.done = this.run(entry, options.body);
    this.prune();
    return { ...entry.snapshot };
  }

  get(operationId: string): OperationSnapshot | undefined {
    const entry = this.entries.get(operationId);
    return entry ? { ...entry.snapshot } : undefined;
  }

  list(): OperationSnapshot[] {
    return [...this.entries.values()].map((e) => ({ ...e.snapshot })).reverse();
  }

  /** Resolves once the operation's body has returned or thrown. */
  async settled(operationId: string): Promise<OperationSnapshot> {
    const entry = this.require(operationId);
    await entry.done;
    return { ...entry.snapshot };
  }

  /**
   * Replay events with `seq > afterSeq`, then deliver live ones. The listener runs
   * synchronously; it must not throw (a throwing listener is removed).
   */
  subscribe(operationId: string, afterSeq: number, listener: Listener): () => void {
    const entry = this.require(operationId);
    for (const event of entry.events) {
      if (event.seq > afterSeq) listener(event);
    }
    if (entry.snapshot.status !== 'running') return () => {};
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Ask the operation to stop. Its body decides what stopping means and reports it. */
  cancel(operationId: string): boolean {
    const entry = this.require(operationId);
    if (!entry.snapshot.cancellable || entry.snapshot.status !== 'running' || entry.controller.signal.aborted)
      return false;
    entry.controller.abort();
    this.emit(entry, { type: 'log', level: 'warn', message: 'Cancellation requested.' });
    return true;
  }

  /** Abort everything still running (app shutdown). */
  async shutdown(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.snapshot.status === 'running') entry.controller.abort();
    }
    await Promise.allSettled([...this.entries.values()].map((e) => e.done));
  }

  private require(operationId: string): Entry {
    const entry = this.entries.get(operationId);
    if (!entry) {
      throw new ApiError('NOT_FOUND', `No operation with id ${operationId} is known to this session.`, {
        hint: 'It may have finished before the app restarted; open the setup from the dashboard instead.',
      });
    }
    return entry;
  }

  private async run(entry: Entry, body: OperationBody): Promise<void> {
    const signal = entry.controller.signal;
    let status: Exclude<OperationStatus, 'running'>;
    let result: unknown;
    let error;
    try {
      const iterator = body(signal);
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          result = next.value;
          break;
        }
        this.emit(entry, next.value);
      }
      status = 'succeeded';
    } catch (thrown) {
      const shape = toApiError(thrown, this.cloudErrors);
      status = isAbortError(thrown) || shape.code === 'CANCELLED' ? 'cancelled' : 'failed';
      error = shape;
    }
    entry.snapshot.status = status;
    this.emit(entry, {
      type: 'finished',
      status,
      ...(result !== undefined ? { result } : {}),
      ...(error ? { error } : {}),
    });
    entry.listeners.clear();
  }

  private emit(
    entry: Entry,
    update:
      | OperationUpdate
      | { type: 'started'; kind: string; title: string }
      | Omit<Extract<OperationEvent, { type: 'finished' }>, 'operationId' | 'seq' | 'at'>,
  ): void {
    const event = {
      ...update,
      operationId: entry.snapshot.operationId,
      seq: entry.snapshot.lastSeq + 1,
      at: this.now().toISOString(),
    } as OperationEvent;
    entry.snapshot.lastSeq = event.seq;
    entry.events.push(event);
    if (entry.events.length > this.maxEvents) entry.events.shift();
    for (const listener of [...entry.listeners]) {
      try {
        listener(event);
      } catch {
        entry.listeners.delete(listener);
      }
    }
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => e.snapshot.status !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - this.maxFinished))) {
      this.entries.delete(entry.snapshot.operationId);
    }
  }
}
