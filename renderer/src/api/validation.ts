/**
 * The contract's schemas (schemas.ts), loaded lazily: requested as soon as this module runs (at
 * start), so the download runs beside the first screen's, and awaited by every call (client.ts).
 * The wizard renders only once the saved draft arrived through a call, so by then `schemas()`
 * has them and the screens' synchronous checks (the steps' predicates, the forms) can use it.
 */
export type Schemas = typeof import('./schemas');

let loaded: Schemas | undefined;

export const schemasLoaded: Promise<Schemas> = import('./schemas').then((module) => (loaded = module));

/** The schemas when they are loaded, else undefined. */
export function loadedSchemas(): Schemas | undefined {
  return loaded;
}

/** The schemas, once loaded (after the first call answered); throws before. */
export function schemas(): Schemas {
  if (!loaded) throw new Error('The contract’s schemas are used before the first call answered.');
  return loaded;
}
