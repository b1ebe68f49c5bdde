/**
 * electron-updater in plain Node, against a generic feed (a URL serving latest-linux.yml and the
 * files it names): the same check (semver against the feed's latest version, staged rollouts)
 * and the same verified download (sha512 from the feed) the desktop app runs, with Node's http in
 * place of Electron's net. The loopback host uses it when DCS_UPDATE_FEED names a feed (dev and
 * tests; the host is never packaged), and tests drive it against a local feed server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import type { RequestOptions } from 'node:https';
import { DebUpdater, type AppUpdater } from 'electron-updater';
import type { UpdaterPort } from './service';

/** electron-updater's ElectronHttpExecutor, on Node's http: the same download and checksum path. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: (options.headers as RequestOptions['headers']) ?? {} };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    const request = (options.protocol === 'http:' ? httpRequest : httpsRequest)(options);
    request.on('response', callback);
    return request;
  }
}

export interface FeedUpdaterOptions {
  feedUrl: string;
  currentVersion: string;
  appName: string;
  /** Where downloads are kept (a private folder of the app). */
  cacheDir: string;
  /** Asked to install: the host has nothing to replace, so it says so. */
  onInstall?: () => void;
}

export function feedUpdater(options: FeedUpdaterOptions): UpdaterPort & { updater: AppUpdater } {
  // What electron-builder writes into an installed app's resources, here for the download's cache folder.
  const configPath = path.join(options.cacheDir, 'app-update.yml');
  mkdirSync(options.cacheDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    configPath,
    `provider: generic\nurl: ${JSON.stringify(options.feedUrl)}\nupdaterCacheDirName: updates\n`,
  );
  const updater = new DebUpdater(null, {
    version: options.currentVersion,
    name: options.appName,
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: options.cacheDir,
    baseCachePath: options.cacheDir,
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  });
  // Before the feed is set: setting it makes the provider with the executor there is then.
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.setFeedURL({ provider: 'generic', url: options.feedUrl, updaterCacheDirName: 'updates' });
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.logger = null;
  return {
    updater,
    async check() {
      const result = await updater.checkForUpdates();
      return result?.isUpdateAvailable ? result.updateInfo.version : undefined;
    },
    async download() {
      await updater.downloadUpdate();
    },
    install() {
      options.onInstall?.();
    },
  };
}
