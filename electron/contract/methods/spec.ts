import type { z } from 'zod';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** One sentence, shown in docs and in UNKNOWN_METHOD hints. */
  summary: string;
  /** Characters any one string of the input may have before the schema sees it (default 20,000). */
  maxStringLength?: number;
}

/** Merge method tables; a name registered twice is a programming error, refused at start-up. */
export function composeMethods<T extends Record<string, MethodSpec>[]>(...tables: T): UnionToIntersection<T[number]> {
  const merged: Record<string, MethodSpec> = {};
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name))
        throw new Error(`The method ${name} is registered twice.`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
