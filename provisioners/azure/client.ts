/**
 * The one way this app talks to Azure: a small typed client over @azure/core-rest-pipeline (it
 * honours HTTPS_PROXY; Node's global fetch does not), one pipeline per API with its token scope,
 * every response parsed with a zod shape, a timeout on every call, and our own retries so waits
 * are visible: 429/503 honour Retry-After (bounded), network failures and 5xx retry with backoff.
 * The credential comes from the app and its tokens never leave this module's pipelines.
 */
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  isRestError,
  type HttpClient,
  type Pipeline,
  type PipelineOptions,
  type PipelinePolicy,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { abortError, sleep as defaultSleep, type Sleep } from '../core/poll';
import { AzureApiError, parseErrorBody } from './api-error';

export const ARM_URL = 'https://management.azure.com';
export const GRAPH_URL = 'https://graph.microsoft.com/v1.0';
export const ARM_SCOPE = 'https://management.azure.com/.default';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export type Api = 'arm' | 'graph';
type Method = 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE' | 'HEAD';

/** core-rest-pipeline's options plus what core-client style options add (the peer passes these). */
export type AzurePipelineOptions = PipelineOptions & {
  additionalPolicies?: { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
  httpClient?: HttpClient;
};

export interface AzureClientOptions {
  /** Pipeline options (proxy, TLS, agent, extra policies, an HttpClient): tests pass the peer's. */
  pipelineOptions?: AzurePipelineOptions;
  /** Send requests with this client instead of Node's default one. */
  httpClient?: HttpClient;
  armUrl?: string;
  graphUrl?: string;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Longest Retry-After we wait through (default 60 s); longer ones fail with a clear message. */
  maxRetryAfterMs?: number;
  /** Attempts for a throttled, failed-to-send or 5xx request (default 6). */
  maxAttempts?: number;
  sleep?: Sleep;
  /** Told about every wait (throttling, transient failures), so operations can show it. */
  onWait?: (wait: { reason: string; ms: number }) => void;
}

export interface RequestOptions<T> {
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The response body's shape; omitted for answers without a body we use. */
  schema?: z.ZodType<T>;
  /** Statuses that are not failures besides 2xx (e.g. 404 for "absent"). */
  allow?: number[];
  signal?: AbortSignal;
}

export interface AzureResponse<T> {
  status: number;
  body: T | undefined;
  headers: { get(name: string): string | undefined };
}

export interface AzureHttp {
  request<T>(api: Api, method: Method, path: string, options?: RequestOptions<T>): Promise<AzureResponse<T>>;
  /** Every item of a paged listing (`value` + `nextLink` / `@odata.nextLink`). */
  list<T>(api: Api, path: string, item: z.ZodType<T>, options?: Omit<RequestOptions<T>, 'schema'>): Promise<T[]>;
  /** One page of a listing, from its first path or a `nextLink` the previous page gave. */
  page<T>(
    api: Api,
    pathOrNextLink: string,
    item: z.ZodType<T>,
    options?: Omit<RequestOptions<T>, 'schema'>,
  ): Promise<{ items: T[]; nextLink?: string }>;
  /** Writes sent so far (PUT, PATCH, POST, DELETE), for "a second deploy writes nothing". */
  readonly writes: number;
  /** Point waits at another listener (the running operation). */
  setOnWait(listener: AzureClientOptions['onWait']): void;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

function pipelineFor(credential: TokenCredential, scope: string, options: AzureClientOptions): Pipeline {
  const { additionalPolicies = [], httpClient: _client, ...pipelineOptions } = options.pipelineOptions ?? {};
  void _client;
  const pipeline = createPipelineFromOptions({ ...pipelineOptions, retryOptions: { maxRetries: 0 } });
  for (const { policy, position } of additionalPolicies)
    pipeline.addPolicy(policy, position === 'perRetry' ? { afterPhase: 'Retry' } : {});
  // Retries are ours (visible, bounded); the token policy signs every request with its API's scope.
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: scope }), { phase: 'Sign' });
  return pipeline;
}

