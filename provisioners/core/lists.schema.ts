/** Refinements for lists in a setup's config, the same on every cloud. */
import type { z } from 'zod';

/** A superRefine that flags the second of two items with the same key ("… is listed twice"). */
export function uniqueBy<T>(what: string, by: (item: T) => string, field?: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = by(item);
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: field ? [index, field] : [index], message: `${what} is listed twice` });
      seen.add(key);
    });
  };
}
