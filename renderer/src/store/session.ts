import type { StateCreator } from 'zustand';
import type { ApiErrorShape } from '@contract/errors';
import type { AwsIdentity } from '@contract/schemas/aws';
import { call, errorOf } from '../api/client';
import type { AppState } from './index';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiErrorShape };

export interface SessionSlice {
  awsIdentity: Loadable<AwsIdentity>;
  /** Ask main who the current AWS credentials belong to. Never sees the credentials. */
  loadAwsIdentity(profile?: string): Promise<void>;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  awsIdentity: { status: 'idle' },
  async loadAwsIdentity(profile) {
    set({ awsIdentity: { status: 'loading' } });
    try {
      const value = await call('aws.whoami', profile ? { profile } : {});
      set({ awsIdentity: { status: 'ready', value } });
    } catch (error) {
      set({ awsIdentity: { status: 'error', error: errorOf(error).toJSON() } });
    }
  },
});
