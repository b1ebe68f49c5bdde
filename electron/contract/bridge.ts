import type { SubscriptionMessage } from './subscription';

/**
 * What the Electron preload exposes as `window.wizard`, and what the loopback HTTP client
 * implements in a plain browser. Exactly three functions; payloads are validated in main.
 */
export interface WizardBridge {
  /** Resolves to a `Result` envelope; never rejects for application errors. */
  call(method: string, input: unknown): Promise<unknown>;
  /**
   * Receive the events of an operation with `seq > afterSeq`, then live events until it
   * finishes. Returns a function that stops the subscription.
   */
  subscribe(operationId: string, afterSeq: number, onMessage: (message: SubscriptionMessage) => void): () => void;
  /** Same as `call('operation.cancel', { operationId })`. */
  cancel(operationId: string): Promise<unknown>;
}

/** IPC channel names; only the preload and main use them. */
export const IPC_CHANNELS = {
  call: 'wizard:call',
  cancel: 'wizard:cancel',
  subscribe: 'wizard:subscribe',
  unsubscribe: 'wizard:unsubscribe',
  event: 'wizard:event',
} as const;
