import { create } from 'zustand';
import { createSessionSlice, type SessionSlice } from './session';
import { createWizardSlice, type WizardSlice } from './wizard';

export type AppState = SessionSlice & WizardSlice;

/** One bound store; slices per domain (zustand's slices pattern). */
export const useAppStore = create<AppState>()((...args) => ({
  ...createSessionSlice(...args),
  ...createWizardSlice(...args),
}));
