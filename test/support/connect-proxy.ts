/**
 * A company proxy for tests, on 127.0.0.1: it answers HTTP CONNECT (and absolute-form http://
 * requests) only for the names it routes, and refuses everything else, including requests sent
 * to it as if it were the server. The services behind it have names that resolve nowhere else
 * (`*.test`), so a connection that skips the proxy fails. A routed name is either a plain tunnel
 * (the TLS is the server's own, e.g. the OIDC issuer) or inspected: the proxy ends TLS with a
 * certificate from its private CA (as TLS-inspecting company proxies do) and forwards the
 * request in plain http to the real server, counting each one.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';

export type Route =
  /** Pipe the tunnel to this address; the client talks TLS with the server itself. */
  | { kind: 'tunnel'; to: { host: string; port: number } }
  /** End TLS here with `tls` and forward each request in plain http to `to`. */
  | { kind: 'inspect'; to: string; tls: { key: string; cert: string } };

export interface CountingProxy {
  url: string;
  /** One entry per CONNECT or forwarded request: `CONNECT host:port`, `GET http://…`. */
  connects: string[];
  /** Requests seen inside inspected tunnels, as `host METHOD path [target or Action]`. */
  requests: string[];
  /** What the proxy refused (unknown targets, origin-form requests). */
  refused: string[];
  close(): Promise<void>;
}

function describe(req: IncomingMessage, body: Buffer, host: string): string {
  const target = req.headers['x-amz-target'];
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body.toString('utf8'))?.[1];
  return `${host} ${req.method} ${req.url?.split('?')[0]} ${target ?? action ?? ''}`.trim();
}

function forward(req: IncomingMessage, res: ServerResponse, upstream: string, seen: string[], host: string): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    seen.push(describe(req, body, host));
    const to = new URL(upstream);
    const out = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  });
}

export async function startCountingProxy(routes: Record<string, Route>): Promise<CountingProxy> {
  const sockets = new Set<Socket>();
  const state: CountingProxy = { url: '', connects: [], requests: [], refused: [], close: async () => {} };
  // Requests arriving inside inspected tunnels, one server per routed name.
  const inner = new Map<string, Server>();
  for (const [name, route] of Object.entries(routes)) {
    if (route.kind !== 'inspect') continue;
    inner.set(
      name,
      createServer((req, res) => forward(req, res, route.to, state.requests, name.split(':')[0]!)),
    );
  }
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (!/^http:\/\//.test(url)) {
      state.refused.push(`${req.method} ${url} (not a proxy request)`);
      res.writeHead(400).end('this is a proxy');
      return;
    }
    const target = new URL(url);
    const route = routes[`${target.hostname}:${target.port || 80}`];
    state.connects.push(`${req.method} ${target.origin}`);
    if (!route || route.kind !== 'inspect') {
      state.refused.push(`${req.method} ${target.origin}`);
      res.writeHead(403).end();
      return;
    }
    req.url = target.pathname + target.search;
    forward(req, res, route.to, state.requests, target.hostname);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const name = req.url ?? '';
    state.connects.push(`CONNECT ${name}`);
    const route = routes[name];
    if (!route) {
      state.refused.push(`CONNECT ${name}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (route.kind === 'tunnel') {
      const upstream = connect(route.to.port, route.to.host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      return;
    }
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) client.unshift(head);
    const tls = new TLSSocket(client, { isServer: true, secureContext: createSecureContext(route.tls) });
    tls.on('error', () => client.destroy());
    inner.get(name)!.emit('connection', tls);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
