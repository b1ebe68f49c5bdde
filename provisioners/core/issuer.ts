/**
 * Thumbprints of the OIDC issuer's TLS chain for AWS::IAM::OIDCProvider (CloudFormation still
 * requires ThumbprintList). AWS wants the top intermediate CA's SHA-1 — the last certificate the
 * server presents — for the issuer host and for the JWKS host when it differs. Node's chain walk
 * continues into the local trust store up to a self-signed root, so we keep both the top
 * non-self-signed certificate and the root: AWS accepts either, and at most five in all.
 */
import { createHash } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect, type ConnectionOptions, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { ProvisionError } from './errors';
import type { IssuerCheck } from './issuer.schema';

export interface TlsTarget {
  /** How to reach a host: defaults to port 443 with SNI; tests point this at a local server. */
  connectOptions?: (host: string) => ConnectionOptions;
  timeoutMs?: number;
  /** A socket to host:port through the company proxy, or undefined to connect directly. */
  tunnel?: (host: string, port: number) => Promise<Socket | undefined>;
}

const defaultOptions = (host: string): ConnectionOptions => ({ host, port: 443, servername: host });

export const sha1 = (der: Buffer) => createHash('sha1').update(der).digest('hex');

function isSelfSigned(cert: DetailedPeerCertificate): boolean {
  return cert.issuerCertificate === cert || cert.fingerprint256 === cert.issuerCertificate?.fingerprint256;
}

/** TLS to the host the options name: through the proxy's tunnel when there is one. */
async function openTls(options: ConnectionOptions, target: TlsTarget, onSecure: () => void): Promise<TLSSocket> {
  const name = options.servername || options.host || 'localhost';
  const tunnel = await target.tunnel?.(name, options.port ?? 443);
  return connect({ ...options, ...(tunnel ? { socket: tunnel } : {}) }, onSecure);
}

/** The certificate chain as Node sees it, leaf first, ending at a self-signed root when known. */
export async function peerChain(host: string, target: TlsTarget = {}): Promise<DetailedPeerCertificate[]> {
  const options = (target.connectOptions ?? defaultOptions)(host);
  let socket!: TLSSocket;
  return new Promise((resolve, reject) => {
    void openTls(options, target, () => {
      const chain: DetailedPeerCertificate[] = [];
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      while (cert && cert.raw && !chain.includes(cert)) {
        chain.push(cert);
        if (isSelfSigned(cert)) break;
        cert = cert.issuerCertificate;
      }
      socket.end();
      resolve(chain);
    }).then((opened) => {
      socket = opened;
      socket.setTimeout(target.timeoutMs ?? 10_000, () => socket.destroy(new Error(`timed out connecting to ${host}`)));
      socket.once('error', reject);
    }, reject);
  });
}

/** GET a JSON document over https with the same connection options. */
export async function fetchJson(url: string, target: TlsTarget = {}): Promise<unknown> {
  const parsed = new URL(url);
  const options = (target.connectOptions ?? defaultOptions)(parsed.hostname);
  const name = options.servername || options.host || parsed.hostname;
  const tunnel = await target.tunnel?.(name, options.port ?? 443);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        ...options,
        ...(tunnel ? { createConnection: () => connect({ ...options, socket: tunnel }) } : {}),
        method: 'GET',
        path: parsed.pathname + parsed.search,
        headers: { accept: 'application/json', host: parsed.host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > 1_000_000) req.destroy(new Error('response too large'));
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) return reject(new Error(`${url} answered HTTP ${res.statusCode}`));
          try {
            resolve(JSON.parse(body));
          } catch {
            reject(new Error(`${url} did not return JSON`));
          }
        });
      },
    );
    req.setTimeout(target.timeoutMs ?? 10_000, () => req.destroy(new Error(`timed out fetching ${url}`)));
    req.once('error', reject);
    req.end();
  });
}

function thumbprintsOf(chain: DetailedPeerCertificate[]): string[] {
  const top = [...chain].reverse().find((c) => !isSelfSigned(c)) ?? chain[0];
  const root = chain.find(isSelfSigned);
  return [top, root].filter((c): c is DetailedPeerCertificate => !!c).map((c) => sha1(c.raw));
}

function subjectOf(cert: DetailedPeerCertificate | undefined): string {
  const subject = cert?.subject as Record<string, string | string[]> | undefined;
  const pick = (key: string) => {
    const value = subject?.[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return pick('O') ?? pick('CN') ?? 'unknown';
}

/**
 * Fetch the issuer's discovery document, check that it names itself as the issuer, and compute
 * the thumbprints for the issuer and JWKS hosts.
 */
export async function checkIssuer(issuer: string, target: TlsTarget = {}): Promise<IssuerCheck> {
  const issuerUrl = `https://${issuer}`;
  let discovery: { issuer?: unknown; jwks_uri?: unknown };
  try {
    discovery = (await fetchJson(`${issuerUrl}/.well-known/openid-configuration`, target)) as typeof discovery;
  } catch (error) {
    throw new ProvisionError(
      'INVALID_CONFIG',
      `Could not read ${issuerUrl}/.well-known/openid-configuration: ${(error as Error).message}.`,
      {
        hint: 'Check the issuer (Studio publishes studio.datachain.ai/api) and your network or proxy.',
        fields: [{ path: 'studio.issuer', message: 'discovery document not reachable' }],
        cause: error,
      },
    );
  }
  if (discovery.issuer !== issuerUrl || typeof discovery.jwks_uri !== 'string') {
    throw new ProvisionError(
      'INVALID_CONFIG',
      `${issuerUrl} is not an OpenID Connect issuer: its discovery document names "${String(discovery.issuer)}".`,
      {
        hint: 'Use the issuer exactly as Studio documents it.',
        fields: [{ path: 'studio.issuer', message: 'discovery document names another issuer' }],
      },
    );
  }
  const jwksHost = new URL(discovery.jwks_uri).hostname;
  const hosts = [...new Set([issuer.split('/')[0]!, jwksHost])];
  const thumbprints: string[] = [];
  const authorities: IssuerCheck['authorities'] = [];
  for (const host of hosts) {
    const chain = await peerChain(host, target);
    for (const print of thumbprintsOf(chain)) if (!thumbprints.includes(print)) thumbprints.push(print);
    const top = chain.at(-1);
    authorities.push({ host, subject: subjectOf(top), selfSigned: !!top && isSelfSigned(top) });
  }
  return { issuer, jwksUri: discovery.jwks_uri, hosts, thumbprints: thumbprints.slice(0, 5), authorities };
}
