/**
 * What every command shares: the real core (the same dispatch the app's windows use), the
 * account and region from flags and the AWS environment, typed calls that turn failures into
 * exit codes, confirmations, and following an operation with Ctrl-C meaning the app's cancel.
 */
import { createCore, type Core } from '../electron/core';
import { silentLogger } from '../electron/core/services';
import { StartedOperation, type OperationEvent } from '../electron/contract';
import { flag, UsageError, type ParsedArgs } from './args';
import { EXIT, exitFor, type ExitCode } from './exit-codes';
import { styleFor, type CliIo, type Style } from './io';
import { progressPrinter } from './progress';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface Context {
  io: CliIo;
  args: ParsedArgs;
  core: Core;
  style: Style;
  json: boolean;
  yes: boolean;
  /** --cloud (aws or azure); --tenant or --subscription alone mean azure. */
  cloud: 'aws' | 'azure';
  profile: string | undefined;
  /** --region, else AWS_REGION / AWS_DEFAULT_REGION. */
  region: string | undefined;
  call<T>(method: string, input: unknown): Promise<T>;
  /** Start and follow an operation to its end; returns its result. */
  follow(started: unknown, options?: { quiet?: boolean }): Promise<unknown>;
  confirm(question: string): Promise<void>;
  /** Print a result: JSON on stdout with --json, else the human text on stdout. */
  result(data: unknown, human: string): void;
  note(text: string): void;
}

export function createContext(io: CliIo, args: ParsedArgs): Context {
  const core = createCore(
    {
      appName: 'DataChain Cluster Setup',
      appVersion: io.version,
      runtime: 'browser',
      platform: process.platform,
      env: io.env,
      log: silentLogger,
      openExternal: async () => false,
      userDataDir: io.userDataDir,
    },
    io.coreOptions ?? {},
  );
  const style = styleFor(io, args.flags['no-color'] === true);
  const json = args.flags.json === true;
  const quiet = args.flags.quiet === true;
  const profile = flag(args, 'profile') ?? undefined;
  const region = flag(args, 'region') ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  const interrupted = new AbortController();
  const cloudFlag = flag(args, 'cloud');
  if (cloudFlag !== undefined && cloudFlag !== 'aws' && cloudFlag !== 'azure')
    throw new UsageError('--cloud is aws or azure.');
  const cloud = (cloudFlag ?? (flag(args, 'tenant') || flag(args, 'subscription') ? 'azure' : 'aws')) as
    'aws' | 'azure';

  const ctx: Context = {
    io,
    args,
    core,
    style,
    json,
    yes: args.flags.yes === true,
    cloud,
    profile,
    region,
    async call<T>(method: string, input: unknown): Promise<T> {
      const result = await core.dispatch(method, input, { transport: 'test', signal: interrupted.signal });
      if (result.ok) return result.result as T;
      const { error } = result;
      const fields = error.details?.fields?.map((f) => `${f.path}: ${f.message}`) ?? [];
      throw new CliError(
        [error.message, ...fields.slice(1).map((f) => `  ${f}`)].join('\n'),
        exitFor(error.code),
        typeof error.details?.hint === 'string' ? error.details.hint : undefined,
        error.code,
      );
    },
    async follow(startedValue, options = {}) {
      const started = StartedOperation.parse(startedValue);
      const printer = progressPrinter(io.stderr, style, quiet || options.quiet === true);
      let cancelAsked = false;
      const stop = io.onInterrupt(() => {
        if (cancelAsked) return;
        cancelAsked = true;
        printer.line(
          started.cancellable
            ? `${style.yellow('Cancelling:')} ${started.cancelMeaning}`
            : `${style.yellow('Cannot cancel:')} ${started.cancelMeaning} Press Ctrl-C again only if you accept leaving it running.`,
        );
        if (started.cancellable) core.operations.cancel(started.operationId);
      });
      let finished: Extract<OperationEvent, { type: 'finished' }> | undefined;
      try {
        await new Promise<void>((resolve) => {
          const unsubscribe = core.operations.subscribe(started.operationId, 0, (event) => {
            printer.event(event);
            if (event.type === 'finished') {
              finished = event;
              resolve();
            }
          });
          void core.operations.settled(started.operationId).then(() => {
            unsubscribe();
            resolve();
          });
        });
      } finally {
        stop();
        printer.done();
      }
      if (!finished) throw new CliError('The operation ended without a result.', EXIT.failed);
      if (finished.status === 'succeeded') return finished.result;
      if (finished.status === 'cancelled')
        throw new CliError('Cancelled.', EXIT.cancelled, started.cancelMeaning, 'CANCELLED');
      throw new CliError(
        finished.error?.message ?? 'The operation failed.',
        exitFor(finished.error?.code ?? 'CLOUD_ERROR'),
        typeof finished.error?.details?.hint === 'string' ? finished.error.details.hint : undefined,
        finished.error?.code,
      );
    },
    async confirm(question) {
      if (ctx.yes) return;
      if (!io.confirm)
        throw new CliError(
          `${question} Nothing was changed.`,
          EXIT.notConfirmed,
          'Run it again with --yes to confirm without a terminal.',
        );
      if (!(await io.confirm(question))) throw new CliError('Not confirmed: nothing was changed.', EXIT.notConfirmed);
    },
    result(data, human) {
      io.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : human.endsWith('\n') ? human : `${human}\n`);
    },
    note(text) {
      if (!quiet) io.stderr.write(`${text}\n`);
    },
  };
  io.onInterrupt(() => interrupted.abort());
  return ctx;
}
