import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardConfig {
  port: number;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403 | 421; reason: string };

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

/**
 * Every request passes here first: the Host must be our loopback address (DNS rebinding) and an
 * Origin, when sent, must be ours (cross-site requests). Who the caller is comes after: the API
 * wants the session token in a header (see `bearerOf`), which no other origin can know.
 */
export function checkRequest(req: Pick<IncomingMessage, 'headers'>, config: GuardConfig): GuardVerdict {
  const host = req.headers.host;
  if (!host || !allowedHosts(config.port).includes(host.toLowerCase())) {
    return { ok: false, status: 421, reason: 'Unexpected Host header.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(config.port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'Cross-origin requests are not allowed.' };
  }
  return { ok: true };
}

/** The session token of `Authorization: Bearer …`, or undefined. Never read from a cookie. */
export function bearerOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}
