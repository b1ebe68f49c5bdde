import { z } from 'zod';

/** An empty input: methods that take nothing still reject unexpected fields. */
export const NoInput = z.object({}).strict();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Which shell serves the renderer: the desktop app, or the loopback host in a browser. */
  runtime: z.enum(['electron', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ExternalUrl = z.string().url().max(2048);
