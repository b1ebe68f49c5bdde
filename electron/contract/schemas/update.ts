import { z } from 'zod';

/**
 * Where the app's own update stands. `ready` means a newer version is downloaded and verified:
 * the window offers "restart to update", which main refuses while a deploy or teardown runs.
 */
export const UpdateStatus = z.object({
  state: z.enum(['disabled', 'idle', 'checking', 'downloading', 'ready', 'error']),
  /** The version on offer (downloading or ready). */
  version: z.string().max(64).optional(),
  /** What an install would interrupt right now (the operation's title). */
  waitingFor: z.string().max(300).optional(),
  /** Why updates are off, or what went wrong, in words. */
  message: z.string().max(300).optional(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const UpdateInstall = z.object({
  installing: z.boolean(),
  /** Why not (no update ready, or an operation running), in words. */
  reason: z.string().max(300).optional(),
});
