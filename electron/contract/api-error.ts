/**
 * The error codes and the ApiError class, without zod: the renderer's first screen handles errors
 * before the contract's schemas (errors.ts) are loaded.
 */
import type { ApiErrorShape, ErrorCode, ErrorDetails } from './errors';

/**
 * Every failure that crosses the renderer/main boundary has one of these codes. The renderer
 * switches on the code; the message says what happened and `details.hint` says what to do.
 */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'NO_CREDENTIALS',
  'CREDENTIALS_EXPIRED',
  /** The profile assumes a role that requires an MFA code: ask for it and sign in again. */
  'MFA_REQUIRED',
  'ACCESS_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  'CLOUD_UNREACHABLE',
  'CLOUD_ERROR',
  'CANCELLED',
  /** The window lost its connection to the main process or loopback host. */
  'DISCONNECTED',
  'INTERNAL',
] as const;

/** A structured error; thrown by handlers and by the renderer's typed client. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  toJSON(): ApiErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.details);
  }
}
