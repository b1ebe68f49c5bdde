/**
 * A local HTTP CONNECT proxy that tunnels only the three Azure hosts (port 443) to the peer's TLS
 * port. Everything else (other hosts, other ports, plain-HTTP proxy requests) is refused with 403
 * and counted, so a test sees any traffic that would have left the machine.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { AZURE_HOSTS } from './tls';

export interface ConnectProxy {
  port: number;
  url: string;
  /** Targets refused (`host:port`), in order. */
  refused: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(peerPort: number): Promise<ConnectProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const allowed = new Set<string>(AZURE_HOSTS);
  const server: Server = createServer((req, res) => {
    refused.push(req.url ?? '?');
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('This test proxy only tunnels (CONNECT) to the Azure peer hosts.\n');
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = req.url ?? '';
    const [host, port] = target.split(':');
    if (!host || port !== '443' || !allowed.has(host.toLowerCase())) {
      refused.push(target);
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(peerPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
