/**
 * A process as on a computer without the Azure CLI: run in a mount namespace of its own where
 * every `az` it could find (on PATH, in the folders the app looks in when PATH lacks it, and so
 * through the login shell too) is /dev/null, which is not executable. Nothing outside that
 * process changes. Needs Linux, root and util-linux's unshare.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KNOWN_AZ_DIRS } from '../../provisioners/azure/credentials';

/** Why it cannot be done here, or undefined when it can. */
export function noAzureCliSkipReason(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return 'Hiding the Azure CLI from one process needs Linux and root (a mount namespace of its own).';
  const probe = spawnSync('unshare', ['--mount', '--', 'true'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare --mount is not available here: ${probe.stderr || probe.error}`;
}

/** Every `az` a process could find. */
function azureClis(): string[] {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...KNOWN_AZ_DIRS].filter((d) => path.isAbsolute(d));
  return [...new Set(dirs.map((d) => path.join(d, 'az')))].filter((file) => existsSync(file));
}

/**
 * The command line that runs `command` without the Azure CLI. unshare and sh exec in turn, so
 * the process spawned is the command itself (signals reach it).
 */
export function withoutAzureCli(command: readonly string[]): string[] {
  const hide = azureClis()
    .map((file) => `mount --bind /dev/null '${file}'`)
    .join(' && ');
  return [
    'unshare',
    '--mount',
    '--propagation',
    'private',
    '--',
    'sh',
    '-c',
    `${hide || 'true'} && exec "$@"`,
    'sh',
    ...command,
  ];
}
