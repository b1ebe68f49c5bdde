/** The CLI as a function: argv in, exit code out; everything it touches comes through `io`. */
import { parseArgs, UsageError } from './args';
import { COMMANDS } from './commands';
import { CliError, createContext } from './context';
import { EXIT } from './exit-codes';
import { helpText } from './help';
import type { CliIo } from './io';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(helpText(rest[0]));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`${io.version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name.slice(0, 40)}". Run datachain-setup --help.\n`);
    return EXIT.usage;
  }
  let ctx;
  try {
    const args = parseArgs(rest, new Set(command.flags));
    if (args.flags.help === true) {
      io.stdout.write(helpText(name));
      return EXIT.ok;
    }
    ctx = createContext(io, args);
    return await command.run(ctx);
  } catch (error) {
    const json = rest.includes('--json');
    const shaped =
      error instanceof CliError
        ? error
        : error instanceof UsageError
          ? new CliError(error.message, EXIT.usage, `Run datachain-setup ${name} --help.`)
          : new CliError(
              'Something went wrong inside the command line tool.',
              EXIT.failed,
              'This is a bug; please report it.',
            );
    if (json)
      io.stdout.write(
        `${JSON.stringify({ error: { code: shaped.code ?? (shaped.exitCode === EXIT.usage ? 'INVALID_INPUT' : 'FAILED'), message: shaped.message, ...(shaped.hint ? { hint: shaped.hint } : {}), exitCode: shaped.exitCode } }, null, 2)}\n`,
      );
    io.stderr.write(`${shaped.message}\n${shaped.hint ? `${shaped.hint}\n` : ''}`);
    if (!(error instanceof CliError || error instanceof UsageError) && io.env.DATACHAIN_SETUP_DEBUG)
      io.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    return shaped.exitCode;
  } finally {
    await ctx?.core.shutdown();
  }
}
