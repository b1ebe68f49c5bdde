import type { SubscriptionMessage } from '@contract/subscription';

/** How the renderer reaches the main process. Chosen once at start-up; the bundle is the same. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(operationId: string, afterSeq: number, onMessage: (message: SubscriptionMessage) => void): () => void;
  cancel(operationId: string): Promise<unknown>;
}
