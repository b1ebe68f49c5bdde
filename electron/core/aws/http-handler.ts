/**
 * The one place that builds the HTTP layer of every AWS SDK client: keep-alive agents (one pair
 * per session, so every client of a session shares its connections) and the timeouts that bound
 * every call. A proxy or a private CA plugs in here, through `agents`.
 */
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { NodeHttpHandler } from '@smithy/node-http-handler';

/** Time allowed to open a connection (TCP, and TLS on real AWS). */
export const CONNECTION_TIMEOUT_MS = 5_000;
/** Time allowed for a whole request and its response. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** Makes the agents a session's clients share; `options` asks for keep-alive and a socket limit. */
export type AgentFactory = (options: AgentOptions) => HttpAgents;

export const keepAliveAgents: AgentFactory = (options) => ({
  http: new HttpAgent(options),
  https: new HttpsAgent(options),
});

export interface HttpOptions {
  /** Agents other than plain keep-alive ones (an HTTPS proxy, a private CA). */
  agents?: AgentFactory;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface SharedHttp {
  /** A request handler for one client; all of them use the same agents. Loaded on first use. */
  handler(): Promise<NodeHttpHandler>;
  /** Close the agents' sockets (the session ended or its credentials changed). */
  destroy(): void;
}

export function sharedHttp(options: HttpOptions = {}): SharedHttp {
  const agents = (options.agents ?? keepAliveAgents)({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 16 });
  const connectionTimeout = options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  return {
    handler: async () =>
      new (await import('@smithy/node-http-handler')).NodeHttpHandler({
        httpAgent: agents.http,
        httpsAgent: agents.https,
        connectionTimeout,
        requestTimeout,
        throwOnRequestTimeout: true,
      }),
    destroy() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
