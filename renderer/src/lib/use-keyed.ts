import { useEffect, useState } from 'react';
import type { ApiErrorShape } from '@contract/errors';
import { errorOf } from '../api/client';
import type { Loadable } from '../store/session';

/**
 * Load something for a key (the inputs it depends on). The result is kept with its key, so a
 * render for another key shows "loading" without any state being reset in an effect.
 */
export function useKeyed<T>(key: string | undefined, load: () => Promise<T>): Loadable<T> {
  const [state, setState] = useState<{ key: string; value?: T; error?: ApiErrorShape }>();
  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    load().then(
      (value) => live && setState({ key, value }),
      (error: unknown) => live && setState({ key, error: errorOf(error).toJSON() }),
    );
    return () => {
      live = false;
    };
    // The key stands for everything `load` depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (key === undefined) return { status: 'idle' };
  if (!state || state.key !== key) return { status: 'loading' };
  return state.error ? { status: 'error', error: state.error } : { status: 'ready', value: state.value as T };
}
