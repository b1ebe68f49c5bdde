import { z } from 'zod';
import { OperationId, OperationSnapshot } from '../events';
import { NoInput } from '../schemas/common';
import type { MethodSpec } from './spec';

/** Long operations, whatever they do: re-attach, list, cancel. */
export const operationMethods = {
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
    output: z.object({ accepted: z.boolean(), meaning: z.string().optional() }),
  },
} as const satisfies Record<string, MethodSpec>;
