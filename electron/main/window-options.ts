import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options: isolated, sandboxed, no Node in the page, no webviews, no
 * insecure content, devtools only in development. Kept free of runtime electron imports so a
 * unit test can hold it to the security checklist.
 */
export function mainWindowOptions(
  preloadPath: string,
  options: { title: string; dark: boolean; packaged: boolean },
): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: options.title,
    backgroundColor: options.dark ? '#0f1216' : '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !options.packaged,
    },
  };
}
