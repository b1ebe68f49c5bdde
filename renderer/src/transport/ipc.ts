import type { WizardBridge } from '@contract/bridge';
import type { Transport } from './types';

/** Electron: everything goes through the three functions of the preload bridge. */
export function ipcTransport(bridge: WizardBridge): Transport {
  return {
    kind: 'ipc',
    call: (method, input) => bridge.call(method, input),
    cancel: (operationId) => bridge.cancel(operationId),
    subscribe: (operationId, afterSeq, onMessage) => bridge.subscribe(operationId, afterSeq, onMessage),
  };
}
