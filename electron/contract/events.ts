import { z } from 'zod';
import { ApiErrorShape } from './errors';

/**
 * Long operations (deploy, teardown, grants) run in the main process and stream these events.
 * `seq` starts at 1 and increases by one per event of an operation; it is the SSE event id, so a
 * client that reconnects with `afterSeq = last seen seq` receives exactly what it missed.
 */
export const OperationId = z.string().regex(/^op_[A-Za-z0-9_-]{8,64}$/, 'not an operation id');
export type OperationId = z.infer<typeof OperationId>;

/** What a long operation does (whatever the cloud); events, snapshots and the draft name it. */
export const OperationKind = z.enum(['deploy', 'attach', 'teardown', 'sign-in']);
export type OperationKind = z.infer<typeof OperationKind>;

export const OperationStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type OperationStatus = z.infer<typeof OperationStatus>;

export const ResourceStatus = z.enum([
  'pending',
  'in_progress',
  'complete',
  'failed',
  'rolling_back',
  'rolled_back',
  'deleting',
  'deleted',
  'skipped',
]);
export type ResourceStatus = z.infer<typeof ResourceStatus>;

const stamp = {
  operationId: OperationId,
  seq: z.number().int().positive(),
  /** ISO-8601 time the main process recorded the event. */
  at: z.string(),
};

export const StartedEvent = z.object({
  ...stamp,
  type: z.literal('started'),
  kind: OperationKind,
  title: z.string(),
});

export const ProgressEvent = z.object({
  ...stamp,
  type: z.literal('progress'),
  /** Short human label of the current step. */
  step: z.string(),
  current: z.number().nonnegative(),
  total: z.number().nonnegative(),
});

export const LogEvent = z.object({
  ...stamp,
  type: z.literal('log'),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});

export const ResourceEvent = z.object({
  ...stamp,
  type: z.literal('resource'),
  /** Stable name of the resource within the plan (a CloudFormation logical id on AWS). */
  logicalId: z.string(),
  resourceType: z.string(),
  status: ResourceStatus,
  /** The provider's own status text, e.g. `CREATE_IN_PROGRESS`. */
  rawStatus: z.string().optional(),
  physicalId: z.string().optional(),
  reason: z.string().optional(),
});

/** The operation needs the user: e.g. confirm an IAM Identity Center code in the browser. */
export const PromptEvent = z.object({
  ...stamp,
  type: z.literal('prompt'),
  kind: z.literal('sso-device-code'),
  userCode: z.string(),
  verificationUri: z.string(),
  verificationUriComplete: z.string().optional(),
  expiresAt: z.string(),
  /** Whether the app opened the verification page in the system browser (else the screen links to it). */
  opened: z.boolean().optional(),
});

export const FinishedEvent = z.object({
  ...stamp,
  type: z.literal('finished'),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  /** Operation-specific result (validated by the method that started the operation). */
  result: z.unknown().optional(),
  error: ApiErrorShape.optional(),
});

export const OperationEvent = z.discriminatedUnion('type', [
  StartedEvent,
  ProgressEvent,
  LogEvent,
  ResourceEvent,
  PromptEvent,
  FinishedEvent,
]);
export type OperationEvent = z.infer<typeof OperationEvent>;
export type FinishedEvent = z.infer<typeof FinishedEvent>;

/** What an operation body yields: an event without the registry's stamp. */
type Unstamped<T> = T extends unknown ? Omit<T, 'operationId' | 'seq' | 'at'> : never;
export type OperationUpdate = Unstamped<
  z.infer<typeof ProgressEvent> | z.infer<typeof LogEvent> | z.infer<typeof ResourceEvent> | z.infer<typeof PromptEvent>
>;

export const OperationSnapshot = z.object({
  operationId: OperationId,
  kind: OperationKind,
  title: z.string(),
  status: OperationStatus,
  startedAt: z.string(),
  lastSeq: z.number().int().nonnegative(),
  cancellable: z.boolean(),
  /** What cancelling does (or why it cannot be done), to show before the user asks. */
  cancelMeaning: z.string(),
  /** Free-form facts the starter attached (stack name, region…), for re-attaching after a reload. */
  context: z.record(z.string(), z.string()).optional(),
});
export type OperationSnapshot = z.infer<typeof OperationSnapshot>;

export function isTerminal(event: OperationEvent): event is z.infer<typeof FinishedEvent> {
  return event.type === 'finished';
}
