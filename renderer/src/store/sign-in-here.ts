/**
 * Signing in with no usable profile: IAM Identity Center from its start URL (device code, then an
 * account and a role from the portal's lists), or access keys typed here. The window holds a login
 * id and the in-app session's name only; tokens and credentials stay in the main process.
 */
import type { StateCreator } from 'zustand';
import type { ApiErrorShape } from '@contract/errors';
import type { InAppSession, SavedProfile, SsoAccount, SsoLoginHandle } from '@contract/clouds/aws';
import { call, errorOf, followOperation } from '../api/client';
import type { AppState } from './index';
import { applyEvent, emptyView, type OperationView } from './operation-state';

export type SignInMode = 'profile' | 'sso' | 'keys';

interface Paged<T> {
  items: T[];
  nextCursor?: string;
  status: 'loading' | 'ready' | 'error';
  error?: ApiErrorShape;
}

export interface SignInHereState {
  /** Which way the user signs in; undefined until they choose (the screen picks a default). */
  mode: SignInMode | undefined;
  /** The device-code sign-in under way, or finished. */
  device: OperationView | undefined;
  handle: SsoLoginHandle | undefined;
  accounts: Paged<SsoAccount> | undefined;
  roles: Record<string, Paged<{ roleName: string }>>;
  account: SsoAccount | undefined;
  role: string | undefined;
  /** The in-app session in use (SSO role or typed keys). */
  inApp: InAppSession | undefined;
  using: { status: 'idle' | 'loading' } | { status: 'error'; error: ApiErrorShape };
  save:
    | { status: 'idle' | 'saving' }
    | { status: 'saved'; value: SavedProfile }
    | { status: 'error'; error: ApiErrorShape };
}

export interface SignInHereSlice {
  signInHere: SignInHereState;
  setSignInMode(mode: SignInMode): void;
  startSsoFromUrl(startUrl: string, region: string): Promise<void>;
  loadSsoAccounts(more?: boolean): Promise<void>;
  chooseSsoAccount(account: SsoAccount): void;
  loadSsoRoles(accountId: string, more?: boolean): Promise<void>;
  chooseSsoRole(role: string): void;
  signInWithRole(region?: string): Promise<void>;
  signInWithKeys(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<void>;
  saveAsProfile(name: string, region?: string): Promise<void>;
}

const initial: SignInHereState = {
  mode: undefined,
  device: undefined,
  handle: undefined,
  accounts: undefined,
  roles: {},
  account: undefined,
  role: undefined,
  inApp: undefined,
  using: { status: 'idle' },
  save: { status: 'idle' },
};

let stopDevice: (() => void) | undefined;

export const createSignInHereSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], SignInHereSlice> = (
  set,
  get,
) => {
  const patch = (p: Partial<SignInHereState>) => set({ signInHere: { ...get().signInHere, ...p } });

  /** Use the in-app session the core made: it becomes the draft's credentials, then sign in. */
  const adopt = async (session: InAppSession) => {
    patch({ inApp: session, using: { status: 'idle' }, save: { status: 'idle' } });
    get().updateAws({ profile: session.profile });
    await get().signIn();
  };

  return {
    signInHere: initial,
    setSignInMode(mode) {
      patch({ mode });
    },

    async startSsoFromUrl(startUrl, region) {
      stopDevice?.();
      patch({ ...initial, mode: 'sso' });
      try {
        const started = await call('aws.sso.start', { startUrl, region });
        patch({ device: emptyView(started.operationId) });
        stopDevice = followOperation(started.operationId, 0, {
          onEvent(event) {
            const current = get().signInHere.device;
            if (!current || current.operationId !== started.operationId) return;
            const view = applyEvent(current, event);
            patch({ device: view });
            if (event.type === 'finished' && event.status === 'succeeded') {
              patch({ handle: event.result as SsoLoginHandle });
              void get().loadSsoAccounts();
            }
          },
          onError(error) {
            patch({ device: { ...emptyView(started.operationId), status: 'failed', error: error.toJSON() } });
          },
        });
      } catch (error) {
        patch({ device: { ...emptyView('none'), status: 'failed', error: errorOf(error).toJSON() } });
      }
    },

    async loadSsoAccounts(more = false) {
      const { handle, accounts } = get().signInHere;
      if (!handle) return;
      const kept = more && accounts ? accounts.items : [];
      const cursor = more ? accounts?.nextCursor : undefined;
      patch({ accounts: { items: kept, status: 'loading' } });
      try {
        const page = await call('aws.sso.accounts', { loginId: handle.loginId, ...(cursor ? { cursor } : {}) });
        const items = [...kept, ...page.accounts];
        patch({ accounts: { items, status: 'ready', ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } });
        // One account: nothing to choose.
        if (items.length === 1 && !page.nextCursor) get().chooseSsoAccount(items[0]!);
      } catch (error) {
        patch({ accounts: { items: kept, status: 'error', error: errorOf(error).toJSON() } });
      }
    },

    chooseSsoAccount(account) {
      patch({ account, role: undefined });
      if (!get().signInHere.roles[account.accountId]) void get().loadSsoRoles(account.accountId);
    },

    async loadSsoRoles(accountId, more = false) {
      const { handle } = get().signInHere;
      if (!handle) return;
      const before = get().signInHere.roles[accountId];
      const kept = more && before ? before.items : [];
      const cursor = more ? before?.nextCursor : undefined;
      const put = (value: Paged<{ roleName: string }>) =>
        patch({ roles: { ...get().signInHere.roles, [accountId]: value } });
      put({ items: kept, status: 'loading' });
      try {
        const page = await call('aws.sso.roles', {
          loginId: handle.loginId,
          accountId,
          ...(cursor ? { cursor } : {}),
        });
        const items = [...kept, ...page.roles];
        put({ items, status: 'ready', ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
        if (items.length === 1 && !page.nextCursor && get().signInHere.account?.accountId === accountId)
          patch({ role: items[0]!.roleName });
      } catch (error) {
        put({ items: kept, status: 'error', error: errorOf(error).toJSON() });
      }
    },

    chooseSsoRole(role) {
      patch({ role });
    },

    async signInWithRole(region) {
      const { handle, account, role } = get().signInHere;
      if (!handle || !account || !role) return;
      patch({ using: { status: 'loading' } });
      try {
        const session = await call('aws.sso.use', {
          loginId: handle.loginId,
          accountId: account.accountId,
          roleName: role,
          accountName: account.accountName.slice(0, 256),
          ...(region ? { region } : {}),
        });
        await adopt(session);
      } catch (error) {
        patch({ using: { status: 'error', error: errorOf(error).toJSON() } });
      }
    },

    async signInWithKeys(keys) {
      patch({ using: { status: 'loading' }, inApp: undefined });
      try {
        await adopt(await call('aws.keys.use', keys));
      } catch (error) {
        patch({ using: { status: 'error', error: errorOf(error).toJSON() } });
      }
    },

    async saveAsProfile(name, region) {
      const { inApp } = get().signInHere;
      if (!inApp) return;
      patch({ save: { status: 'saving' } });
      try {
        const value = await call('aws.profile.save', { from: inApp.profile, name, ...(region ? { region } : {}) });
        patch({ save: { status: 'saved', value } });
        // This run goes on with the same credentials under the profile's name; the next reads the file.
        get().updateAws({ profile: value.profile });
        void get().loadProfiles();
      } catch (error) {
        patch({ save: { status: 'error', error: errorOf(error).toJSON() } });
      }
    },
  };
};
