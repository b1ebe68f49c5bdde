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
  /** For the whole check, however slowly a server trickles its answer (default 20 s). */
  deadlineMs?: number;
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
export async function peerChain(
  host: string,
  target: TlsTarget = {},
  signal?: AbortSignal,
): Promise<DetailedPeerCertificate[]> {
  const options = (target.connectOptions ?? defaultOptions)(host);
  let socket!: TLSSocket;
  return new Promise((resolve, reject) => {
    signal?.addEventListener('abort', () => {
      socket?.destroy();
      reject(signal.reason);
    });
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
      if (signal?.aborted) socket.destroy();
      socket.setTimeout(target.timeoutMs ?? 10_000, () => socket.destroy(new IssuerTimeout()));
      socket.once('error', reject);
    }, reject);
  });
}

/** GET a JSON document over https with the same connection options. */
export async function fetchJson(url: string, target: TlsTarget = {}, signal?: AbortSignal): Promise<unknown> {
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
        ...(signal ? { signal } : {}),
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
          if ((res.statusCode ?? 0) >= 400) return reject(new Error(`it answered HTTP ${res.statusCode}`));
          try {
            resolve(JSON.parse(body));
          } catch {
            reject(new Error('it did not answer with JSON'));
          }
        });
      },
    );
    req.setTimeout(target.timeoutMs ?? 10_000, () => req.destroy(new IssuerTimeout()));
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

class IssuerTimeout extends Error {
  constructor() {
    super('it did not answer in time');
    this.name = 'IssuerTimeout';
  }
}

const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|LEAF_SIGNATURE/;

/** What went wrong reaching a host, in words for people (never Node's or OpenSSL's own text). */
export function describeIssuerFailure(error: unknown): string {
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  if (error instanceof IssuerTimeout || code === 'ETIMEDOUT') return 'it did not answer in time';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNREFUSED') return 'nothing accepts connections on port 443';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was closed before an answer';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the host cannot be reached from this network';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(message))
    return 'it does not speak HTTPS on port 443 (a plain HTTP server, or a proxy in the way?)';
  if (TLS_TRUST.test(code)) return 'its TLS certificate is not trusted by this computer';
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return 'the TLS handshake failed';
  if (/^it (answered HTTP \d+|did not answer with JSON)$/.test(message)) return message;
  return 'the connection failed';
}

function unreachable(what: string, error: unknown): ProvisionError {
  return new ProvisionError('INVALID_CONFIG', `Could not read ${what}: ${describeIssuerFailure(error)}.`, {
    hint: 'Check the issuer (Studio publishes studio.datachain.ai/api) and your network or proxy.',
    fields: [{ path: 'studio.issuer', message: 'discovery document not reachable' }],
    cause: error,
  });
}

function badDocument(message: string, field: string, hint: string): ProvisionError {
  return new ProvisionError('INVALID_CONFIG', message, { hint, fields: [{ path: 'studio.issuer', message: field }] });
}

const quoted = (value: unknown) => {
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** The JWKS URL of the discovery document: an https URL, or a clear refusal. */
function jwksUrlOf(jwksUri: string): URL {
  let url: URL;
  try {
    url = new URL(jwksUri);
  } catch {
    throw badDocument(
      `The issuer's discovery document gives a jwks_uri that is not a URL ("${quoted(jwksUri)}").`,
      'jwks_uri is not a URL',
      'The issuer is misconfigured: ask its operator, or use the issuer Studio documents.',
    );
  }
  if (url.protocol !== 'https:') {
    throw badDocument(
      `The issuer's keys (jwks_uri ${quoted(url.origin)}) are not served over HTTPS; AWS accepts only HTTPS issuers.`,
      'jwks_uri is not https',
      'The issuer is misconfigured: its keys must be served over HTTPS.',
    );
  }
  return url;
}

/**
 * Fetch the issuer's discovery document, check that it names itself as the issuer, and compute
 * the thumbprints for the issuer and JWKS hosts. One deadline covers it all: a server that
 * trickles a byte every few seconds cannot keep the check busy.
 */
export async function checkIssuer(issuer: string, target: TlsTarget = {}): Promise<IssuerCheck> {
  const deadlineMs = target.deadlineMs ?? 20_000;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new IssuerTimeout()), deadlineMs);
  try {
    return await checkWithin(issuer, target, abort.signal);
  } catch (error) {
    if (error instanceof ProvisionError) throw error;
    throw unreachable(`the issuer https://${issuer} within ${Math.round(deadlineMs / 1000)} seconds`, error);
  } finally {
    clearTimeout(timer);
  }
}

async function checkWithin(issuer: string, target: TlsTarget, signal: AbortSignal): Promise<IssuerCheck> {
  const issuerUrl = `https://${issuer}`;
  const discoveryUrl = `${issuerUrl}/.well-known/openid-configuration`;
  let discovery: { issuer?: unknown; jwks_uri?: unknown };
  try {
    discovery = (await fetchJson(discoveryUrl, target, signal)) as typeof discovery;
  } catch (error) {
    throw unreachable(discoveryUrl, signal.aborted ? signal.reason : error);
  }
  if (typeof discovery !== 'object' || discovery === null || discovery.issuer !== issuerUrl) {
    throw badDocument(
      `${issuerUrl} is not an OpenID Connect issuer: its discovery document names "${quoted(discovery?.issuer)}".`,
      'discovery document names another issuer',
      'Use the issuer exactly as Studio documents it.',
    );
  }
  if (typeof discovery.jwks_uri !== 'string') {
    throw badDocument(
      `${issuerUrl} is not an OpenID Connect issuer: its discovery document has no jwks_uri.`,
      'jwks_uri is missing',
      'Use the issuer exactly as Studio documents it.',
    );
  }
  const jwksHost = jwksUrlOf(discovery.jwks_uri).hostname;
  const hosts = [...new Set([issuer.split('/')[0]!, jwksHost])];
  const thumbprints: string[] = [];
  const authorities: IssuerCheck['authorities'] = [];
  for (const host of hosts) {
    let chain: DetailedPeerCertificate[];
    try {
      chain = await peerChain(host, target, signal);
    } catch (error) {
      throw unreachable(`the TLS certificates of ${host}`, signal.aborted ? signal.reason : error);
    }
    for (const print of thumbprintsOf(chain)) if (!thumbprints.includes(print)) thumbprints.push(print);
    const top = chain.at(-1);
    authorities.push({ host, subject: subjectOf(top), selfSigned: !!top && isSelfSigned(top) });
  }
  return { issuer, jwksUri: discovery.jwks_uri, hosts, thumbprints: thumbprints.slice(0, 5), authorities };
}
