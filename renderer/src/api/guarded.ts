import { ApiError } from '@contract/api-error';
import { errorOf } from './client';

type ReauthSink = (error: ReturnType<ApiError['toJSON']>) => void;
let sink: ReauthSink = () => {};

/** Where expired-credential errors go (the store opens the sign-in dialog). */
export function onReauthNeeded(next: ReauthSink): void {
  sink = next;
}

/**
 * Run a cloud call; when the credentials expired (or the role wants a fresh MFA code), ask the
 * user to sign in again — the wizard's state stays as it is — and rethrow so the screen shows
 * its own retry.
 */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const apiError = errorOf(error);
    if (apiError.code === 'CREDENTIALS_EXPIRED' || apiError.code === 'MFA_REQUIRED') sink(apiError.toJSON());
    throw apiError;
  }
}
