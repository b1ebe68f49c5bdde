/**
 * A proxy in front of moto that loses answers: a request matching `loseAnswer` reaches moto and
 * is carried out, but the client's connection is reset before the answer arrives, as when a
 * network drops a response. The AWS SDK then retries the request (ECONNRESET is transient).
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
const endToEnd = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.has(name.toLowerCase())));

/** The awsQuery action of a request body (Action=CreateChangeSet&…). */
const actionOf = (body: string) => decodeURIComponent(/(?:^|&)Action=([^&]+)/.exec(body)?.[1] ?? '');

export interface LossyProxy {
  url: string;
  /** Actions seen, in order (retries included). */
  actions: string[];
  /** Lose the answer to the next `times` requests of this action. */
  loseAnswer(action: string, times?: number): void;
  close(): Promise<void>;
}

export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const actions: string[] = [];
  const losing = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = actionOf(body.toString('utf8'));
      actions.push(action);
      const lose = (losing.get(action) ?? 0) > 0;
      if (lose) losing.set(action, losing.get(action)! - 1);
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: endToEnd(req.headers),
        },
        (answer) => {
          if (lose) {
            answer.resume();
            answer.on('end', () => req.socket.destroy()); // moto did it; the client never hears
            return;
          }
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    actions,
    loseAnswer(action, times = 1) {
      losing.set(action, times);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
