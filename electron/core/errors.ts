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

/** What each connection failure means, in words for people. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing accepted the connection',
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be looked up just now',
  ECONNRESET: 'the connection was closed before an answer',
  ETIMEDOUT: 'it did not answer in time',
  EHOSTUNREACH: 'it cannot be reached from this network',
  ENETUNREACH: 'it cannot be reached from this network',
  EPIPE: 'the connection was closed before an answer',
};

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(NETWORK_CODES, code)) return code;
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
      message: `The cloud could not be reached: ${NETWORK_CODES[net]}.`,
      details: { hint: 'Check your network connection, proxy and VPN, then try again.' },
    };
  }
  for (const mapped of clouds) {
    const shape = mapped(error);
    if (shape) return shape;
  }
  // fetch's own failure ("TypeError: fetch failed") with a cause none of the above knew.
  if (error instanceof TypeError && /fetch failed|network/i.test(error.message)) {
    return {
      code: 'CLOUD_UNREACHABLE',
      message: 'The cloud could not be reached.',
      details: { hint: 'Check your network connection, proxy and VPN, then try again.' },
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside the app.',
    details: { hint: 'Try again; if it keeps happening, report it with the app log.' },
  };
}
