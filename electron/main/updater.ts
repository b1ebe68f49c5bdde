/**
 * electron-updater for the installed app, behind the core's UpdaterPort (the policy — when to
 * check, when to install, never during a deploy — lives in electron/core/updates). Downloads are
 * verified by electron-updater (sha512 from the feed; on Windows and macOS also the code
 * signature), which is left as it is. Unpackaged runs have no feed: updates are off.
 */
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { UpdaterPort } from '../core/updates/service';

export function electronUpdater(): UpdaterPort | undefined {
  if (!app.isPackaged) return undefined;
  autoUpdater.autoDownload = false;
  // Installing is the user's choice, from the window, when no deploy runs.
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  return {
    async check() {
      const result = await autoUpdater.checkForUpdates();
      return result?.isUpdateAvailable ? result.updateInfo.version : undefined;
    },
    async download() {
      await autoUpdater.downloadUpdate();
    },
    install() {
      autoUpdater.quitAndInstall(false, true);
    },
  };
}
