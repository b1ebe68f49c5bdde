/**
 * A look at an input's size before any schema sees it: nesting depth, number of values and the
 * length of every string and key, walked without recursion. Schemas then only ever see bounded
 * input, and a value nested thousands deep never reaches a recursive parser (stack overflow).
 */
export interface InputLimits {
  /** Objects and arrays inside each other. */
  depth: number;
  /** Values in total (each object, array, string, number…). */
  nodes: number;
  /** Characters of any one string. */
  string: number;
  /** Characters of any one object key. */
  key: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { depth: 24, nodes: 100_000, string: 20_000, key: 256 };

/** What is wrong with the input's size, in words for people, or undefined when it is within the limits. */
export function inputBoundsProblem(input: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  let nodes = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (++nodes > limits.nodes) return `The request holds more than ${limits.nodes.toLocaleString('en')} values.`;
    if (typeof value === 'string') {
      if (value.length > limits.string)
        return `A value is ${value.length.toLocaleString('en')} characters long; at most ${limits.string.toLocaleString('en')} are allowed.`;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.depth) return `The request is nested more than ${limits.depth} levels deep.`;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key.length > limits.key) return `A field name is longer than ${limits.key} characters.`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}
