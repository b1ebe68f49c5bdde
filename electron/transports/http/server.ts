import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OperationId, type ApiErrorShape, type Result } from '../../contract';
import type { Core } from '../../core';
import { SECURITY_HEADERS } from '../../shared/csp';
import { loadAsset } from '../../shared/static-assets';
import { checkRequest, SESSION_COOKIE } from './guard';
import { SseStream } from './sse';

export interface LoopbackHostOptions {
  core: Pick<Core, 'dispatch' | 'operations'>;
  /** Folder holding the built renderer (index.html and assets/). */
  staticRoot: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes; tests may fix it. */
  token?: string;
}

export interface LoopbackHost {
  url: string;
  /** The URL with the token, to open in a browser once. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(payload);
}

function sendError(res: ServerResponse, status: number, error: ApiErrorShape): void {
  sendJson(res, status, { ok: false, error } satisfies Result<never>);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        reject(new Error('not json'));
      }
    });
    req.on('error', reject);
  });
}

const badRequest = (message: string): ApiErrorShape => ({ code: 'INVALID_INPUT', message });

/**
 * The loopback host: serves the renderer and the same dispatch entry point as Electron IPC over
 * HTTP (POST /api/call, POST /api/cancel) and operation events over SSE
 * (GET /api/operations/:id/events). Binds 127.0.0.1 only. Never packaged into the desktop app.
 */
export async function startLoopbackHost(options: LoopbackHostOptions): Promise<LoopbackHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { core } = options;
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = checkRequest(req, { port, token });
    if (!verdict.ok) {
      const isApi = (req.url ?? '').startsWith('/api/');
      if (isApi) return sendError(res, verdict.status, { code: 'UNAUTHORIZED', message: verdict.reason });
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(
        verdict.status === 401
          ? 'This page needs the link printed by `npm start` (it carries a one-time session token).\n'
          : `${verdict.reason}\n`,
      );
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (verdict.via === 'query') {
      // Trade the token in the URL for an HttpOnly cookie, then drop it from the address bar.
      url.searchParams.delete('token');
      res.writeHead(303, {
        Location: url.pathname + url.search,
        'Set-Cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }

    if (url.pathname === '/api/call' || url.pathname === '/api/cancel') {
      if (req.method !== 'POST') return sendError(res, 405, badRequest('Use POST.'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, 415, badRequest('Send JSON (Content-Type: application/json).'));
      }
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (error) {
        return sendError(
          res,
          400,
          badRequest(
            `The request body is ${(error as Error).message === 'too large' ? 'too large' : 'not valid JSON'}.`,
          ),
        );
      }
      const envelope = (body ?? {}) as { method?: unknown; input?: unknown; operationId?: unknown };
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      const result =
        url.pathname === '/api/call'
          ? await core.dispatch(envelope.method, envelope.input, { transport: 'http', signal: abort.signal })
          : await core.dispatch('operation.cancel', { operationId: envelope.operationId }, { transport: 'http' });
      return sendJson(res, 200, result);
    }

    const events = /^\/api\/operations\/([^/]+)\/events$/.exec(url.pathname);
    if (events) {
      if (req.method !== 'GET') return sendError(res, 405, badRequest('Use GET.'));
      const id = OperationId.safeParse(decodeURIComponent(events[1] ?? ''));
      if (!id.success || !core.operations.get(id.data)) {
        return sendError(res, 404, { code: 'NOT_FOUND', message: 'No such operation.' });
      }
      const lastEventId = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0);
      const afterSeq = Number.isFinite(lastEventId) && lastEventId > 0 ? Math.floor(lastEventId) : 0;
      const snapshot = core.operations.get(id.data)!;
      if (snapshot.status !== 'running' && afterSeq >= snapshot.lastSeq) {
        // Nothing left to send: 204 tells EventSource to stop reconnecting.
        res.writeHead(204, { 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      const stream = new SseStream(res);
      const unsubscribe = core.operations.subscribe(id.data, afterSeq, (event) => {
        stream.send(event);
        if (event.type === 'finished') stream.close();
      });
      res.on('close', unsubscribe);
      if (core.operations.get(id.data)!.status !== 'running') stream.close();
      return;
    }

    if (url.pathname.startsWith('/api/'))
      return sendError(res, 404, { code: 'NOT_FOUND', message: 'No such endpoint.' });

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const asset = await loadAsset(options.staticRoot, url.pathname);
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': asset.contentType,
      'Cache-Control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'The host failed to answer.' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
