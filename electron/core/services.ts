import type { UpdaterPort } from './updates/service';

/** What a shell (Electron main, or the loopback host) provides to the core. No electron types here. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface CoreServices {
  appName: string;
  appVersion: string;
  runtime: 'electron' | 'browser';
  platform: string;
  /** The process environment the cloud SDKs read (AWS_PROFILE, AWS_ENDPOINT_URL, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** Open an already allow-listed URL in the system browser. */
  openExternal(url: string): Promise<boolean>;
  /** Where the app keeps its own files (the draft). Never inside the repository. */
  userDataDir: string;
  /** The desktop app's save dialog; absent in the browser, which downloads instead. */
  saveFile?(
    suggestedName: string,
    content: string,
    filter: { name: string; extensions: string[] },
  ): Promise<{ saved: boolean; path?: string }>;
  log: Logger;
  /**
   * The system proxy for a URL, PAC-style (`PROXY host:port; DIRECT`): the desktop app asks
   * Chromium (session.resolveProxy). Used when no HTTPS_PROXY / HTTP_PROXY is set.
   */
  systemProxy?(url: string): Promise<string | undefined>;
  /** The app's own updater (electron-updater in the installed app); absent: updates are off. */
  updater?: UpdaterPort;
}

export const consoleLogger: Logger = {
  info: (message, data) => console.log(`[info] ${message}`, data ?? ''),
  warn: (message, data) => console.warn(`[warn] ${message}`, data ?? ''),
  error: (message, data) => console.error(`[error] ${message}`, data ?? ''),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
