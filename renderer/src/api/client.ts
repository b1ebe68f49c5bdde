import { ApiError, ResultEnvelope } from '@contract/errors';
import { OperationEvent } from '@contract/events';
import { methods, type Input, type MethodName, type Output } from '@contract/methods';
import { detectTransport, type Transport } from '../transport';

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
  const raw = await getTransport().call(method, input);
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
  return getTransport().subscribe(operationId, afterSeq, (message) => {
    if (message.kind === 'error') {
      handlers.onError(ApiError.from(message.error));
      return;
    }
    const parsed = OperationEvent.safeParse(message.event);
    if (!parsed.success || parsed.data.seq <= last) return;
    last = parsed.data.seq;
    handlers.onEvent(parsed.data);
  });
}

export async function cancelOperation(operationId: string): Promise<boolean> {
  const raw = await getTransport().cancel(operationId);
  const envelope = ResultEnvelope.safeParse(raw);
  if (!envelope.success || !envelope.data.ok) return false;
  return (envelope.data.result as { accepted?: boolean }).accepted === true;
}

export function errorOf(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', 'Something went wrong in this window.');
}
