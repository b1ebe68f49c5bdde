import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorShape, Result } from '../../contract';
import type { Core } from '../../core';
import { SECURITY_HEADERS } from '../../shared/csp';
import { loadAsset } from '../../shared/static-assets';
import { readJson } from './body';
import { bearerOf, checkRequest } from './guard';
import { LoopbackSessions } from './session';
import { SseStream } from './sse';

type HostCore = Pick<Core, 'dispatch' | 'operations'>;

export interface LoopbackHostOptions {
  /**
   * The core, or how to make it on first use: the host then listens (and prints its ready line)
   * before the contract's schemas and the core load, and the first request that needs the core
   * waits for it.
   */
  core: HostCore | (() => Promise<HostCore>);
  /** Folder holding the built renderer (index.html and assets/). */
  staticRoot: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The session token; defaults to 32 random bytes; tests may fix it. */
  token?: string;
  /** The one-use launch token of the printed link; defaults to 32 random bytes. */
  launchToken?: string;
}

export interface LoopbackHost {
  url: string;
  /** The URL to open in a browser, once: its fragment carries the launch token. */
  launchUrl: string;
  port: number;
  /** The session token (Authorization: Bearer), for tests and scripts of this process. */
  token: string;
  close(): Promise<void>;
}

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

const badRequest = (message: string): ApiErrorShape => ({ code: 'INVALID_INPUT', message });
const noSession: ApiErrorShape = {
  code: 'UNAUTHORIZED',
  message: 'This window has no session with the app.',
  details: { hint: 'Open the link printed by npm start (it carries a one-time launch token).' },
};
const noOperation: ApiErrorShape = { code: 'NOT_FOUND', message: 'No such operation.' };

type Body = { ok: true; value: Record<string, unknown> } | { ok: false };

