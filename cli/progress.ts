/**
 * Operation events on stderr: a live bar redrawn in place on a terminal, plain lines otherwise
 * (CI logs, pipes). Results never go to stdout from here.
 */
import type { OperationEvent } from '../electron/contract';
import type { Style, Writable } from './io';

const BAR = 24;

export function progressPrinter(stderr: Writable, style: Style, quiet: boolean) {
  const live = !!stderr.isTTY;
  let barShown = false;
  let lastPlain = '';
  const clearBar = () => {
    if (barShown) stderr.write('\r\u001b[2K');
    barShown = false;
  };
  const line = (text: string) => {
    clearBar();
    stderr.write(`${text}\n`);
  };
  return {
    event(event: OperationEvent) {
      if (event.type === 'progress') {
        if (quiet) return;
        const ratio = event.total > 0 ? Math.min(1, event.current / event.total) : 0;
        if (live) {
          const filled = Math.round(ratio * BAR);
          stderr.write(
            `\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${event.current}/${event.total} ${event.step}`,
          );
          barShown = true;
        } else {
          const text = `${event.current}/${event.total} ${event.step}`;
          if (text !== lastPlain) line(text);
          lastPlain = text;
        }
        return;
      }
      if (event.type === 'log') {
        if (quiet && event.level === 'info') return;
        const mark =
          event.level === 'error'
            ? style.red('error')
            : event.level === 'warn'
              ? style.yellow('warn')
              : style.dim('info');
        line(`${mark} ${event.message}`);
        return;
      }
      if (event.type === 'resource') {
        if (quiet || live) return;
        line(`${event.logicalId} ${event.status}${event.reason ? `: ${event.reason}` : ''}`);
        return;
      }
      if (event.type === 'prompt') {
        line(
          `Open ${event.verificationUriComplete ?? event.verificationUri} and confirm the code ${style.bold(event.userCode)}.`,
        );
        return;
      }
      if (event.type === 'started' && !quiet) line(style.bold(event.title));
    },
    done() {
      clearBar();
    },
    line,
  };
}
