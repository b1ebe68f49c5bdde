/** An HTTP CONNECT tunnel through a proxy, for code that opens its own TLS sockets (the issuer check). */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface TunnelOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

function authorization(proxy: URL): string {
  if (!proxy.username) return '';
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Proxy-Authorization: Basic ${Buffer.from(pair).toString('base64')}\r\n`;
}

/** A socket to `host:port` through `proxyUrl` (http:// or https://), ready for TLS on top. */
export function openTunnel(proxyUrl: string, host: string, port: number, options: TunnelOptions = {}): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  const proxyPort = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
  const socket: Socket =
    proxy.protocol === 'https:'
      ? tlsConnect({ host: proxy.hostname, port: proxyPort, servername: proxy.hostname })
      : netConnect({ host: proxy.hostname, port: proxyPort });
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(new Error(`cancelled connecting to ${target}`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(options.timeoutMs ?? 10_000, () => fail(new Error(`the proxy did not answer for ${target}`)));
    socket.once('error', (error) => fail(new Error(`the proxy ${proxy.host} failed: ${error.message}`)));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail(new Error('the proxy sent an oversized answer'));
        return;
      }
      socket.off('data', onData);
      options.signal?.removeEventListener('abort', onAbort);
      socket.setTimeout(0);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1];
      if (status !== '200') return fail(new Error(`the proxy ${proxy.host} refused ${target} (HTTP ${status ?? '?'})`));
      const rest = head.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      socket.removeAllListeners('error');
      resolve(socket);
    };
    socket.on('data', onData);
    socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${authorization(proxy)}\r\n`);
  });
}
