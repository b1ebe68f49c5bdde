import { create } from 'zustand';
import type { ApiErrorShape } from '@contract/errors';

/** Whether the last draft save failed: shown to the user, never only logged. */
export const useSaveStatus = create<{ error: ApiErrorShape | undefined }>(() => ({ error: undefined }));
