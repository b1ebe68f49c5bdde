import { z } from 'zod';
import { ApiErrorShape } from './errors';

/**
 * What a subscription delivers: operation events (validated by the receiver against
 * `OperationEvent`), or one error when the subscription cannot start (unknown operation).
 */
export const SubscriptionMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: z.unknown() }),
  z.object({ kind: z.literal('error'), error: ApiErrorShape }),
]);
export type SubscriptionMessage = z.infer<typeof SubscriptionMessage>;
