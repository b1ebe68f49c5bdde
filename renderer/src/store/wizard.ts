import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type Cloud = 'aws' | 'azure';

export interface WizardSlice {
  cloud: Cloud | undefined;
  chooseCloud(cloud: Cloud): void;
}

export const createWizardSlice: StateCreator<AppState, [], [], WizardSlice> = (set) => ({
  cloud: 'aws',
  chooseCloud: (cloud) => set({ cloud }),
});
