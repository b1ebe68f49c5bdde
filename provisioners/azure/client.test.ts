/**
 * The client's own logic (retries, Retry-After, paging, response shapes, refusing foreign
 * nextLinks) over a recording HttpClient: the real pipeline runs (token policy included), only
 * the socket is replaced. The peer's integration tests cover the same over real TLS.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAzureApiError } from './api-error';
import { createAzureHttp } from './client';

const credential: TokenCredential = {
  getToken: async (scopes): Promise<AccessToken> => ({
    token: `token-for-${[scopes].flat().join(' ')}`,
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

function scripted(answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) {
  const seen: PipelineRequest[] = [];
  const client: HttpClient = {
    async sendRequest(request) {
      seen.push(request);
      const a = answers.shift() ?? { status: 500 };
      return {
        request,
        status: a.status,
        headers: createHttpHeaders(a.headers ?? {}),
        bodyAsText: a.body === undefined ? '' : JSON.stringify(a.body),
      };
    },
  };
  return { client, seen };
}

describe('createAzureHttp', () => {
  it('signs ARM and Graph calls with their own scope and honours Retry-After on 429', async () => {
    const { client, seen } = scripted([
      { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'TooManyRequests' } } },
      { status: 200, body: { id: 'x' } },
      { status: 200, body: { id: 'me' } },
    ]);
    const waits: Array<{ reason: string; ms: number }> = [];
    const slept: number[] = [];
    const http = createAzureHttp(credential, {
      httpClient: client,
      onWait: (w) => waits.push(w),
      sleep: async (ms) => void slept.push(ms),
    });
    const r = await http.request('arm', 'GET', '/subscriptions', { schema: z.object({ id: z.string() }) });
    expect(r.body).toEqual({ id: 'x' });
    expect(slept).toEqual([7000]);
    expect(waits[0]?.reason).toMatch(/throttling/);
    await http.request('graph', 'GET', '/me');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer token-for-https://management.azure.com/.default');
    expect(seen[2]?.headers.get('authorization')).toBe('Bearer token-for-https://graph.microsoft.com/.default');
    expect(seen[2]?.url).toBe('https://graph.microsoft.com/v1.0/me');
    expect(seen.every((s) => s.timeout > 0)).toBe(true);
    expect(http.writes).toBe(0);
  });

  it('gives up on a Retry-After longer than its bound, with the status kept', async () => {
    const { client } = scripted([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const http = createAzureHttp(credential, { httpClient: client, sleep: async () => {} });
    const error = await http.request('arm', 'PUT', '/x', { body: {} }).catch((e: unknown) => e);
    expect(isAzureApiError(error) && error.status).toBe(429);
    expect(http.writes).toBe(1);
  });

  it('follows nextLink pages and refuses a nextLink to another host', async () => {
    const { client, seen } = scripted([
      { status: 200, body: { value: [{ n: 1 }], nextLink: 'https://management.azure.com/next?page=2' } },
      { status: 200, body: { value: [{ n: 2 }] } },
      { status: 200, body: { value: [], nextLink: 'https://evil.example/steal' } },
    ]);
    const http = createAzureHttp(credential, { httpClient: client });
    const items = await http.list('arm', '/things', z.object({ n: z.number() }), { query: { 'api-version': '1' } });
    expect(items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(seen[0]?.url).toBe('https://management.azure.com/things?api-version=1');
    expect(seen[1]?.url).toBe('https://management.azure.com/next?page=2');
    await expect(http.list('arm', '/again', z.object({ n: z.number() }))).rejects.toThrow(/refusing/);
  });

  it('turns an unexpected body into an InvalidResponse error and a 404 into data when allowed', async () => {
    const { client } = scripted([
      { status: 200, body: { id: 5 } },
      { status: 404, body: { error: { code: 'ResourceGroupNotFound', message: 'gone' } } },
    ]);
    const http = createAzureHttp(credential, { httpClient: client });
    const bad = await http
      .request('arm', 'GET', '/x', { schema: z.object({ id: z.string() }) })
      .catch((e: unknown) => e);
    expect(isAzureApiError(bad) && bad.codes).toEqual(['InvalidResponse']);
    const absent = await http.request('arm', 'GET', '/y', { allow: [404], schema: z.object({}) });
    expect(absent.status).toBe(404);
    expect(absent.body).toBeUndefined();
  });
});
