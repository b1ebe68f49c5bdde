/**
 * A tiny test-side Azure REST caller over @azure/core-rest-pipeline (what the app uses too): bearer
 * token from a real TokenCredential, the peer's tunnel, JSON in and out, no retries unless asked.
 */
import {
  bearerTokenAuthenticationPolicy,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpMethods,
} from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/core-auth';
import type { PeerPipelineOptions } from './peer';

export interface Answer {
  status: number;
  /** Parsed JSON (tests assert its shape). */
  body: any;
  headers: Record<string, string>;
}

export function restClient(
  pipelineOptions: PeerPipelineOptions,
  credential: TokenCredential,
  options: { retries?: number } = {},
) {
  const pipeline = createPipelineFromOptions({
    agent: pipelineOptions.agent,
    retryOptions: { maxRetries: options.retries ?? 0 },
  });
  const scopes: Record<string, string> = {
    'management.azure.com': 'https://management.azure.com/.default',
    'graph.microsoft.com': 'https://graph.microsoft.com/.default',
  };
  const policies = new Map<string, ReturnType<typeof bearerTokenAuthenticationPolicy>>();
  return async function call(
    method: HttpMethods,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const host = new URL(url).host;
    let auth = policies.get(host);
    if (!auth) {
      auth = bearerTokenAuthenticationPolicy({ credential, scopes: scopes[host] ?? `https://${host}/.default` });
      policies.set(host, auth);
    }
    const request = createPipelineRequest({
      url,
      method,
      headers: createHttpHeaders({
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await auth.sendRequest(request, (req) => pipeline.sendRequest(pipelineOptions.httpClient, req));
    const text = response.bodyAsText ?? '';
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers.toJSON() };
  };
}
