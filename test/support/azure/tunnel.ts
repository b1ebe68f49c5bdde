/**
 * How in-process @azure/core-rest-pipeline clients reach the peer: an https.Agent whose connections
 * are CONNECT tunnels through the peer's proxy, with TLS verified against the test root only.
 * (The pipeline's own `proxyOptions` + `tlsOptions` cannot do this: with a proxy it ignores
 * `tlsOptions` — "TLS settings are not supported in combination with custom Proxy".)
 */
import { request as httpRequest } from 'node:http';
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export class TunnelAgent extends Agent {
  constructor(
    private readonly proxyPort: number,
    private readonly ca: string,
  ) {
    super({ keepAlive: true, ca } satisfies AgentOptions);
  }

  override createConnection(
    options: RequestOptions,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    const done = callback ?? (() => undefined);
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    const req = httpRequest({ host: '127.0.0.1', port: this.proxyPort, method: 'CONNECT', path: `${host}:${port}` });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(new Error(`The Azure peer proxy refused ${host}:${port} (HTTP ${res.statusCode}).`), socket);
        return;
      }
      done(
        null,
        tlsConnect({ socket, servername: (options as { servername?: string }).servername || host, ca: this.ca }),
      );
    });
    req.once('error', (error) => done(error, undefined as unknown as Duplex));
    req.end();
    return undefined;
  }
}

/** Forces the tunnel agent even when HTTPS_PROXY is set in this process (runs after proxyPolicy). */
export function tunnelPolicy(agent: TunnelAgent): PipelinePolicy {
  return {
    name: 'azurePeerTunnel',
    sendRequest: (request, next) => {
      request.agent = agent;
      return next(request);
    },
  };
}
