import type { WizardBridge } from '@contract/bridge';
import { httpTransport } from './http';
import { ipcTransport } from './ipc';
import type { Transport } from './types';

declare global {
  interface Window {
    /** Present only inside the Electron app (set by the preload). */
    wizard?: WizardBridge;
  }
}

/** The same bundle runs in both shells: the preload's bridge decides which transport is used. */
export function detectTransport(): Transport {
  return window.wizard ? ipcTransport(window.wizard) : httpTransport();
}

export type { Transport } from './types';
