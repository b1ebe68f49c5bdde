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

  it('listens on 127.0.0.1 only, with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
    expect(host.launchUrl).toBe(`${host.url}?token=${host.token}`);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      `localhost.evil.example:${host.port}`,
    ]) {
      const reply = await raw(host, { path: `/?token=${host.token}`, headers: { host: hostHeader } });
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

  it('requires the token for pages and API alike', async () => {
    expect((await raw(host, { path: '/' })).status).toBe(401);
    expect((await raw(host, { path: '/?token=wrong' })).status).toBe(401);
    const api = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const reply = await raw(host, { path: `/some/route?token=${host.token}&x=1` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/some/route?x=1');
    const cookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain(`dcs_session=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const page = await raw(host, { path: '/some/route', headers: { cookie: `dcs_session=${host.token}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>wizard</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('accepts cookie-authenticated API calls only from its own origin', async () => {
    const body = JSON.stringify({ method: 'demo.hello', input: { name: 'ada' } });
    const headers = { cookie: `dcs_session=${host.token}`, 'content-type': 'application/json' };
    const noOrigin = await raw(host, { method: 'POST', path: '/api/call', headers, body });
    expect(noOrigin.status).toBe(403);
    const same = await raw(host, {
      method: 'POST',
      path: '/api/call',
      headers: { ...headers, origin: `http://127.0.0.1:${host.port}` },
      body,
    });
    expect(JSON.parse(same.body)).toEqual({ ok: true, result: { hello: 'ada' } });
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
