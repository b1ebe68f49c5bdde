import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('main window options', () => {
  it('apply the Electron security checklist', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs', {
      title: 't',
      dark: false,
      packaged: true,
    }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });
});