function retryAfterMs(response: PipelineResponse): number | undefined {
  for (const [name, factor] of [
    ['retry-after-ms', 1],
    ['x-ms-retry-after-ms', 1],
    ['retry-after', 1000],
  ] as const) {
    const value = response.headers.get(name);
    if (value === undefined) continue;
    const n = Number(value);
    if (Number.isFinite(n)) return Math.max(0, n * factor);
    const date = Date.parse(value);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return undefined;
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

export function createAzureHttp(credential: TokenCredential, options: AzureClientOptions = {}): AzureHttp {
  const bases: Record<Api, string> = {
    arm: (options.armUrl ?? ARM_URL).replace(/\/$/, ''),
    graph: (options.graphUrl ?? GRAPH_URL).replace(/\/$/, ''),
  };
  const pipelines: Record<Api, Pipeline> = {
    arm: pipelineFor(credential, ARM_SCOPE, options),
    graph: pipelineFor(credential, GRAPH_SCOPE, options),
  };
  const httpClient = options.httpClient ?? options.pipelineOptions?.httpClient ?? createDefaultHttpClient();
  const sleep = options.sleep ?? defaultSleep;
  const timeout = options.timeoutMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  let onWait = options.onWait;
  let writes = 0;

  function urlOf(api: Api, path: string, query: Record<string, string | undefined> = {}): string {
    // nextLinks are absolute; anything else is a path under the API's base. A nextLink that
    // points elsewhere is refused: the token would travel with it.
    const url = new URL(/^https?:\/\//.test(path) ? path : `${bases[api]}${path.startsWith('/') ? '' : '/'}${path}`);
    if (!sameOrigin(url.toString(), bases[api])) throw new Error(`refusing a link outside ${bases[api]}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  async function send(api: Api, method: Method, url: string, init: RequestOptions<unknown>): Promise<PipelineResponse> {
    const headers = createHttpHeaders({ accept: 'application/json', ...init.headers });
    const hasBody = init.body !== undefined;
    if (hasBody) headers.set('content-type', 'application/json');
    for (let attempt = 1; ; attempt++) {
      if (init.signal?.aborted) throw abortError();
      const request = createPipelineRequest({
        url,
        method,
        headers,
        timeout,
        ...(hasBody ? { body: JSON.stringify(init.body) } : {}),
        ...(init.signal ? { abortSignal: init.signal } : {}),
      });
      if (method !== 'GET' && method !== 'HEAD') writes++;
      let response: PipelineResponse;
      try {
        response = await pipelines[api].sendRequest(httpClient, request);
      } catch (error) {
        if (init.signal?.aborted) throw abortError();
        const transient = isRestError(error) && error.statusCode === undefined;
        if (!transient || attempt >= maxAttempts) throw error;
        const ms = Math.min(30_000, 1000 * 2 ** (attempt - 1));
        onWait?.({ reason: `Could not reach ${new URL(url).host}; trying again`, ms });
        await sleep(ms, init.signal);
        continue;
      }
      if (!RETRYABLE_STATUS.has(response.status) || attempt >= maxAttempts) return response;
      if (response.status >= 500 && method === 'POST') return response;
      const hinted = retryAfterMs(response);
      if (hinted !== undefined && hinted > maxRetryAfter) return response;
      const ms = hinted ?? Math.min(30_000, 1000 * 2 ** (attempt - 1));
      onWait?.({
        reason:
          response.status === 429
            ? `${api === 'arm' ? 'Azure Resource Manager' : 'Microsoft Graph'} is throttling requests`
            : `${new URL(url).host} answered ${response.status}`,
        ms,
      });
      await sleep(ms, init.signal);
    }
  }

  async function request<T>(
    api: Api,
    method: Method,
    path: string,
    init: RequestOptions<T> = {},
  ): Promise<AzureResponse<T>> {
    const url = urlOf(api, path, init.query);
    const response = await send(api, method, url, init as RequestOptions<unknown>);
    const text = response.bodyAsText ?? '';
    const ok = (response.status >= 200 && response.status < 300) || (init.allow ?? []).includes(response.status);
    if (!ok) throw new AzureApiError(api, method, url, response.status, parseErrorBody(text), response);
    let body: T | undefined;
    if (init.schema && response.status >= 200 && response.status < 300 && text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AzureApiError(
          api,
          method,
          url,
          response.status,
          { codes: ['InvalidResponse'], message: '' },
          response,
        );
      }
      const parsed = init.schema.safeParse(json);
      if (!parsed.success)
        throw new AzureApiError(
          api,
          method,
          url,
          response.status,
          {
            codes: ['InvalidResponse'],
            message: `unexpected answer (${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message})`,
          },
          response,
        );
      body = parsed.data;
    }
    return { status: response.status, body, headers: { get: (name) => response.headers.get(name) } };
  }

  async function page<T>(
    api: Api,
    pathOrNextLink: string,
    item: z.ZodType<T>,
    init: Omit<RequestOptions<T>, 'schema'> = {},
  ): Promise<{ items: T[]; nextLink?: string }> {
    const isNext = /^https?:\/\//.test(pathOrNextLink);
    const pageShape = z.object({
      value: z.array(item),
      nextLink: z.string().nullish(),
      '@odata.nextLink': z.string().nullish(),
    });
    const response = await request(api, 'GET', pathOrNextLink, {
      ...init,
      ...(isNext ? { query: {} } : {}),
      schema: pageShape,
    });
    const body = response.body ?? { value: [] };
    const next = body.nextLink ?? body['@odata.nextLink'] ?? undefined;
    return { items: body.value as T[], ...(next ? { nextLink: next } : {}) };
  }

  async function list<T>(
    api: Api,
    path: string,
    item: z.ZodType<T>,
    init: Omit<RequestOptions<T>, 'schema'> = {},
  ): Promise<T[]> {
    const all: T[] = [];
    let next: string | undefined = path;
    let first = true;
    for (let pages = 0; next && pages < 1000; pages++) {
      const result: { items: T[]; nextLink?: string } = await page(
        api,
        next,
        item,
        first ? init : { ...init, query: {} },
      );
      all.push(...result.items);
      next = result.nextLink;
      first = false;
    }
    return all;
  }

  return {
    request,
    list,
    page,
    get writes() {
      return writes;
    },
    setOnWait(listener) {
      onWait = listener;
    },
  };
}
