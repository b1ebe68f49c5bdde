/** What a plan found before any write: a stable code, what it means, and what to do. */
import { z } from 'zod';

export const Finding = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  /** The config field the finding is about, when there is one. */
  field: z.string().optional(),
  /** A link with more context (a quota page, the docs). */
  link: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;
