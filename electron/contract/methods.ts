import { z } from 'zod';
import { OperationId, OperationSnapshot } from './events';
import { AppInfo, ExternalUrl, NoInput } from './schemas/common';
import { AwsIdentity, AwsSessionSelector } from './schemas/aws';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** One sentence, shown in docs and in UNKNOWN_METHOD hints. */
  summary: string;
}

/**
 * The whole API between the renderer and the main process. Both transports (Electron IPC and the
 * loopback HTTP host) dispatch through this table: a method that is not here does not exist, and
 * no handler runs before its input has passed the schema.
 */
export const methods = {
  'app.info': {
    summary: 'Name, version and runtime of the app.',
    input: NoInput,
    output: AppInfo,
  },
  'app.openExternal': {
    summary: 'Open an allow-listed https link in the system browser.',
    input: z.object({ url: ExternalUrl }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
  'aws.whoami': {
    summary: 'Who the local AWS credentials belong to (STS GetCallerIdentity).',
    input: AwsSessionSelector,
    output: AwsIdentity,
  },
  'operation.get': {
    summary: 'The current state of a long operation, for re-attaching after a reload.',
    input: z.object({ operationId: OperationId }).strict(),
    output: OperationSnapshot,
  },
  'operation.list': {
    summary: 'Operations known to this session, newest first.',
    input: NoInput,
    output: z.array(OperationSnapshot),
  },
  'operation.cancel': {
    summary: 'Ask a running operation to stop; what that means is stated by the operation.',
    input: z.object({ operationId: OperationId }).strict(),
    output: z.object({ accepted: z.boolean() }),
  },
} as const satisfies Record<string, MethodSpec>;

export type Contract = Record<string, MethodSpec>;
export type AppContract = typeof methods;
export type MethodName = keyof AppContract;
export type Input<M extends MethodName, C extends Contract = AppContract> = z.input<C[M]['input']>;
export type Output<M extends MethodName, C extends Contract = AppContract> = z.output<C[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
