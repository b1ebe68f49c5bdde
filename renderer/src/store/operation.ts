import type { StateCreator } from 'zustand';

import { call, cancelOperation, errorOf, followOperation } from '../api/client';
import { guarded } from '../api/guarded';
import type { AppState } from './index';
import { sameSetup, setupName } from '../clouds/setup-names';
import { applyEvent, emptyView, type OperationView } from './operation-state';

export interface OperationSlice {
  /** The deploy or teardown on screen. */
  operation: OperationView | undefined;
  /** An IAM Identity Center sign-in in progress. */
  ssoLogin: OperationView | undefined;
  follow(operationId: string): void;
  cancelOperation(): Promise<{ accepted: boolean }>;
  /** After a reload or a restart: follow the deploy that was running, never start it again. */
  reattach(): Promise<void>;
  startSsoLogin(profile: string): Promise<void>;
  dismissOperation(): void;
}

let stopFollowing: (() => void) | undefined;
let stopSso: (() => void) | undefined;

export const createOperationSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], OperationSlice> = (
  set,
  get,
) => ({
  operation: undefined,
  ssoLogin: undefined,

  follow(operationId) {
    stopFollowing?.();
    set({ operation: emptyView(operationId) });
    stopFollowing = followOperation(operationId, 0, {
      onEvent(event) {
        const current = get().operation;
        if (!current || current.operationId !== operationId) return;
        const view = applyEvent(current, event);
        set({ operation: view });
        if (event.type === 'finished') {
          const active = get().draft.activeOperation;
          if (event.status === 'succeeded' && active && active.kind !== 'teardown')
            get().setDraft({ deployed: active.target });
          // A torn-down setup has no outputs left to show.
          const deployed = get().draft.deployed;
          if (
            event.status === 'succeeded' &&
            active?.kind === 'teardown' &&
            deployed &&
            sameSetup(deployed, active.target)
          )
            get().setDraft({ deployed: undefined });
          if (active?.operationId === operationId) get().setDraft({ activeOperation: undefined });
        }
      },
      onError(error) {
        const current = get().operation;
        if (current?.operationId === operationId)
          set({ operation: { ...current, status: 'failed', error: error.toJSON() } });
      },
    });
  },

  async cancelOperation() {
    const current = get().operation;
    if (!current) return { accepted: false };
    return { accepted: await cancelOperation(current.operationId) };
  },

  async reattach() {
    const active = get().draft.activeOperation;
    if (!active) return;
    if (active.kind === 'teardown')
      set({ view: 'manage', managing: { target: active.target, status: 'DELETE_IN_PROGRESS' } });
    else get().goTo('deploy');
    try {
      await call('operation.get', { operationId: active.operationId });
      get().follow(active.operationId);
      return;
    } catch (error) {
      if (errorOf(error).code !== 'NOT_FOUND') {
        // The app could not be asked (a lost connection): say so, and keep the operation to try again.
        set({
          operation: {
            ...emptyView(active.operationId),
            title: `Deploy ${setupName(active.target)}`,
            status: 'failed',
            error: errorOf(error).toJSON(),
          },
        });
        return;
      }
    }
    // The app restarted: the operation is gone, the stack is not. Follow the stack itself: a
    // deploy to its end; a teardown to its end and what comes after it (the OIDC-provider clean-up).
    try {
      const teardown = active.kind === 'teardown';
      const started = await guarded(() =>
        teardown
          ? call('setup.teardown', { target: active.target, resume: true })
          : call('setup.attach', {
              target: active.target,
              ...(active.plannedChanges ? { plannedChanges: active.plannedChanges } : {}),
            }),
      );
      get().setDraft({
        activeOperation: {
          ...active,
          operationId: started.operationId,
          kind: teardown ? 'teardown' : 'attach',
          cancelMeaning: started.cancelMeaning,
        },
      });
      get().follow(started.operationId);
    } catch (error) {
      set({
        operation: {
          ...emptyView(active.operationId),
          title: `${active.kind === 'teardown' ? 'Tear down' : 'Deploy'} ${setupName(active.target)}`,
          status: 'failed',
          error: errorOf(error).toJSON(),
        },
      });
      get().setDraft({ activeOperation: undefined });
    }
  },

  async startSsoLogin(profile) {
    stopSso?.();
    try {
      const started = await call('aws.sso.login', { profile });
      set({ ssoLogin: emptyView(started.operationId) });
      stopSso = followOperation(started.operationId, 0, {
        onEvent(event) {
          const current = get().ssoLogin;
          if (!current || current.operationId !== started.operationId) return;
          set({ ssoLogin: applyEvent(current, event) });
          if (event.type === 'finished' && event.status === 'succeeded') void get().signIn();
        },
        onError(error) {
          set({ ssoLogin: { ...emptyView(started.operationId), status: 'failed', error: error.toJSON() } });
        },
      });
    } catch (error) {
      set({ ssoLogin: { ...emptyView('none'), status: 'failed', error: errorOf(error).toJSON() } });
    }
  },

  dismissOperation() {
    stopFollowing?.();
    stopFollowing = undefined;
    set({ operation: undefined });
  },
});
