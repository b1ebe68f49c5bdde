import type { StateCreator } from 'zustand';
import { createJSONStorage, type StateStorage } from 'zustand/middleware';
import {
  DEFAULT_COMPUTE_CREDENTIALS,
  DEFAULT_ISSUER,
  DEFAULT_STORAGE_CREDENTIALS,
  DRAFT_VERSION,
  NODE_POOL_PRESETS,
} from '@contract/defaults';
import type { Draft } from '@contract/schemas/draft';
import { call, errorOf } from '../api/client';
import { useSaveStatus } from './save-status';
import { startEarlySignIn } from './session';
import { stepIndex, type StepId } from '../app/steps';
import type { AppState } from './index';

export type DraftAws = NonNullable<Draft['aws']>;
export type DraftStudio = Draft['studio'];

export const EMPTY_DRAFT: Draft = {
  version: DRAFT_VERSION,
  step: 'cloud',
  cloud: 'aws',
  studio: {
    issuer: DEFAULT_ISSUER,
    team: '',
    computeCredentials: DEFAULT_COMPUTE_CREDENTIALS,
    storageCredentials: DEFAULT_STORAGE_CREDENTIALS,
  },
  namePrefix: '',
  tags: {},
  nodePools: [NODE_POOL_PRESETS.system],
  aws: { profile: '', zones: [], buckets: [], secrets: [], secretRegions: [] },
  azure: { resourceGroup: 'datachain', storageAccounts: [], vaults: [], secrets: [] },
};

/**
 * Stable fallbacks for selectors: a fresh `[]` or `{}` on every call would make React re-render
 * forever (zustand compares snapshots by reference).
 */
const frozen = <T>(value: T): T => Object.freeze(value);
export const NO_STRINGS = frozen<string[]>([]);
export const NO_BUCKETS = frozen<NonNullable<DraftAws['buckets']>>([]);
export const NO_SECRETS = frozen<NonNullable<DraftAws['secrets']>>([]);
export const NO_POOLS = frozen<Draft['nodePools']>([]);
export const NO_STUDIO = frozen<DraftStudio>({});

/** A draft read from disk may predate a field: fill in what it lacks from the empty draft. */
export function completeDraft(draft: Draft): Draft {
  return {
    ...EMPTY_DRAFT,
    ...draft,
    studio: { ...EMPTY_DRAFT.studio, ...draft.studio },
    aws: { ...EMPTY_DRAFT.aws, ...draft.aws },
    azure: { ...EMPTY_DRAFT.azure, ...draft.azure },
  };
}

export interface DraftSlice {
  draft: Draft;
  /** True once the saved draft (if any) has been loaded. */
  hydrated: boolean;
  goTo(step: StepId): void;
  updateAws(patch: Partial<DraftAws> | ((aws: DraftAws) => Partial<DraftAws>)): void;
  /** Change the Studio connection (the same on every cloud). */
  updateStudio(patch: Partial<DraftStudio>): void;
  setDraft(patch: Partial<Draft>): void;
  resetDraft(): void;
}

export const createDraftSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], DraftSlice> = (set) => ({
  draft: EMPTY_DRAFT,
  hydrated: false,
  goTo: (step) => {
    set((s) => ({ draft: { ...s.draft, step }, view: 'wizard', furthest: Math.max(s.furthest, stepIndex(step)) }));
    // A move to another step is saved at once (typing is debounced): a reload right after it
    // comes back to the same step.
    void flushDraft();
  },
  updateAws: (patch) =>
    set((s) => {
      const aws = s.draft.aws ?? {};
      const next = typeof patch === 'function' ? patch(aws) : patch;
      return { draft: { ...s.draft, aws: { ...aws, ...next } } };
    }),
  updateStudio: (patch) => set((s) => ({ draft: { ...s.draft, studio: { ...s.draft.studio, ...patch } } })),
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  resetDraft: () => set({ draft: EMPTY_DRAFT }),
});

/**
 * The draft lives in the main process (app.draft.*), not in localStorage: it survives a restart
 * of either shell, and the loopback host's port changes on every run. Writes are debounced.
 */
let pending: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

async function flush(): Promise<void> {
  const value = pending;
  pending = undefined;
  if (!value) return;
  const { state } = JSON.parse(value) as { state: { draft: Draft } };
  // A failed save does not interrupt the user, but it is shown (SaveNotice) until a save works again.
  try {
    await call('app.draft.save', { draft: state.draft });
    if (useSaveStatus.getState().error) useSaveStatus.setState({ error: undefined });
  } catch (error) {
    useSaveStatus.setState({ error: errorOf(error).toJSON() });
  }
}

const remoteStorage: StateStorage = {
  async getItem() {
    const { draft } = await call('app.draft.load', {});
    startEarlySignIn(draft);
    return draft ? JSON.stringify({ state: { draft }, version: DRAFT_VERSION }) : null;
  },
  setItem(_name, value) {
    pending = value;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), 300);
  },
  async removeItem() {
    await call('app.draft.clear', {});
  },
};

export const draftStorage = createJSONStorage<{ draft: Draft }>(() => remoteStorage);

/** Write a pending draft now (before a reload, or when leaving the page). */
export function flushDraft(): Promise<void> {
  clearTimeout(timer);
  return flush();
}
