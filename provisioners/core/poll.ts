/** Waiting with backoff, abortable, and slowing down further whenever the API throttles us. */

export interface Backoff {
  /** First delay in ms. */
  initialMs: number;
  /** Ceiling for the delay in ms. */
  maxMs: number;
  /** Growth factor per round without news. */
  factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 2_000, maxMs: 15_000, factor: 1.5 };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'Rate exceeded',
]);

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { Code?: string }).Code ?? error.name;
  return THROTTLING.has(code) || /rate exceeded/i.test(error.message);
}

/**
 * Tracks the delay between polls: shorter when something changed, longer when nothing did,
 * and doubled (up to the ceiling) after a throttling error.
 */
export class PollDelay {
  private current: number;

  constructor(private readonly backoff: Backoff = DEFAULT_BACKOFF) {
    this.current = backoff.initialMs;
  }

  get ms(): number {
    return this.current;
  }

  progressed(): void {
    this.current = this.backoff.initialMs;
  }

  idle(): void {
    this.current = Math.min(this.backoff.maxMs, Math.round(this.current * this.backoff.factor));
  }

  throttled(): void {
    this.current = Math.min(this.backoff.maxMs, this.current * 2);
  }
}
