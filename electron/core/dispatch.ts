import type { z } from 'zod';
import {
  ApiError,
  type ApiErrorShape,
  type Contract,
  type FieldIssue,
  type MethodSpec,
  type Result,
} from '../contract';
import { boundedError } from './error-excerpt';
import { toApiError, type CloudErrorMapper } from './errors';
import { DEFAULT_INPUT_LIMITS, inputBoundsProblem } from './input-bounds';

/** What a transport knows about the caller; handlers may use the signal to stop early. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'test';
  signal?: AbortSignal;
}

export type HandlersOf<C extends Contract> = {
  [M in keyof C]: (input: z.output<C[M]['input']>, ctx: CallContext) => Promise<z.input<C[M]['output']>>;
};

export type Dispatch = (method: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}

function describeFields(fields: FieldIssue[]): string {
  const first = fields[0];
  if (!first) return 'The request was not valid.';
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  return `Invalid ${first.path}: ${first.message}${more}.`;
}

export type Validation = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

/**
 * Validation, and nothing else: the input's size is bounded first (depth, values, string
 * lengths, without recursion), then the method's schema parses it. Never throws.
 */
export function validateInput(spec: MethodSpec, input: unknown): Validation {
  const limits = { ...DEFAULT_INPUT_LIMITS, string: spec.maxStringLength ?? DEFAULT_INPUT_LIMITS.string };
  const tooBig = inputBoundsProblem(input, limits);
  if (tooBig) {
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: tooBig,
        details: { hint: 'Nothing the wizard sends is this large: check what was typed or pasted.' },
      },
    };
  }
  const parsed = spec.input.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = issuesToFields(parsed.error.issues);
  return { ok: false, error: { code: 'INVALID_INPUT', message: describeFields(fields), details: { fields } } };
}

/**
 * The single entry point both transports use: allow-list the method, validate the input,
 * run the handler, validate the output, and turn every failure into a structured error.
 */
export function createDispatcher<C extends Contract>(
  contract: C,
  handlers: HandlersOf<C>,
  onInternalError: (method: string, error: unknown) => void = () => {},
  cloudErrors: readonly CloudErrorMapper[] = [],
): Dispatch {
  return async (method, input, ctx) => {
    if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(contract, method)) {
      const name = typeof method === 'string' ? method.slice(0, 100) : typeof method;
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_METHOD',
          message: `There is no method called "${name}".`,
          details: { hint: 'Update the app: the window and the main process disagree about the API.' },
        },
      };
    }
    const spec = contract[method]!;
    const invalid = validateInput(spec, input ?? {});
    if (!invalid.ok)
      return { ok: false, error: boundedError({ ...invalid.error, details: { ...invalid.error.details, method } }) };
    try {
      const handler = handlers[method as keyof C] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const output = await handler(invalid.value, ctx);
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        onInternalError(method, checked.error);
        throw new ApiError('INTERNAL', `The app produced an invalid answer for ${method}.`, {
          hint: 'This is a bug in DataChain Cluster Setup; please report it.',
          method,
        });
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      const shape = toApiError(error, cloudErrors);
      if (shape.code === 'INTERNAL') onInternalError(method, error);
      return { ok: false, error: boundedError({ ...shape, details: { ...shape.details, method } }) };
    }
  };
}
