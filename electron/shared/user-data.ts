import os from 'node:os';
import path from 'node:path';

/**
 * The folder Electron uses as userData for this app, so the desktop app and the loopback host
 * share one draft: ~/.config/<name> on Linux, ~/Library/Application Support/<name> on macOS,
 * %APPDATA%\<name> on Windows. DCS_USER_DATA overrides it (tests).
 */
export function defaultUserDataDir(
  productName: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform = process.platform,
): string {
  if (env.DCS_USER_DATA) return env.DCS_USER_DATA;
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}
