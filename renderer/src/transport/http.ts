import type { Result } from '@contract/errors';
import type { Transport } from './types';

const disconnected: Result<never> = {
  ok: false,
  error: {
    code: 'DISCONNECTED',
    message: 'The window lost its connection to the app.',
    details: { hint: 'Check that `npm start` is still running, then reload this page.' },
  },
};

/** Calls that must reach the app even when the page is going away (a reload, a closed tab). */
const OUTLIVE_THE_PAGE = new Set(['app.draft.save']);
// Browsers cap the bodies of all pending keep-alive requests together at 64 KiB.
const KEEPALIVE_LIMIT = 60_000;

async function post(path: string, body: unknown, keepalive = false): Promise<unknown> {
  try {
    const text = JSON.stringify(body);
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text,
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive: keepalive && text.length < KEEPALIVE_LIMIT,
    });
    return await response.json();
  } catch {
    return disconnected;
  }
}

/**
 * Browser: JSON POSTs for calls, Server-Sent Events for operation streams. The session token is
 * an HttpOnly cookie set by the host, so this code never sees it. EventSource reconnects by itself
 * and sends Last-Event-ID, so the host resumes the stream after the last event received.
 */
export function httpTransport(): Transport {
  return {
    kind: 'http',
    call: (method, input) => post('/api/call', { method, input }, OUTLIVE_THE_PAGE.has(method)),
    cancel: (operationId) => post('/api/cancel', { operationId }),
    subscribe(operationId, afterSeq, onMessage) {
      const source = new EventSource(`/api/operations/${encodeURIComponent(operationId)}/events?after=${afterSeq}`);
      let lastSeq = afterSeq;
      source.addEventListener('operation', (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as { seq: number; type: string };
        if (event.seq <= lastSeq) return;
        lastSeq = event.seq;
        onMessage({ kind: 'event', event });
        if (event.type === 'finished') source.close();
      });
      source.addEventListener('error', () => {
        // CLOSED means the host refused the stream (unknown operation, or nothing left to send).
        if (source.readyState === EventSource.CLOSED && lastSeq === afterSeq) {
          onMessage({
            kind: 'error',
            error: { code: 'NOT_FOUND', message: 'This operation is no longer known to the app.' },
          });
        }
      });
      return () => source.close();
    },
  };
}
