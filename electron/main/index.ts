/**
 * Electron main process: the composition root. Order matters: security switches and the app://
 * scheme before `ready`, then the session guards, the protocol, the IPC transport and the window.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { createCore, type Core } from '../core';
import { consoleLogger } from '../core/services';
import { isAllowedExternalUrl } from '../shared/url-policy';
import { registerIpcTransport } from '../transports/ipc/register';
import { registerAppScheme, serveRenderer } from './protocol';
import { denyAllPermissions } from './security/permissions';
import { isTrustedSender } from './security/sender';
import { hardenAllWebContents } from './security/web-contents';
import { claimSingleInstance } from './single-instance';
import { electronUpdater } from './updater';
import { createMainWindow } from './window';

if (process.env.DCS_USER_DATA) app.setPath('userData', process.env.DCS_USER_DATA);

let mainWindow: BrowserWindow | undefined;
let core: Core | undefined;
const trustedWebContents = new Set<number>();

if (!claimSingleInstance(() => mainWindow)) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents();

  app.on('window-all-closed', () => app.quit());
  // Quitting waits (a few seconds at most) for the core to discard plans and stop operations.
  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown || !core) return;
    event.preventDefault();
    shutDown = true;
    const done = core.shutdown().catch(() => undefined);
    void Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000))]).then(() => app.quit());
  });

  void app.whenReady().then(() => {
    const root = app.getAppPath();
    denyAllPermissions(session.defaultSession);
    serveRenderer(session.defaultSession, path.join(root, 'out', 'renderer'));

    core = createCore({
      appName: app.getName(),
      appVersion: app.getVersion(),
      runtime: 'electron',
      platform: process.platform,
      env: process.env,
      log: consoleLogger,
      userDataDir: app.getPath('userData'),
      // Main-process traffic (AWS, the issuer check) follows the system proxy, PAC included,
      // unless HTTPS_PROXY / HTTP_PROXY say otherwise.
      systemProxy: (url) => session.defaultSession.resolveProxy(url),
      // Checks at start and daily, downloads in the background; installs when the user asks.
      ...(() => {
        const updater = electronUpdater();
        return updater ? { updater } : {};
      })(),
      async openExternal(url) {
        if (!isAllowedExternalUrl(url)) return false;
        await shell.openExternal(url);
        return true;
      },
      async saveFile(suggestedName, content, filter) {
        const options = { defaultPath: path.join(app.getPath('downloads'), suggestedName), filters: [filter] };
        const choice = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        if (choice.canceled || !choice.filePath) return { saved: false };
        await writeFile(choice.filePath, content, 'utf8');
        return { saved: true, path: choice.filePath };
      },
    });
    registerIpcTransport(core, (event) =>
      isTrustedSender(
        {
          webContentsId: event.sender.id,
          frameUrl: event.senderFrame?.url,
          isMainFrame: !!event.senderFrame && event.senderFrame.parent === null,
        },
        trustedWebContents,
      ),
    );

    mainWindow = createMainWindow(path.join(root, 'out', 'preload', 'index.cjs'));
    const id = mainWindow.webContents.id;
    trustedWebContents.add(id);
    mainWindow.on('closed', () => {
      trustedWebContents.delete(id);
      mainWindow = undefined;
    });
  });
}
