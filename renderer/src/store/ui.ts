import type { StateCreator } from 'zustand';
import type { SetupRef } from '@contract/schemas/setup';
import { stepIndex } from '../app/steps';
import type { AppState } from './index';

/** The setup open on the manage screen: where it is, and its status when it was listed. */
export interface ManagedSetup {
  target: SetupRef;
  status: string;
}

export interface UiSlice {
  view: 'wizard' | 'manage';
  /** The setup open on the manage screen. */
  managing: ManagedSetup | undefined;
  /** The furthest wizard step reached (the rail may jump back to any step up to it). */
  furthest: number;
  /**
   * The cloud was chosen, by the user or once for them (no AWS credentials but an Azure CLI
   * session): the cloud step does not choose it again.
   */
  cloudChosen: boolean;
  chooseCloud(cloud: 'aws' | 'azure'): void;
  showView(view: 'wizard' | 'manage'): void;
  manage(setup: ManagedSetup | undefined): void;
}

export const createUiSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], UiSlice> = (set, get) => ({
  view: 'wizard',
  managing: undefined,
  furthest: 0,
  cloudChosen: false,
  chooseCloud: (cloud) => {
    set({ cloudChosen: true });
    get().setDraft({ cloud });
  },
  showView: (view) =>
    set({ view, managing: undefined, furthest: Math.max(get().furthest, stepIndex(get().draft.step)) }),
  manage: (setup) => set({ view: 'manage', managing: setup }),
});
