/**
 * A failed Azure call as data: which API, the HTTP status, every error code the body names
 * (ARM's `error.code` and `error.details[].code`, Graph's `error.code` and inner details), the
 * message and the request id. errors.ts turns it into words a user can act on.
 */
import type { PipelineResponse } from '@azure/core-rest-pipeline';

export interface ParsedError {
  codes: string[];
  message: string;
}

interface ErrorNode {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  innerError?: unknown;
  innererror?: unknown;
  error?: unknown;
  error_description?: unknown;
}

function collect(node: unknown, codes: string[], messages: string[], depth = 0): void {
  if (!node || typeof node !== 'object' || depth > 4) return;
  const n = node as ErrorNode;
  if (typeof n.code === 'string' && n.code) codes.push(n.code);
  if (typeof n.message === 'string' && n.message) messages.push(n.message);
  if (Array.isArray(n.details)) for (const d of n.details.slice(0, 10)) collect(d, codes, messages, depth + 1);
  collect(n.innerError ?? n.innererror, codes, messages, depth + 1);
}

export function parseErrorBody(text: string): ParsedError {
  const codes: string[] = [];
  const messages: string[] = [];
  try {
    const json = JSON.parse(text) as ErrorNode;
    if (typeof json.error === 'string') {
      // OAuth (AADSTS) shape: { error, error_description }
      codes.push(json.error);
      if (typeof json.error_description === 'string') messages.push(json.error_description);
    } else collect(json.error ?? json, codes, messages);
  } catch {
    /* not JSON: no codes */
  }
  return { codes: [...new Set(codes)], message: messages[0] ?? '' };
}

export class AzureApiError extends Error {
  readonly api: 'arm' | 'graph';
  readonly method: string;
  /** Path without the query (never a token or a secret). */
  readonly path: string;
  readonly status: number;
  readonly codes: string[];
  readonly azureMessage: string;
  readonly requestId: string | undefined;

  constructor(
    api: 'arm' | 'graph',
    method: string,
    url: string,
    status: number,
    parsed: ParsedError,
    response?: Pick<PipelineResponse, 'headers'>,
  ) {
    let path = url;
    try {
      path = new URL(url).pathname;
    } catch {
      /* keep */
    }
    super(`${method} ${path} answered ${status}${parsed.codes[0] ? ` ${parsed.codes[0]}` : ''}`);
    this.name = 'AzureApiError';
    this.api = api;
    this.method = method;
    this.path = path;
    this.status = status;
    this.codes = parsed.codes;
    this.azureMessage = parsed.message;
    this.requestId =
      response?.headers.get('x-ms-request-id') ??
      response?.headers.get('request-id') ??
      response?.headers.get('x-ms-correlation-request-id') ??
      undefined;
  }

  has(code: string): boolean {
    return this.codes.some((c) => c.toLowerCase() === code.toLowerCase());
  }
}

export function isAzureApiError(error: unknown): error is AzureApiError {
  return error instanceof AzureApiError;
}

/** True for an Azure error with one of these codes (or this status when no code is given). */
export function azureErrorIs(error: unknown, ...codes: string[]): error is AzureApiError {
  return isAzureApiError(error) && codes.some((c) => error.has(c));
}
