/** A small, strict command-line parser: unknown flags are errors, never ignored. */

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Flags that take no value. */
const BOOLEAN = new Set(['yes', 'json', 'help', 'version', 'no-color', 'fix', 'no-preflight', 'quiet', 'device-code']);

export function parseArgs(argv: string[], allowed: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (arg === '-y') {
      flags.yes = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!allowed.has(name) && !['help', 'json', 'yes', 'no-color', 'quiet'].includes(name))
      throw new UsageError(`Unknown option --${name}.`);
    if (BOOLEAN.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      flags[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    if (value.length > 4096) throw new UsageError(`--${name} is too long.`);
    flags[name] = value;
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** A comma- or repeat-separated list flag. */
export function listFlag(args: ParsedArgs, name: string): string[] | undefined {
  const value = flag(args, name);
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}
