// A reverse proxy between the app and moto that counts what crosses it: TCP connections from the
// app, and every AWS call (service, action, start and end), so tests and the bench can say how many
// calls an operation makes, how many of them ran one after another, and how many connections a
// listing opened. It can also stall matching calls (answer nothing) to test timeouts, or hold the
// answers of matching calls that moto has already carried out (an answer lost on the way back).
import http from 'node:http';

/**
 * @typedef {{ service: string, action: string, start: number, end: number }} CallRecord
 * @typedef {(call: { service: string, action: string }) => boolean} Match
 */

/** The AWS service and action of a request, from its signature, target header, query or body. */
function describe(/** @type {http.IncomingMessage} */ req, /** @type {Buffer} */ body) {
  const auth = String(req.headers.authorization ?? '');
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target) return { service, action: target.split('.').pop() ?? target };
  const url = new URL(req.url ?? '/', 'http://proxy');
  const fromQuery = url.searchParams.get('Action');
  if (fromQuery) return { service, action: fromQuery };
  const fromBody = /(?:^|&)Action=([^&]+)/.exec(body.toString('utf8'))?.[1];
  if (fromBody) return { service, action: decodeURIComponent(fromBody) };
  return { service, action: `${req.method} ${url.pathname.split('/').slice(0, 2).join('/') || '/'}` };
}

/** Hop-by-hop headers belong to one connection, not to the message (moto closes every connection; AWS does not). */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
const endToEnd = (/** @type {http.IncomingHttpHeaders} */ headers) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.has(name.toLowerCase())));

/**
 * Longest run of calls each starting after the previous one ended (greedy by earliest end: the
 * most calls that could not have overlapped). An upper bound for the dependency chain.
 * @param {CallRecord[]} calls
 */
export function longestChain(calls) {
  const sorted = [...calls].sort((a, b) => a.end - b.end);
  let count = 0;
  let last = -Infinity;
  for (const call of sorted) {
    if (call.start >= last) {
      count += 1;
      last = call.end;
    }
  }
  return count;
}

/**
 * @param {string} target moto's URL
 * @returns {Promise<{ url: string, connections: number, calls: CallRecord[], reset(): void,
 *   stall(match: Match | undefined, times?: number): void,
 *   hold(match: Match | undefined, ms: number, times?: number): void, close(): Promise<void> }>}
 */
export async function startCountingProxy(target) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  /** @type {CallRecord[]} */
  let calls = [];
  let connections = 0;
  /** @type {{ match: Match, left: number } | undefined} */
  let stalling;
  /** @type {{ match: Match, left: number, ms: number } | undefined} */
  let holding;
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const t0 = performance.now();

  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call = describe(req, body);
      if (stalling && stalling.left > 0 && stalling.match(call)) {
        stalling.left -= 1;
        return; // say nothing: the client's timeout must end it
      }
      const record = { ...call, start: performance.now() - t0, end: NaN };
      const holdFor = holding && holding.left > 0 && holding.match(call) ? holding.ms : 0;
      if (holdFor && holding) holding.left -= 1;
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: endToEnd(req.headers),
          agent,
        },
        (answer) => {
          if (holdFor) {
            // moto has done it; the client hears of it only after `holdFor` ms (if still listening).
            /** @type {Buffer[]} */
            const reply = [];
            answer.on('data', (c) => reply.push(c));
            answer.on('end', () =>
              setTimeout(() => {
                record.end = performance.now() - t0;
                calls.push(record);
                if (res.destroyed) return;
                res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
                res.end(Buffer.concat(reply));
              }, holdFor),
            );
            return;
          }
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
          answer.on('end', () => {
            record.end = performance.now() - t0;
            calls.push(record);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return connections;
    },
    get calls() {
      return calls;
    },
    reset() {
      calls = [];
      connections = 0;
    },
    stall(match, times = Infinity) {
      stalling = match ? { match, left: times } : undefined;
    },
    hold(match, ms, times = Infinity) {
      holding = match ? { match, left: times, ms } : undefined;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
