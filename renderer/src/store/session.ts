import type { StateCreator } from 'zustand';
import type { ApiErrorShape } from '@contract/errors';
import type { AwsIdentity } from '@contract/clouds/aws';
import type { ProfileListing } from '@contract/clouds/aws';
import type { AppInfo } from '@contract/schemas/common';
import type { Draft } from '@contract/schemas/draft';
import { call, errorOf } from '../api/client';
import type { AppState } from './index';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiErrorShape };

export interface SessionSlice {
  appInfo: AppInfo | undefined;
  profiles: Loadable<ProfileListing>;
  identity: Loadable<AwsIdentity>;
  /** The identity of the last successful sign-in (kept while a new one is under way). */
  lastIdentity: AwsIdentity | undefined;
  /** Set when a call found the credentials expired or asking for MFA: the sign-in dialog opens. */
  reauth: ApiErrorShape | undefined;
  loadAppInfo(): Promise<void>;
  loadProfiles(): Promise<void>;
  /** Sign in with the draft's profile (and an MFA code when asked). */
  signIn(mfaCode?: string): Promise<boolean>;
  requireReauth(error: ApiErrorShape): void;
  clearReauth(): void;
}

const profileOf = (state: AppState) => state.draft.aws?.profile || undefined;

/**
 * The sign-in with the default credentials, started as soon as the saved draft arrives
 * (draft.ts) instead of after the window rendered it, and only when that draft would sign in so:
 * on AWS, naming no profile (an Azure draft makes no AWS call). The first sign-in takes it when
 * the draft names no profile (the same call); with a profile or an MFA code it is dropped and a
 * sign-in of its own is made. Once the restored draft was looked at, an untaken one is dropped
 * (dropEarlySignIn): it never answers a later sign-in.
 */
let early: Promise<AwsIdentity> | undefined;

export function startEarlySignIn(draft: Pick<Draft, 'cloud' | 'aws'> | null | undefined): void {
  if ((draft?.cloud ?? 'aws') !== 'aws' || draft?.aws?.profile) return;
  early = call('aws.signIn', {});
  early.catch(() => undefined); // its failure is the first sign-in's to show, or nobody's
}

export function dropEarlySignIn(): void {
  early = undefined;
}

function takeEarlySignIn(profile: string | undefined, mfaCode: string | undefined): Promise<AwsIdentity> | undefined {
  const taken = early;
  early = undefined;
  return profile || mfaCode ? undefined : taken;
}

export const createSessionSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], SessionSlice> = (
  set,
  get,
) => ({
  appInfo: undefined,
  profiles: { status: 'idle' },
  identity: { status: 'idle' },
  lastIdentity: undefined,
  reauth: undefined,
  async loadAppInfo() {
    try {
      set({ appInfo: await call('app.info', {}) });
    } catch {
      // Only the version in exports depends on it; a lost connection shows elsewhere.
    }
  },
  async loadProfiles() {
    set({ profiles: { status: 'loading' } });
    try {
      set({ profiles: { status: 'ready', value: await call('aws.profiles.list', {}) } });
    } catch (error) {
      set({ profiles: { status: 'error', error: errorOf(error).toJSON() } });
    }
  },
  async signIn(mfaCode) {
    set({ identity: { status: 'loading' } });
    const profile = profileOf(get());
    try {
      const before = get().lastIdentity;
      const value = await (takeEarlySignIn(profile, mfaCode) ??
        call('aws.signIn', { ...(profile ? { profile } : {}), ...(mfaCode ? { mfaCode } : {}) }));
      set({ identity: { status: 'ready', value }, lastIdentity: value, reauth: undefined });
      // Other credentials may see other buckets and quotas; the same ones only retry what failed.
      get().resetDiscovery(!!before && (before.accountId !== value.accountId || before.arn !== value.arn));
      return true;
    } catch (error) {
      set({ identity: { status: 'error', error: errorOf(error).toJSON() } });
      return false;
    }
  },
  requireReauth(error) {
    set({ reauth: error });
    // The dialog offers the sign-in that fits the profile's kind (SSO, MFA, keys).
    if (get().profiles.status === 'idle') void get().loadProfiles();
  },
  clearReauth: () => set({ reauth: undefined }),
});
