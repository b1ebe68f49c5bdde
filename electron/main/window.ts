import { app, BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from '../shared/url-policy';
import { mainWindowOptions } from './window-options';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions(preloadPath, {
      title: app.getName(),
      dark: nativeTheme.shouldUseDarkColors,
      packaged: app.isPackaged,
    }),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/`);
  return window;
}
