/**
 * Handlers whose module (and the cloud SDKs it imports) is loaded on the first call of any of
 * them, not when the app starts. The names are listed up front so dispatch knows them; the type
 * makes the list complete.
 */
type AnyHandler = (input: never, ctx: never) => Promise<unknown>;

export function lazyHandlers<H extends Record<string, AnyHandler>>(
  names: Record<keyof H, true>,
  load: () => Promise<H>,
): H {
  let loaded: Promise<H> | undefined;
  const get = () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  return Object.fromEntries(
    Object.keys(names).map((name) => [
      name,
      async (input: never, ctx: never) => ((await get())[name] as AnyHandler)(input, ctx),
    ]),
  ) as H;
}
