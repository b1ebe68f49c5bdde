import type { CloudErrorShape } from '../core/errors';

interface AwsLikeError {
  name: string;
  message: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  tryNextLink?: boolean;
}

function isAwsLike(error: unknown): error is AwsLikeError {
  return (
    error instanceof Error &&
    ('$metadata' in error || error.name === 'CredentialsProviderError' || error.name === 'TokenProviderError')
  );
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'AuthFailure',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Forbidden',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

/** Connection failures and timeouts: worth retrying as they are. */
const TRANSIENT_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** A call that AWS did not answer in time, or whose connection failed: retrying may well work. */
export function isTransientAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'TimeoutError' || (typeof code === 'string' && TRANSIENT_CODES.has(code));
}

const TLS_FAILURE =
  /wrong version number|ssl3_get_record|packet length too long|EPROTO|ERR_SSL|ERR_TLS|CERT|SELF_SIGNED/;
/** The SDK could not read the answer: something that is not AWS (a proxy, a captive portal) answered. */
const UNREADABLE =
  /Deserialization error|is not expected\.|Unexpected (token|end)|not valid JSON|Invalid character|Non-whitespace/i;

function tlsOrUnreadable(error: Error): CloudErrorShape | undefined {
  const code = String((error as { code?: unknown }).code ?? '');
  const causeCode = String(((error as { cause?: { code?: unknown } }).cause ?? {}).code ?? '');
  if (TLS_FAILURE.test(code) || TLS_FAILURE.test(causeCode) || /wrong version number/i.test(error.message)) {
    return {
      code: 'CLOUD_UNREACHABLE',
      message: 'A secure connection to AWS could not be made.',
      details: {
        hint: 'Something between this computer and AWS (a proxy, a firewall, or an AWS_ENDPOINT_URL that is not https) is in the way. Check your proxy settings and try again.',
      },
    };
  }
  if (UNREADABLE.test(error.message) || ('$response' in error && !('$fault' in error))) {
    return {
      code: 'CLOUD_UNREACHABLE',
      message: 'An answer came back that is not from AWS.',
      details: {
        hint: 'A proxy or captive portal may be answering instead of AWS (for example with a sign-in page). Check your network or proxy, then try again.',
      },
    };
  }
  return undefined;
}

/** The SDK's own name for an error it could not read ("UnknownError", "Unknown"): not worth showing. */
const MEANINGLESS = /^(Unknown(Error)?|Error|undefined|)$/;

/** Map AWS SDK errors to the contract's codes with a message a non-expert can act on. */
export function awsErrorToApiError(error: unknown): CloudErrorShape | undefined {
  if (error instanceof Error) {
    const transport = tlsOrUnreadable(error);
    if (transport) return transport;
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return {
      code: 'CLOUD_UNREACHABLE',
      message: 'AWS did not answer in time.',
      details: {
        cloudCode: 'TimeoutError',
        hint: 'Nothing was changed by the call that timed out. Check your network, proxy or VPN, then try again.',
      },
    };
  }
  if (error instanceof Error && /^Region is missing/i.test(error.message)) {
    return {
      code: 'INVALID_INPUT',
      message: 'No AWS region is configured for these credentials.',
      details: { hint: 'Choose a region, or set “region” in the profile.' },
    };
  }
  if (!isAwsLike(error)) return undefined;
  const cloudCode = error.Code ?? error.name;
  const requestId = error.$metadata?.requestId;
  const meta = { cloudCode, ...(requestId ? { requestId } : {}) };

  if (error.name === 'CredentialsProviderError' || error.name === 'TokenProviderError') {
    const expired = /expired|refresh/i.test(error.message) && /sso/i.test(error.message);
    if (expired) {
      return {
        code: 'CREDENTIALS_EXPIRED',
        message: 'Your AWS SSO session has expired.',
        details: { ...meta, hint: 'Sign in again with SSO (or run “aws sso login” in a terminal), then retry.' },
      };
    }
    if (/mfa/i.test(error.message)) {
      return {
        code: 'NO_CREDENTIALS',
        message: 'This profile needs an MFA code.',
        details: { ...meta, hint: 'Enter the current code from your MFA device.' },
      };
    }
    return {
      code: 'NO_CREDENTIALS',
      message: 'No AWS credentials were found.',
      details: {
        ...meta,
        hint: 'Run “aws configure” or “aws sso login” in a terminal, set AWS_PROFILE, or choose a profile, then retry.',
      },
    };
  }
  if (EXPIRED.has(cloudCode)) {
    return {
      code: 'CREDENTIALS_EXPIRED',
      message: 'Your AWS credentials have expired.',
      details: { ...meta, hint: 'Sign in again (refresh the profile or SSO session), then retry.' },
    };
  }
  if (REJECTED.has(cloudCode)) {
    return {
      code: 'NO_CREDENTIALS',
      message: 'AWS rejected the credentials (the access key or signature is not valid).',
      details: { ...meta, hint: 'Check the access key of this profile or choose another profile.' },
    };
  }
  if (DENIED.has(cloudCode) || error.$metadata?.httpStatusCode === 403) {
    return {
      code: 'ACCESS_DENIED',
      message: `AWS denied the request: ${error.message}`,
      details: { ...meta, hint: 'Ask an administrator for the permission named above, or use a profile that has it.' },
    };
  }
  if (THROTTLED.has(cloudCode)) {
    return {
      code: 'CLOUD_ERROR',
      message: 'AWS is throttling requests right now.',
      details: { ...meta, hint: 'Wait a minute and try again.' },
    };
  }
  const status = error.$metadata?.httpStatusCode ?? 0;
  if (status >= 500 || MEANINGLESS.test(error.message.trim()) || MEANINGLESS.test(cloudCode)) {
    return {
      code: 'CLOUD_ERROR',
      message: status
        ? `AWS could not answer the request right now (HTTP ${status}, without an explanation).`
        : 'AWS answered with an error it did not explain.',
      details: { ...meta, hint: 'Nothing was changed by the failed call. Wait a moment and try again.' },
    };
  }
  return {
    code: 'CLOUD_ERROR',
    message: `AWS returned an error: ${error.message}`,
    details: { ...meta, hint: 'Read the message above; retry once it is resolved.' },
  };
}
