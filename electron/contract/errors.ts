import { z } from 'zod';
// Zod's texts are for programmers: every schema answers in words for people instead.
import './zod-messages';
import { ERROR_CODES } from './api-error';

export { ApiError, ERROR_CODES } from './api-error';

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({
  /** Dotted path of the offending field, e.g. `buckets.2` or `profile`. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorDetails = z.object({
  /** What the user can do about it, in one sentence. */
  hint: z.string().optional(),
  /** For INVALID_INPUT: one entry per field that failed validation. */
  fields: z.array(FieldIssue).optional(),
  /** The method that failed, when known. */
  method: z.string().optional(),
  /** The cloud provider's own error code (e.g. `AccessDenied`), when there is one. */
  cloudCode: z.string().optional(),
  /** The cloud provider's request id, for support tickets. */
  requestId: z.string().optional(),
  /** For MFA_REQUIRED and CREDENTIALS_EXPIRED: the profile, and the MFA device to ask a code for. */
  profile: z.string().optional(),
  mfaSerial: z.string().optional(),
});
export type ErrorDetails = z.infer<typeof ErrorDetails>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: ErrorDetails.optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** The envelope every call resolves to, on both transports. Errors are values, never thrown across. */
export type Result<T> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };

export const ResultEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
