/**
 * The store slices clouds add to the one store (a cloud whose state predates this lives in the
 * store's own slices). A new cloud adds its slice here; the store's shell names none.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from '../store';
import { createAzureSlice, type AzureSlice } from './azure/slice';

export type CloudSlices = AzureSlice;

export const createCloudSlices: StateCreator<AppState, [['zustand/persist', unknown]], [], CloudSlices> = (
  ...args
) => ({
  ...createAzureSlice(...args),
});
