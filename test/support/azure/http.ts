/**
 * The peer's request plumbing: a route table (method + host + path template), replies, the three
 * error shapes (ARM, Graph, AADSTS), and strict checking of every request and response body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SchemaKind } from './schemas/index';
import type { AzureHost } from './tls';

export interface Caller {
  /** Object id of the user or service principal. */
  oid: string;
  tid: string;
  kind: 'user' | 'servicePrincipal';
  upn?: string;
  appId?: string;
  aud: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers for an error answer (validated like any other reply). */
export class Fail extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export interface Ctx<P = unknown> {
  peer: P;
  host: AzureHost;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON (ARM, Graph) or form fields (identity); undefined when empty. */
  body: unknown;
  params: Record<string, string>;
  caller?: Caller;
}

export interface Route<P = unknown> {
  /** Operation name, as in the spec (e.g. RoleAssignments_Create, application_upsert). */
  name: string;
  host: AzureHost;
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE' | 'HEAD';
  /** Path template: `{x}` one segment, `{*x}` any number of segments (ARM scopes). Case-insensitive. */
  path: string;
  /** Which token audience the route accepts (none = identity endpoints). */
  auth: 'arm' | 'graph' | 'none';
  /** Accepted api-version values (ARM). */
  apiVersions?: string[];
  /** Request body schema; `optional` = an empty body is allowed too. */
  request?: { schema: string; optional?: boolean };
  /** Success status → response body schema (null = no body). Errors use the host's error schema. */
  responses: Record<number, string | null>;
  handle(ctx: Ctx<P>): Reply | Promise<Reply>;
}

export const schemaKindOf = (host: AzureHost): SchemaKind =>
  host === 'graph.microsoft.com' ? 'graph' : host === 'management.azure.com' ? 'arm' : 'identity';

export function compileTemplate(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  for (const part of template.split(/(\{\*?\w+\})/)) {
    const m = /^\{(\*?)(\w+)\}$/.exec(part);
    if (m) {
      names.push(m[2]!);
      source += m[1] ? '(.*?)' : "([^/()']+)";
    } else {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return { regex: new RegExp(`^${source}$`, 'i'), names };
}

export function armError(status: number, code: string, message: string, headers?: Record<string, string>): Fail {
  return new Fail({ status, body: { error: { code, message } }, headers });
}

export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): Fail {
  const date = new Date().toISOString().slice(0, 19);
  const requestId = randomUUID();
  return new Fail({
    status,
    body: { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': requestId } } },
    headers,
  });
}

/** An AADSTS error body as the token endpoint sends it. */
export function aadError(status: number, error: string, code: number, description: string): Fail {
  const traceId = randomUUID();
  return new Fail({
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${traceId} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: traceId,
      correlation_id: traceId,
    },
  });
}

export const ok = (body?: unknown, status = 200, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});
