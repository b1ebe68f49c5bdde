/**
 * The preload runs sandboxed and exposes exactly three functions as `window.wizard`. It knows
 * nothing about methods: validation happens in main, behind the sender check.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type WizardBridge } from '../contract/bridge';
import type { SubscriptionMessage } from '../contract/subscription';

const listeners = new Map<string, (message: SubscriptionMessage) => void>();
let nextSubscription = 0;

ipcRenderer.on(IPC_CHANNELS.event, (_event, payload: { subscriptionId?: unknown; message?: SubscriptionMessage }) => {
  if (typeof payload?.subscriptionId !== 'string' || !payload.message) return;
  listeners.get(payload.subscriptionId)?.(payload.message);
});

const bridge: WizardBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CHANNELS.call, { method, input }),
  cancel: (operationId) => ipcRenderer.invoke(IPC_CHANNELS.cancel, { operationId }),
  subscribe(operationId, afterSeq, onMessage) {
    const subscriptionId = `s${++nextSubscription}`;
    listeners.set(subscriptionId, onMessage);
    ipcRenderer.send(IPC_CHANNELS.subscribe, { subscriptionId, operationId, afterSeq });
    return () => {
      if (listeners.delete(subscriptionId)) ipcRenderer.send(IPC_CHANNELS.unsubscribe, { subscriptionId });
    };
  },
};

contextBridge.exposeInMainWorld('wizard', bridge);
