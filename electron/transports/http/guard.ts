import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'dcs_session';

export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardVerdict =
  { ok: true; via: 'cookie' | 'bearer' | 'query' } | { ok: false; status: 401 | 403 | 421; reason: string };

/** Host names the page may be reached under; anything else is a DNS-rebinding attempt. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Every request passes here first: the Host must be our loopback address (DNS rebinding), an
 * Origin, when sent, must be ours (cross-site requests), and the per-run token must be present
 * as the session cookie, a bearer header, or (for the first navigation only) a query parameter.
 */
export function checkRequest(
  req: Pick<IncomingMessage, 'headers' | 'method' | 'url'>,
  config: GuardConfig,
): GuardVerdict {
  const host = req.headers.host;
  if (!host || !allowedHosts(config.port).includes(host.toLowerCase())) {
    return { ok: false, status: 421, reason: 'Unexpected Host header.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(config.port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'Cross-origin requests are not allowed.' };
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (cookie && tokensEqual(cookie, config.token)) {
    // Cookie-authenticated writes must come from our own page: browsers always send Origin on
    // POST, so a missing one means the request was not made by the wizard.
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin === undefined) {
      return { ok: false, status: 403, reason: 'Missing Origin header.' };
    }
    return { ok: true, via: 'cookie' };
  }
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && tokensEqual(auth.slice(7), config.token)) return { ok: true, via: 'bearer' };
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  if (query && req.method === 'GET' && tokensEqual(query, config.token)) return { ok: true, via: 'query' };
  return { ok: false, status: 401, reason: 'Missing or wrong session token.' };
}