/** Read a JSON object body, answering 415/413/400 itself when it is not one. */
async function jsonBody(req: IncomingMessage, res: ServerResponse): Promise<Body> {
  if (req.method !== 'POST') {
    sendError(res, 405, badRequest('Use POST.'));
    return { ok: false };
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendError(res, 415, badRequest('Send JSON (Content-Type: application/json).'));
    return { ok: false };
  }
  const body = await readJson(req);
  if (!body.ok) {
    if (body.reason === 'too-large') sendError(res, 413, badRequest('The request is larger than the 1 MB allowed.'));
    else sendError(res, 400, badRequest('The request body is not valid JSON.'));
    return { ok: false };
  }
  const value = body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    sendError(res, 400, badRequest('The request body must be a JSON object.'));
    return { ok: false };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** The operation id of an `/api/operations/:id/…` path, or undefined when it is not one. */
async function operationIdOf(raw: string | undefined): Promise<string | undefined> {
  const { OperationId } = await import('../../contract');
  try {
    const parsed = OperationId.safeParse(decodeURIComponent(raw ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a malformed escape such as `%`
  }
}

/**
 * The loopback host: serves the renderer and the same dispatch entry point as Electron IPC over
 * HTTP (POST /api/call, POST /api/cancel) and operation events over SSE
 * (GET /api/operations/:id/events, opened with a ticket from POST /api/operations/:id/ticket).
 * Binds 127.0.0.1 only. Never packaged into the desktop app.
 */
export async function startLoopbackHost(options: LoopbackHostOptions): Promise<LoopbackHost> {
  const sessions = new LoopbackSessions({ token: options.token, launchToken: options.launchToken });
  const made = options.core;
  let loaded: Promise<HostCore> | undefined;
  const coreOf = (): Promise<HostCore> => (loaded ??= typeof made === 'function' ? made() : Promise.resolve(made));
  let port = 0;

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === '/api/session') {
      const body = await jsonBody(req, res);
      if (!body.ok) return;
      const token = sessions.trade(body.value.launch);
      if (!token) {
        return sendError(res, 401, {
          code: 'UNAUTHORIZED',
          message: 'This link was already used, or is not the one printed for this run.',
          details: { hint: 'Open the link printed by npm start in this tab, or start the app again.' },
        });
      }
      return sendJson(res, 200, { ok: true, result: { token } });
    }

    const events = /^\/api\/operations\/([^/]*)\/events$/.exec(url.pathname);
    if (events) return streamEvents(req, res, url, events[1]);

    if (!sessions.isSession(bearerOf(req))) return sendError(res, 401, noSession);

    if (url.pathname === '/api/call' || url.pathname === '/api/cancel') {
      const body = await jsonBody(req, res);
      if (!body.ok) return;
      const envelope = body.value;
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      const core = await coreOf();
      const result =
        url.pathname === '/api/call'
          ? await core.dispatch(envelope.method, envelope.input, { transport: 'http', signal: abort.signal })
          : await core.dispatch('operation.cancel', { operationId: envelope.operationId }, { transport: 'http' });
      return sendJson(res, 200, result);
    }

    const ticket = /^\/api\/operations\/([^/]*)\/ticket$/.exec(url.pathname);
    if (ticket) {
      const body = await jsonBody(req, res);
      if (!body.ok) return;
      const id = await operationIdOf(ticket[1]);
      const snapshot = id ? (await coreOf()).operations.get(id) : undefined;
      if (!id || !snapshot) return sendError(res, 404, noOperation);
      const after = typeof body.value.after === 'number' && body.value.after > 0 ? body.value.after : 0;
      const done = snapshot.status !== 'running' && after >= snapshot.lastSeq;
      return sendJson(res, 200, { ok: true, result: done ? { done } : { done, ticket: sessions.issueTicket(id) } });
    }

    return sendError(res, 404, { code: 'NOT_FOUND', message: 'No such endpoint.' });
  };

  const streamEvents = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    rawId: string | undefined,
  ): Promise<void> => {
    if (req.method !== 'GET') return sendError(res, 405, badRequest('Use GET.'));
    const id = await operationIdOf(rawId);
    const allowed = id
      ? sessions.isSession(bearerOf(req)) || sessions.redeemTicket(url.searchParams.get('ticket'), id)
      : sessions.isSession(bearerOf(req));
    if (!allowed) return sendError(res, 401, noSession);
    const core = await coreOf();
    const snapshot = id ? core.operations.get(id) : undefined;
    if (!id || !snapshot) return sendError(res, 404, noOperation);
    const lastEventId = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0);
    const afterSeq = Number.isFinite(lastEventId) && lastEventId > 0 ? Math.floor(lastEventId) : 0;
    if (snapshot.status !== 'running' && afterSeq >= snapshot.lastSeq) {
      // Nothing left to send: 204 tells EventSource to stop reconnecting.
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (res.destroyed) return; // the client left while the core loaded
    const stream = new SseStream(res);
    const unsubscribe = core.operations.subscribe(id, afterSeq, (event) => {
      stream.send(event);
      if (event.type === 'finished') stream.close();
    });
    res.on('close', unsubscribe);
    if (core.operations.get(id)!.status !== 'running') stream.close();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = checkRequest(req, { port });
    const target = req.url ?? '';
    const isApi = target.startsWith('/api/');
    if (!verdict.ok) {
      if (isApi) return sendError(res, verdict.status, { code: 'UNAUTHORIZED', message: verdict.reason });
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(`${verdict.reason}\n`);
      return;
    }
    // Origin-form targets only: `//evil.example/x` or `http://…` never become another origin.
    if (!target.startsWith('/')) return sendError(res, 400, badRequest('Malformed request target.'));
    const url = new URL(`http://127.0.0.1:${port}${target}`);
    if (isApi) return handleApi(req, res, url);

    // The renderer's files are public (they hold no secret); everything it does needs the session.
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
    launchUrl: `${url}#launch=${sessions.launchToken}`,
    port,
    token: sessions.token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
