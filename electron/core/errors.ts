import { ApiError, type ApiErrorShape, type ErrorCode } from '../contract';
import { ProvisionError, type ProvisionErrorCode } from '../../provisioners/core/errors';
import type { CloudErrorShape } from '../../provisioners/core/errors';

/** A cloud's own error mapping (each provider has one). */
export type CloudErrorMapper = (error: unknown) => CloudErrorShape | undefined;

const PROVISION_CODES: Record<ProvisionErrorCode, ErrorCode> = {
  INVALID_CONFIG: 'INVALID_INPUT',
  CONFLICT: 'CONFLICT',
  QUOTA: 'CONFLICT',
  STACK_BUSY: 'CONFLICT',
  STACK_NEEDS_ATTENTION: 'CLOUD_ERROR',
  NOT_FOUND: 'NOT_FOUND',
  DEPLOY_FAILED: 'CLOUD_ERROR',
  CANCELLED: 'CANCELLED',
  ACCESS_DENIED: 'ACCESS_DENIED',
};

/** Abort errors from AbortSignal, fetch and the AWS SDK all look like this. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turn anything thrown below the dispatcher into a structured error. Unknown errors become
 * INTERNAL with a generic message: stack traces and raw texts never reach the window.
 */
export function toApiError(error: unknown, clouds: readonly CloudErrorMapper[] = []): ApiErrorShape {
  if (error instanceof ApiError) return error.toJSON();
  if (error instanceof ProvisionError) {
    const details = { ...(error.hint ? { hint: error.hint } : {}), ...(error.fields ? { fields: error.fields } : {}) };
    return {
      code: PROVISION_CODES[error.code],
      message: error.message,
      ...(Object.keys(details).length ? { details } : {}),
    };
  }
  if (isAbortError(error)) return { code: 'CANCELLED', message: 'The operation was cancelled.' };
  const net = networkCode(error);
  if (net) {
    return {
      code: 'CLOUD_UNREACHABLE',
      message: `The cloud endpoint could not be reached (${net}).`,
      details: { hint: 'Check your network connection, proxy and VPN, then try again.' },
    };
  }
  for (const mapped of clouds) {
    const shape = mapped(error);
    if (shape) return shape;
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside the app.',
    details: { hint: 'Try again; if it keeps happening, report it with the app log.' },
  };
}
