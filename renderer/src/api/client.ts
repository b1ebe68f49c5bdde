import { ApiError } from '@contract/api-error';
import type { OperationEvent } from '@contract/events';
import type { Input, MethodName, Output } from '@contract/methods';
import { detectTransport, type Transport } from '../transport';
import type { SubscriptionMessage } from '@contract/subscription';
import { loadedSchemas, schemasLoaded, type Schemas } from './validation';

let transport: Transport | undefined;

export function getTransport(): Transport {
  return (transport ??= detectTransport());
}

/** For component tests: swap the transport. */
export function setTransport(next: Transport): void {
  transport = next;
}

/**
 * Listings that can run to megabytes (10,000 buckets): main validated them against the same
 * schema before sending them, so the window does not parse them a second time.
 */
const VALIDATED_BY_MAIN: ReadonlySet<MethodName> = new Set<MethodName>(['aws.buckets.list', 'aws.secrets.list']);

/** Call a method of the contract; resolves to its validated output or throws an ApiError. */
export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  // The schemas' chunk loads beside the call: neither waits for the other.
  const [raw, { ResultEnvelope, methods }] = await Promise.all([getTransport().call(method, input), schemasLoaded]);
  const envelope = ResultEnvelope.safeParse(raw);
  if (!envelope.success) throw new ApiError('INTERNAL', 'The app sent an answer this window does not understand.');
  if (!envelope.data.ok) throw ApiError.from(envelope.data.error);
  if (VALIDATED_BY_MAIN.has(method)) return envelope.data.result as Output<M>;
  return methods[method].output.parse(envelope.data.result) as Output<M>;
}

export interface FollowHandlers {
  onEvent(event: OperationEvent): void;
  onError(error: ApiError): void;
}

/** Follow an operation from `afterSeq`: each event once, in order, until it finishes. */
export function followOperation(operationId: string, afterSeq: number, handlers: FollowHandlers): () => void {
  let last = afterSeq;
  let stopped = false;
  const handle = (message: SubscriptionMessage, { OperationEvent }: Schemas) => {
    if (stopped) return;
    if (message.kind === 'error') {
      handlers.onError(ApiError.from(message.error));
      return;
    }
    const parsed = OperationEvent.safeParse(message.event);
    if (!parsed.success || parsed.data.seq <= last) return;
    last = parsed.data.seq;
    handlers.onEvent(parsed.data);
  };
  // At once when the schemas are loaded; before, each message once they are, in the order they came.
  const unsubscribe = getTransport().subscribe(operationId, afterSeq, (message) => {
    const schemas = loadedSchemas();
    if (schemas) handle(message, schemas);
    else void schemasLoaded.then((loaded) => handle(message, loaded));
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}

export async function cancelOperation(operationId: string): Promise<boolean> {
  const [raw, { ResultEnvelope }] = await Promise.all([getTransport().cancel(operationId), schemasLoaded]);
  const envelope = ResultEnvelope.safeParse(raw);
  if (!envelope.success || !envelope.data.ok) return false;
  return (envelope.data.result as { accepted?: boolean }).accepted === true;
}

export function errorOf(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', 'Something went wrong in this window.');
}
