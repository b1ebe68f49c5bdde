/**
 * A failure a provisioner can explain: a stable code, what happened, and what to do next. The
 * app maps the code onto its contract's error codes.
 */
export type ProvisionErrorCode =
  | 'INVALID_CONFIG'
  | 'CONFLICT'
  | 'QUOTA'
  | 'STACK_BUSY'
  | 'STACK_NEEDS_ATTENTION'
  | 'NOT_FOUND'
  | 'DEPLOY_FAILED'
  | 'CANCELLED'
  | 'ACCESS_DENIED';

export interface FieldProblem {
  path: string;
  message: string;
}

export class ProvisionError extends Error {
  readonly code: ProvisionErrorCode;
  readonly hint: string | undefined;
  readonly fields: FieldProblem[] | undefined;

  constructor(
    code: ProvisionErrorCode,
    message: string,
    options: { hint?: string; fields?: FieldProblem[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProvisionError';
    this.code = code;
    this.hint = options.hint;
    this.fields = options.fields;
  }
}

export function isProvisionError(error: unknown): error is ProvisionError {
  return error instanceof ProvisionError;
}

/** The codes a cloud's error mapping may give (a subset of the app contract's error codes). */
export type CloudErrorCode =
  | 'INVALID_INPUT'
  | 'NO_CREDENTIALS'
  | 'CREDENTIALS_EXPIRED'
  | 'ACCESS_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CLOUD_UNREACHABLE'
  | 'CLOUD_ERROR';

/** A cloud SDK's failure in words a user can act on. */
export interface CloudErrorShape {
  code: CloudErrorCode;
  message: string;
  details?: { hint?: string; cloudCode?: string; requestId?: string };
}
