import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { z } from 'zod';
import { IPC_CHANNELS, OperationId, type Result, type SubscriptionMessage } from '../../contract';
import type { Core } from '../../core';
import { toApiError } from '../../core/errors';

export type SenderCheck = (event: IpcMainEvent | IpcMainInvokeEvent) => boolean;

const CallPayload = z.object({ method: z.unknown(), input: z.unknown() });
const CancelPayload = z.object({ operationId: z.unknown() });
const SubscribePayload = z.object({
  subscriptionId: z.string().min(1).max(64),
  operationId: OperationId,
  afterSeq: z.number().int().nonnegative(),
});
const UnsubscribePayload = z.object({ subscriptionId: z.string().min(1).max(64) });

const untrusted: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'This window is not allowed to talk to the app.' },
};

/**
 * Electron IPC transport: the same dispatch entry point as the loopback host, behind a sender
 * check (our window's main frame on app://wizard only). Returns a function that unregisters it.
 */
export function registerIpcTransport(core: Pick<Core, 'dispatch' | 'operations'>, isTrusted: SenderCheck): () => void {
  const subscriptions = new Map<string, () => void>();
  const key = (sender: WebContents, id: string) => `${sender.id}:${id}`;

  ipcMain.handle(IPC_CHANNELS.call, async (event, payload: unknown) => {
    if (!isTrusted(event)) return untrusted;
    const parsed = CallPayload.safeParse(payload);
    const { method, input } = parsed.success ? parsed.data : { method: undefined, input: undefined };
    return core.dispatch(method, input, { transport: 'ipc' });
  });

  ipcMain.handle(IPC_CHANNELS.cancel, async (event, payload: unknown) => {
    if (!isTrusted(event)) return untrusted;
    const parsed = CancelPayload.safeParse(payload);
    return core.dispatch(
      'operation.cancel',
      { operationId: parsed.success ? parsed.data.operationId : undefined },
      { transport: 'ipc' },
    );
  });

  ipcMain.on(IPC_CHANNELS.subscribe, (event, payload: unknown) => {
    if (!isTrusted(event)) return;
    const sender = event.sender;
    const parsed = SubscribePayload.safeParse(payload);
    if (!parsed.success) return;
    const { subscriptionId, operationId, afterSeq } = parsed.data;
    const deliver = (message: SubscriptionMessage) => {
      if (!sender.isDestroyed()) sender.send(IPC_CHANNELS.event, { subscriptionId, message });
    };
    try {
      const unsubscribe = core.operations.subscribe(operationId, afterSeq, (operationEvent) =>
        deliver({ kind: 'event', event: operationEvent }),
      );
      const k = key(sender, subscriptionId);
      subscriptions.get(k)?.();
      subscriptions.set(k, unsubscribe);
      sender.once('destroyed', () => {
        subscriptions.get(k)?.();
        subscriptions.delete(k);
      });
    } catch (error) {
      deliver({ kind: 'error', error: toApiError(error) });
    }
  });

  ipcMain.on(IPC_CHANNELS.unsubscribe, (event, payload: unknown) => {
    if (!isTrusted(event)) return;
    const parsed = UnsubscribePayload.safeParse(payload);
    if (!parsed.success) return;
    const k = key(event.sender, parsed.data.subscriptionId);
    subscriptions.get(k)?.();
    subscriptions.delete(k);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeHandler(IPC_CHANNELS.cancel);
    ipcMain.removeAllListeners(IPC_CHANNELS.subscribe);
    ipcMain.removeAllListeners(IPC_CHANNELS.unsubscribe);
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
}
