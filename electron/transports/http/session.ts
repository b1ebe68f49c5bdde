import { randomBytes } from 'node:crypto';
import { tokensEqual } from './guard';

const random = () => randomBytes(32).toString('base64url');

interface Ticket {
  operationId: string;
  expires: number;
}

/**
 * Who may use the loopback host. The launch token (in the fragment of the printed link, so it
 * never reaches a server log or a Referer) is traded once for the session token, which the page
 * keeps in memory and sessionStorage and sends as `Authorization: Bearer`. Nothing is a cookie:
 * browsers send cookies to every port of 127.0.0.1, and another local page could borrow them.
 * EventSource cannot send headers, so an event stream is opened with a ticket: one use, one
 * operation, a few seconds to live.
 */
export class LoopbackSessions {
  readonly token: string;
  readonly launchToken: string;
  private launchUsed = false;
  private readonly tickets = new Map<string, Ticket>();

  constructor(
    options: { token?: string; launchToken?: string } = {},
    private readonly now: () => number = Date.now,
    private readonly ticketTtlMs = 30_000,
  ) {
    this.token = options.token ?? random();
    this.launchToken = options.launchToken ?? random();
  }

  /** The session token for the launch token, once; undefined for a wrong or already traded one. */
  trade(launchToken: unknown): string | undefined {
    if (this.launchUsed || typeof launchToken !== 'string' || !tokensEqual(launchToken, this.launchToken)) return;
    this.launchUsed = true;
    return this.token;
  }

  isSession(token: string | undefined): boolean {
    return token !== undefined && tokensEqual(token, this.token);
  }

  issueTicket(operationId: string): string {
    this.prune();
    const ticket = random();
    this.tickets.set(ticket, { operationId, expires: this.now() + this.ticketTtlMs });
    return ticket;
  }

  /** True once for a live ticket of this operation; the ticket is spent either way. */
  redeemTicket(ticket: string | null, operationId: string): boolean {
    if (!ticket) return false;
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return entry !== undefined && entry.operationId === operationId && entry.expires > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.tickets) if (entry.expires <= now) this.tickets.delete(key);
  }
}
