#!/usr/bin/env node
/**
 * datachain-setup: the wizard's setup from a terminal or a script. The same core and providers
 * as the app; see `datachain-setup --help` for the commands and exit codes.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { runCli } from './run';

declare const __APP_VERSION__: string | undefined;

async function main(): Promise<void> {
  const interruptHandlers = new Set<() => void>();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    // A second Ctrl-C while something cannot be cancelled leaves it running and quits.
    if (interrupts > 1) process.exit(130);
    for (const handler of [...interruptHandlers]) handler();
  });
  const tty = !!process.stdin.isTTY && !!process.stderr.isTTY;
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: { write: (t) => void process.stdout.write(t), isTTY: !!process.stdout.isTTY },
    stderr: { write: (t) => void process.stderr.write(t), isTTY: !!process.stderr.isTTY },
    ...(tty
      ? {
          async confirm(question: string) {
            const rl = createInterface({ input: process.stdin, output: process.stderr });
            try {
              return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
            } finally {
              rl.close();
            }
          },
        }
      : {}),
    onInterrupt(handler) {
      interruptHandlers.add(handler);
      return () => interruptHandlers.delete(handler);
    },
    readFile: (p) => readFile(p, 'utf8'),
    writeFile: (p, content, mode) => writeFile(p, content, { mode: mode ?? 0o644 }),
    mkdir: async (p) => void (await mkdir(p, { recursive: true })),
    userDataDir: await mkdtemp(path.join(os.tmpdir(), 'datachain-setup-')),
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev',
  });
  process.exitCode = code;
}

void main();
