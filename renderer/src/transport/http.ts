import type { ApiErrorShape, Result } from '@contract/errors';
import { sessionToken } from './session';
import type { Transport } from './types';

const disconnected: Result<never> = {
  ok: false,
  error: {
    code: 'DISCONNECTED',
    message: 'The window lost its connection to the app.',
    details: { hint: 'Check that npm start is still running, then reload this page.' },
  },
};

const noSession: Result<never> = {
  ok: false,
  error: {
    code: 'UNAUTHORIZED',
    message: 'This window has no session with the app.',
    details: { hint: 'Open the link printed by npm start (it carries a one-time launch token).' },
  },
};

/** Calls that must reach the app even when the page is going away (a reload, a closed tab). */
const OUTLIVE_THE_PAGE = new Set(['app.draft.save']);
// Browsers cap the bodies of all pending keep-alive requests together at 64 KiB.
const KEEPALIVE_LIMIT = 60_000;
const RECONNECT_MS = 1_000;

async function post(path: string, body: unknown, keepalive = false): Promise<unknown> {
  const token = await sessionToken();
  if (!token) return noSession;
  try {
    const text = JSON.stringify(body);
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: text,
      credentials: 'omit',
      cache: 'no-store',
      keepalive: keepalive && text.length < KEEPALIVE_LIMIT,
    });
    return await response.json();
  } catch {
    return disconnected;
  }
}

type TicketAnswer = { ok: true; result: { done: boolean; ticket?: string } } | { ok: false; error: ApiErrorShape };

/**
 * Browser: JSON POSTs for calls, Server-Sent Events for operation streams. EventSource cannot send
 * the session header, so each connection is opened with a one-use ticket; when a stream drops,
 * a new ticket resumes it after the last event received.
 */
export function httpTransport(): Transport {
  return {
    kind: 'http',
    call: (method, input) => post('/api/call', { method, input }, OUTLIVE_THE_PAGE.has(method)),
    cancel: (operationId) => post('/api/cancel', { operationId }),
    subscribe(operationId, afterSeq, onMessage) {
      const base = `/api/operations/${encodeURIComponent(operationId)}`;
      let lastSeq = afterSeq;
      let source: EventSource | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;

      const retry = () => {
        if (!stopped) timer = setTimeout(() => void connect(), RECONNECT_MS);
      };
      const connect = async () => {
        const answer = (await post(`${base}/ticket`, { after: lastSeq })) as TicketAnswer;
        if (stopped) return;
        if (!answer.ok) {
          if (answer.error.code === 'DISCONNECTED') return retry();
          return onMessage({ kind: 'error', error: answer.error });
        }
        if (answer.result.done || !answer.result.ticket) return;
        const url = `${base}/events?after=${lastSeq}&ticket=${encodeURIComponent(answer.result.ticket)}`;
        const stream = new EventSource(url);
        source = stream;
        stream.addEventListener('operation', (message) => {
          const event = JSON.parse((message as MessageEvent<string>).data) as { seq: number; type: string };
          if (event.seq <= lastSeq) return;
          lastSeq = event.seq;
          onMessage({ kind: 'event', event });
          if (event.type === 'finished') {
            stopped = true;
            stream.close();
          }
        });
        // The ticket is spent: EventSource's own reconnect would be refused, so resume with a new one.
        stream.addEventListener('error', () => {
          stream.close();
          retry();
        });
      };

      void connect();
      return () => {
        stopped = true;
        clearTimeout(timer);
        source?.close();
      };
    },
  };
}
