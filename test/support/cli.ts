/** The CLI run in-process, as a terminal-less script would run it, with its output captured. */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/run';
import type { CoreOptions } from '../../electron/core';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

export interface CliOptions {
  coreOptions?: CoreOptions;
  /** The environment (default: this process's). */
  env?: Record<string, string | undefined>;
  /** A terminal that answers every question so. */
  answer?: boolean;
  /** Press Ctrl-C when stderr first shows this text. */
  interruptOn?: string;
}

export async function cli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const handlers = new Set<() => void>();
  let interrupted = false;
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'dcs-cli-'));
  const code = await runCli(argv, {
    env: options.env ?? process.env,
    stdout: { write: (t) => void (stdout += t) },
    stderr: {
      write: (t) => {
        stderr += t;
        if (options.interruptOn && !interrupted && stderr.includes(options.interruptOn)) {
          interrupted = true;
          queueMicrotask(() => handlers.forEach((h) => h()));
        }
      },
    },
    ...(options.answer !== undefined ? { confirm: async () => options.answer! } : {}),
    onInterrupt: (h) => {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    readFile: (p) => readFile(p, 'utf8'),
    writeFile: (p, c, mode) => writeFile(p, c, { mode: mode ?? 0o644 }),
    mkdir: async (p) => void (await mkdir(p, { recursive: true })),
    userDataDir,
    version: '0.0.0-test',
    ...(options.coreOptions ? { coreOptions: options.coreOptions } : {}),
  });
  return {
    code,
    stdout,
    stderr,
    json<T>() {
      try {
        return JSON.parse(stdout) as T;
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\n--- stderr ---\n${stderr}`);
      }
    },
  };
}
