/** Where the CLI reads and writes: injected, so tests run it in-process with their own streams. */
import type { CoreOptions } from '../electron/core';

export interface Writable {
  write(text: string): void;
  isTTY?: boolean;
}

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Results (JSON with --json); nothing else goes here. */
  stdout: Writable;
  /** Progress, prompts and messages. */
  stderr: Writable;
  /** Ask a yes/no question on the terminal; absent when there is no terminal. */
  confirm?(question: string): Promise<boolean>;
  /** Called with a function that runs on Ctrl-C; returns the unsubscribe. */
  onInterrupt(handler: () => void): () => void;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string, mode?: number): Promise<void>;
  mkdir(path: string): Promise<void>;
  /** Where the core keeps its files (no draft is written by the CLI, but the core wants a folder). */
  userDataDir: string;
  /** Test hooks into the core (the issuer's TLS target, how Azure is reached). */
  coreOptions?: CoreOptions;
  version: string;
}

export interface Style {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

/** Colour only on a terminal, and never with NO_COLOR (no-color.org) or --no-color. */
export function styleFor(io: CliIo, noColor: boolean): Style {
  const on =
    !!io.stderr.isTTY && !noColor && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && io.env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) =>
    on ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22) };
}
