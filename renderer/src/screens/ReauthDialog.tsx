import { useState } from 'react';
import { Modal } from '../components/Modal';
import { useAppStore } from '../store';
import { MfaForm } from './MfaForm';
import { SsoPrompt } from './SsoPrompt';

/**
 * Credentials expired in the middle of the wizard: sign in again here. Everything entered so far
 * stays; the screen that failed offers to try again.
 */
export function ReauthDialog() {
  const reauth = useAppStore((s) => s.reauth);
  const profile = useAppStore((s) => s.draft.aws?.profile ?? '');
  const profiles = useAppStore((s) => s.profiles);
  const ssoLogin = useAppStore((s) => s.ssoLogin);
  const { signIn, clearReauth, startSsoLogin } = useAppStore.getState();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  if (!reauth) return null;
  const kind = profiles.status === 'ready' ? profiles.value.profiles.find((p) => p.name === profile)?.kind : undefined;
  const retry = async (code?: string) => {
    setBusy(true);
    const ok = await signIn(code);
    setBusy(false);
    const state = useAppStore.getState().identity;
    if (!ok && state.status === 'error') setFailed(state.error.message);
  };
  return (
    <Modal title="Sign in again" onClose={clearReauth}>
      <p>{reauth.message} Your work in the wizard is kept.</p>
      {reauth.code === 'MFA_REQUIRED' ? (
        <MfaForm serial={reauth.details?.mfaSerial} busy={busy} onSubmit={(code) => void retry(code)} />
      ) : kind === 'sso' ? (
        <>
          <button type="button" className="button button--primary" onClick={() => void startSsoLogin(profile)}>
            Sign in with IAM Identity Center
          </button>
          {ssoLogin && <SsoPrompt login={ssoLogin} onRetry={() => void startSsoLogin(profile)} />}
        </>
      ) : (
        <>
          <p className="muted">{reauth.details?.hint}</p>
          <button type="button" className="button button--primary" onClick={() => void retry()} disabled={busy}>
            {busy ? 'Signing in…' : 'Try again'}
          </button>
        </>
      )}
      {failed && (
        <p className="field__error" role="alert">
          {failed}
        </p>
      )}
      <div className="row">
        <button type="button" className="button button--secondary" onClick={clearReauth}>
          Close
        </button>
      </div>
    </Modal>
  );
}
