/**
 * How the app's own traffic leaves the machine on a company network: one place that decides,
 * per URL, between a direct connection and the proxy (the environment's HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY first, then the system proxy the desktop shell resolves), and which certificate
 * authorities AWS connections trust (AWS_CA_BUNDLE). The AWS SDK's request handler takes its
 * agents; the issuer check takes its tunnels. Plain Node: the shell injects the system proxy.
 */
import type { AgentOptions, ClientRequest } from 'node:http';
import type { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { awsTrustedCas } from './ca';
import { envNamesProxy, proxyFromEnv, proxyFromPacResult } from './proxy-env';
import { openTunnel, type TunnelOptions } from './tunnel';

type Env = Readonly<Record<string, string | undefined>>;

/** Resolves the system proxy for a URL, PAC-style (`PROXY host:port; DIRECT`), e.g. Electron's session.resolveProxy. */
export type SystemProxyResolver = (url: string) => Promise<string | undefined>;

export interface NetworkOptions {
  env: Env;
  systemProxy?: SystemProxyResolver;
}

export interface Network {
  /** The proxy for a URL, or undefined for a direct connection. */
  proxyFor(url: string): Promise<string | undefined>;
  /**
   * Makes the agents AWS SDK clients share (with the pool's keep-alive options), or undefined
   * when nothing differs from Node's defaults (no proxy anywhere, no AWS_CA_BUNDLE).
   */
  awsAgents(): ((options: AgentOptions) => { http: HttpAgent; https: HttpsAgent }) | undefined;
  /** A raw socket to host:port through the proxy, or undefined when the connection goes direct. */
  tunnel(host: string, port: number, options?: TunnelOptions): Promise<Socket | undefined>;
}

function targetUrl(secure: boolean, host: string, port: number): string {
  const name = isIP(host) === 6 ? `[${host}]` : host;
  return `${secure ? 'https' : 'http'}://${name}:${port}/`;
}

/**
 * An agent that routes each connection: direct (TLS with the given CAs for https) or through a
 * proxy agent, kept per proxy so its sockets are reused.
 */
class RoutingAgent extends Agent {
  private readonly viaProxy = new Map<string, HttpAgent>();

  constructor(
    private readonly secure: boolean,
    private readonly resolve: (url: string) => Promise<string | undefined>,
    private readonly ca: string[] | undefined,
    private readonly agentOptions: AgentOptions,
  ) {
    super(agentOptions);
  }

  override isSecureEndpoint(): boolean {
    return this.secure;
  }

  async connect(_req: ClientRequest, opts: AgentConnectOpts): Promise<Socket | HttpAgent> {
    const host = opts.host ?? 'localhost';
    const port = Number(opts.port ?? (this.secure ? 443 : 80));
    const proxy = await this.resolve(targetUrl(this.secure, host, port));
    // agent-base passes connect() the request's options without the agent's own: the CAs go in
    // here, and the proxy agent this delegates to reads them from the same object.
    if (proxy && this.secure && this.ca) Object.assign(opts, { ca: this.ca });
    if (proxy) return this.agentFor(proxy);
    if (!this.secure) return netConnect({ host, port });
    const servername = 'servername' in opts && opts.servername ? opts.servername : isIP(host) ? undefined : host;
    return tlsConnect({
      ...opts,
      host,
      port,
      ...(servername ? { servername } : {}),
      ...(this.ca ? { ca: this.ca } : {}),
    });
  }

  private agentFor(proxy: string): HttpAgent {
    let agent = this.viaProxy.get(proxy);
    if (!agent) {
      agent = this.secure
        ? new HttpsProxyAgent(proxy, { keepAlive: true })
        : new HttpProxyAgent(proxy, { keepAlive: true });
      this.viaProxy.set(proxy, agent);
    }
    return agent;
  }

  override destroy(): void {
    for (const agent of this.viaProxy.values()) agent.destroy();
    super.destroy();
  }
}

export function createNetwork(options: NetworkOptions): Network {
  const { env, systemProxy } = options;
  const ca = awsTrustedCas(env);
  const fromEnv = envNamesProxy(env);
  const proxyFor = async (url: string): Promise<string | undefined> => {
    if (fromEnv) return proxyFromEnv(url, env);
    if (!systemProxy) return undefined;
    return proxyFromPacResult(await systemProxy(url).catch(() => undefined));
  };
  return {
    proxyFor,
    awsAgents() {
      if (!fromEnv && !systemProxy && !ca) return undefined;
      return (agentOptions) => ({
        http: new RoutingAgent(false, proxyFor, undefined, agentOptions),
        https: new RoutingAgent(true, proxyFor, ca, agentOptions) as unknown as HttpsAgent,
      });
    },
    async tunnel(host, port, tunnelOptions) {
      const proxy = await proxyFor(targetUrl(true, host, port));
      return proxy ? openTunnel(proxy, host, port, tunnelOptions) : undefined;
    },
  };
}

/** Traffic as Node sends it by default: no proxy, Node's trust store. */
export const directNetwork: Network = {
  proxyFor: async () => undefined,
  awsAgents: () => undefined,
  tunnel: async () => undefined,
};
