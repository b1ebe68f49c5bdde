import type { ServerResponse } from 'node:http';
import type { OperationEvent } from '../../contract';

/** Server-Sent Events writer: the event id is the operation's seq, so EventSource resumes by itself. */
export class SseStream {
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs = 15_000,
  ) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Ask the browser to reconnect quickly if the stream drops.
    res.write('retry: 1000\n\n');
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.close());
  }

  send(event: OperationEvent): void {
    this.write(`id: ${event.seq}\nevent: operation\ndata: ${JSON.stringify(event)}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.res.end();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private write(chunk: string): void {
    if (!this.closed) this.res.write(chunk);
  }
}
