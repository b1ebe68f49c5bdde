import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1_000_000;
/** A client still sending past this is cut off: it is not a browser waiting for our 413. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'not-json' };

/**
 * Read a JSON body of at most MAX_BODY_BYTES. A larger one is read to its end and dropped, so the
 * client gets its 413 answer instead of a reset connection.
 */
export function readJson(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let size = 0;
    let tooLarge = declared > MAX_BODY_BYTES;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return resolve({ ok: false, reason: 'too-large' });
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
      } catch {
        resolve({ ok: false, reason: 'not-json' });
      }
    });
    req.on('error', reject);
  });
}
