import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DRAFT_VERSION } from '@contract/defaults';
import { stepIndex } from '../app/steps';
import { createCloudSlices, type CloudSlices } from '../clouds/slices';
import { createDiscoverySlice, type DiscoverySlice } from './discovery';
import { completeDraft, createDraftSlice, draftStorage, type DraftSlice } from './draft';
import { createOperationSlice, type OperationSlice } from './operation';
import { createPlanSlice, type PlanSlice } from './plan';
import { createSessionSlice, type SessionSlice } from './session';
import { createSignInHereSlice, type SignInHereSlice } from './sign-in-here';
import { createUiSlice, type UiSlice } from './ui';

export type AppState = DraftSlice &
  SessionSlice &
  SignInHereSlice &
  DiscoverySlice &
  PlanSlice &
  OperationSlice &
  UiSlice &
  CloudSlices;

/**
 * One bound store, one slice per domain (zustand's slices pattern). Only the draft is persisted,
 * and only through the main process: never credentials, never secret values.
 */
export const useAppStore = create<AppState>()(
  persist(
    (...args) => ({
      ...createDraftSlice(...args),
      ...createSessionSlice(...args),
      ...createSignInHereSlice(...args),
      ...createDiscoverySlice(...args),
      ...createPlanSlice(...args),
      ...createOperationSlice(...args),
      ...createUiSlice(...args),
      ...createCloudSlices(...args),
    }),
    {
      name: 'draft',
      version: DRAFT_VERSION,
      storage: draftStorage,
      partialize: (state) => ({ draft: state.draft }),
      merge: (persisted, current) => {
        const draft = (persisted as { draft?: AppState['draft'] } | undefined)?.draft;
        return draft ? { ...current, draft: completeDraft(draft) } : current;
      },
      onRehydrateStorage: () => (state) =>
        useAppStore.setState({ hydrated: true, furthest: stepIndex(state?.draft.step ?? 'cloud') }),
    },
  ),
);
