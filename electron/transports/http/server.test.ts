import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OperationUpdate } from '../../contract';
import { createDispatcher } from '../../core/dispatch';
import { OperationRegistry } from '../../core/operations/registry';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { startLoopbackHost, type LoopbackHost } from './server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function raw(
  host: LoopbackHost,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Read an SSE stream until `count` events arrived, then drop the connection (like a flaky network). */
function readEvents(
  host: LoopbackHost,
  opPath: string,
  count: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; events: { id: number; data: { seq: number; type: string } }[] }> {
  return new Promise((resolve, reject) => {
    const events: { id: number; data: { seq: number; type: string } }[] = [];
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: opPath,
        headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}`, ...headers },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          resolve({ status: res.statusCode ?? 0, events });
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let split: number;
          while ((split = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, split);
            buffer = buffer.slice(split + 2);
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (id && data) events.push({ id: Number(id), data: JSON.parse(data) });
            if (events.length >= count) {
              req.destroy();
              resolve({ status: 200, events });
              return;
            }
          }
        });
        res.on('end', () => resolve({ status: 200, events }));
      },
    );
    req.on('error', (error) => (events.length ? resolve({ status: 200, events }) : reject(error)));
    req.end();
  });
}

const contract = {
  'demo.hello': {
    summary: 'hello',
    input: z.object({ name: z.string() }).strict(),
    output: z.object({ hello: z.string() }),
  },
};

describe('loopback host', () => {
  let host: LoopbackHost;
  let registry: OperationRegistry;
  let release: () => void;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dcs-static-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>wizard</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(root), 'dcs-secret.txt'), 'outside the root');
    registry = new OperationRegistry();
    const dispatch = createDispatcher(contract, { 'demo.hello': async ({ name }) => ({ hello: name }) });
    host = await startLoopbackHost({ core: { dispatch, operations: registry }, staticRoot: root });
  });
  afterAll(async () => host.close());

  it('listens on 127.0.0.1 only, with long random session and launch tokens', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
    const launch = new URL(host.launchUrl);
    expect(launch.search).toBe('');
    const launchToken = new URLSearchParams(launch.hash.slice(1)).get('launch') ?? '';
    expect(launchToken.length).toBeGreaterThanOrEqual(40);
    expect(launchToken).not.toBe(host.token);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      `localhost.evil.example:${host.port}`,
    ]) {
      const reply = await raw(host, { path: '/', headers: { host: hostHeader } });
      expect(reply.status, hostHeader).toBe(421);
    }
  });

  it('refuses a foreign Origin even with a valid token', async () => {
    const reply = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers: {
        authorization: `Bearer ${host.token}`,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ method: 'demo.hello', input: { name: 'x' } }),
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('serves the page to anyone but the API only with the session header, never a cookie', async () => {
    const page = await raw(host, { path: '/some/route' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>wizard</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.stringify({ method: 'demo.hello', input: { name: 'ada' } });
    const json = { 'content-type': 'application/json', origin: `http://127.0.0.1:${host.port}` };
    for (const headers of [
      json,
      { ...json, cookie: `dcs_session=${host.token}` },
      { ...json, authorization: 'Bearer wrong' },
    ]) {
      const reply = await raw(host, { method: 'POST', path: '/api/call', headers, body });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    const query = await raw(host, { method: 'POST', path: `/api/call?token=${host.token}`, headers: json, body });
    expect(query.status).toBe(401);
    const ok = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers: { ...json, authorization: `Bearer ${host.token}` },
      body,
    });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: { hello: 'ada' } });
  });

  it('serves before its core is made, and makes it once, for the first call that needs it', async () => {
    let made = 0;
    const own = await startLoopbackHost({
      core: async () => {
        made += 1;
        return {
          dispatch: createDispatcher(contract, { 'demo.hello': async ({ name }) => ({ hello: name }) }),
          operations: registry,
        };
      },
      staticRoot: os.tmpdir(),
    });
    try {
      expect(made).toBe(0);
      const call = (name: string) =>
        raw(own, {
          method: 'POST',
          path: '/api/call',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${own.token}` },
          body: JSON.stringify({ method: 'demo.hello', input: { name } }),
        });
      const [first, second] = await Promise.all([call('ada'), call('grace')]);
      expect(JSON.parse(first.body)).toEqual({ ok: true, result: { hello: 'ada' } });
      expect(JSON.parse(second.body)).toEqual({ ok: true, result: { hello: 'grace' } });
      expect(made).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('trades the launch token for the session token once only', async () => {
    const own = await startLoopbackHost({
      core: {
        dispatch: createDispatcher(contract, { 'demo.hello': async ({ name }) => ({ hello: name }) }),
        operations: registry,
      },
      staticRoot: os.tmpdir(),
    });
    try {
      const launch = new URLSearchParams(new URL(own.launchUrl).hash.slice(1)).get('launch')!;
      const trade = (value: unknown) =>
        raw(own, {
          method: 'POST',
          path: '/api/session',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ launch: value }),
        });
      expect((await trade('wrong')).status).toBe(401);
      const first = await trade(launch);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toEqual({ ok: true, result: { token: own.token } });
      expect(first.headers['set-cookie']).toBeUndefined();
      const again = await trade(launch);
      expect(again.status).toBe(401);
      expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    } finally {
      await own.close();
    }
  });

  it('never redirects, least of all off its own origin', async () => {
    for (const target of ['/.//evil.example/x?token=abc', '//evil.example/x', '/%2f%2fevil.example', '/?token=abc']) {
      const reply = await raw(host, { path: target });
      expect(reply.status >= 300 && reply.status < 400, `${target} answered ${reply.status}`).toBe(false);
      expect(reply.headers.location, target).toBeUndefined();
    }
  });

  it('answers contract errors as structured values', async () => {
    const headers = { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' };
    const unknown = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers,
      body: JSON.stringify({ method: 'demo.nope', input: {} }),
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers,
      body: JSON.stringify({ method: 'demo.hello', input: { name: 3 } }),
    });
    expect(JSON.parse(invalid.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'name' }] } },
    });
    const notJson = await raw(host, { method: 'POST', path: '/api/call', headers, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const wrongType = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers: { authorization: headers.authorization, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
  });

  it('answers every malformed request in the error shape, with 400, 404 or 413 and never a reset', async () => {
    const auth = { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' };
    const expectError = (reply: Reply, status: number, code: string) => {
      expect(reply.status).toBe(status);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code } });
    };
    for (const bad of ['%', '%E0%A4%A', 'op_%ZZ', '..', 'op_short']) {
      expectError(await raw(host, { path: `/api/operations/${bad}/events`, headers: auth }), 404, 'NOT_FOUND');
      expectError(
        await raw(host, { method: 'POST', path: `/api/operations/${bad}/ticket`, headers: auth, body: '{}' }),
        404,
        'NOT_FOUND',
      );
    }
    const huge = JSON.stringify({ method: 'demo.hello', input: { name: 'x'.repeat(1_200_000) } });
    expectError(
      await raw(host, { method: 'POST', path: '/api/call', headers: auth, body: huge }),
      413,
      'INVALID_INPUT',
    );
    for (const body of ['[]', '"x"', 'null', '3']) {
      expectError(await raw(host, { method: 'POST', path: '/api/call', headers: auth, body }), 400, 'INVALID_INPUT');
    }
    expectError(await raw(host, { method: 'GET', path: '/api/call', headers: auth }), 405, 'INVALID_INPUT');
    expectError(await raw(host, { path: '/api/nothing', headers: auth }), 404, 'NOT_FOUND');
  });

  it('opens event streams with a one-use ticket of one operation', async () => {
    const op = registry.start({
      kind: 'deploy',
      title: 'Ticketed',
      async *body(): AsyncGenerator<OperationUpdate> {
        yield { type: 'progress', step: 'only', current: 1, total: 1 };
      },
    });
    await registry.settled(op.operationId);
    const other = registry.start({
      kind: 'deploy',
      title: 'Other',
      async *body(): AsyncGenerator<OperationUpdate> {},
    });
    const json = { 'content-type': 'application/json' };
    const ticketFor = async (operationId: string, after = 0) => {
      const reply = await raw(host, {
        method: 'POST',
        path: `/api/operations/${operationId}/ticket`,
        headers: { ...json, authorization: `Bearer ${host.token}` },
        body: JSON.stringify({ after }),
      });
      return JSON.parse(reply.body) as { ok: boolean; result: { done: boolean; ticket?: string } };
    };
    // No session, no ticket.
    const refused = await raw(host, {
      method: 'POST',
      path: `/api/operations/${op.operationId}/ticket`,
      headers: json,
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const { result } = await ticketFor(op.operationId);
    expect(result.done).toBe(false);
    const eventsPath = (id: string, ticket: string) => `/api/operations/${id}/events?ticket=${ticket}`;
    // A ticket of another operation is refused, and spent.
    const wrongOp = await readEvents(host, eventsPath(other.operationId, result.ticket!), 1, { authorization: '' });
    expect(wrongOp.status).toBe(401);
    const fresh = (await ticketFor(op.operationId)).result.ticket!;
    const first = await readEvents(host, eventsPath(op.operationId, fresh), 100, { authorization: '' });
    expect(first.status).toBe(200);
    expect(first.events.map((e) => e.data.type)).toEqual(['started', 'progress', 'finished']);
    const reused = await readEvents(host, eventsPath(op.operationId, fresh), 100, { authorization: '' });
    expect(reused.status).toBe(401);
    // Everything was seen: the ticket answer says so instead of opening a stream.
    expect((await ticketFor(op.operationId, 3)).result).toEqual({ done: true });
  });

  it('never serves files outside the renderer folder', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    for (const attempt of [
      '/../dcs-secret.txt',
      '/%2e%2e/dcs-secret.txt',
      '/assets/..%2f..%2fdcs-secret.txt',
      '/..%5cdcs-secret.txt',
      '/%00.js',
    ]) {
      const reply = await raw(host, { path: attempt, headers: auth });
      expect(reply.body, attempt).not.toContain('outside the root');
      expect([400, 404], attempt).toContain(reply.status);
    }
    const asset = await raw(host, { path: '/assets/app.js', headers: auth });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('streams operation events with SSE ids and resumes after a dropped connection', async () => {
    const gate = new Promise<void>((r) => (release = r));
    const op = registry.start({
      kind: 'deploy',
      title: 'Demo',
      async *body(): AsyncGenerator<OperationUpdate> {
        for (let i = 1; i <= 3; i++) yield { type: 'progress', step: `s${i}`, current: i, total: 6 };
        await gate;
        for (let i = 4; i <= 6; i++) yield { type: 'progress', step: `s${i}`, current: i, total: 6 };
      },
    });
    const eventsPath = `/api/operations/${op.operationId}/events`;
    // First connection: read two events, then the network "drops".
    const first = await readEvents(host, eventsPath, 2);
    expect(first.events.map((e) => e.id)).toEqual([1, 2]);
    expect(first.events.every((e) => e.id === e.data.seq)).toBe(true);
    release();
    await registry.settled(op.operationId);
    // EventSource reconnects with Last-Event-ID: exactly the missing events arrive, once each.
    const resumed = await readEvents(host, eventsPath, 100, { 'last-event-id': '2' });
    expect(resumed.events.map((e) => e.id)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(resumed.events.at(-1)?.data.type).toBe('finished');
    // Nothing left to send: 204 stops the browser from reconnecting forever.
    const done = await readEvents(host, eventsPath, 100, { 'last-event-id': '8' });
    expect(done.status).toBe(204);
    const missing = await readEvents(host, '/api/operations/op_unknownunknown/events', 1);
    expect(missing.status).toBe(404);
  });
});
