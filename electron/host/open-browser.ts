import type { spawn as spawnType } from 'node:child_process';

/** The platform's "open this URL" command, when there is a desktop to open it on. */
export function browserCommand(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): [string, string[]] | undefined {
  if (platform === 'darwin') return ['open', []];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ['xdg-open', []];
  return undefined;
}

/** Open a URL in the default browser; false when there is none (a headless machine). */
export function openInBrowser(
  url: string,
  spawn: typeof spawnType,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const command = browserCommand(platform, env);
  if (!command) return Promise.resolve(false);
  const [file, args] = command;
  return new Promise((resolve) => {
    const child = spawn(file, [...args, url], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
