import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { useAppStore } from '../store';
import { IdentitySummary } from './IdentitySummary';
import { MfaForm } from './MfaForm';
import { KeysForm, SignInHereSaved, SsoFromStartUrl } from './SignInHere';
import { SsoPrompt } from './SsoPrompt';
import './SignInStep.css';

export function SignInStep() {
  const profiles = useAppStore((s) => s.profiles);
  const identity = useAppStore((s) => s.identity);
  const profile = useAppStore((s) => s.draft.aws?.profile ?? '');
  const ssoLogin = useAppStore((s) => s.ssoLogin);
  const chosenMode = useAppStore((s) => s.signInHere.mode);
  const { loadProfiles, signIn, updateAws, startSsoLogin, setSignInMode } = useAppStore.getState();

  useEffect(() => {
    if (profiles.status === 'idle') void loadProfiles();
  }, [profiles.status, loadProfiles]);

  const listing = profiles.status === 'ready' ? profiles.value : undefined;
  const chosen = listing?.profiles.find((p) => p.name === profile);
  const busy = identity.status === 'loading';
  const error = identity.status === 'error' ? identity.error : undefined;
  const needsSso =
    chosen?.kind === 'sso' && !!error && (error.code === 'CREDENTIALS_EXPIRED' || error.code === 'NO_CREDENTIALS');

  // Without environment credentials, "Default credentials" is the default profile: listed once.
  const sameAsDefault = (name: string) => !!listing && !listing.environment && name === listing.defaultProfile;
  const listed = listing ? listing.profiles.filter((p) => !sameAsDefault(p.name)) : [];
  const usesDefault = profile === '' || sameAsDefault(profile);
  // With nothing to use (no profile, no environment keys), signing in here comes first.
  const nothingConfigured = !!listing && listing.profiles.length === 0 && !listing.environment;
  const signedInHere = profile.startsWith('signed-in:');
  const mode = chosenMode ?? (nothingConfigured || signedInHere ? 'sso' : 'profile');

  const choose = (name: string) => {
    setSignInMode('profile');
    updateAws({ profile: name });
    useAppStore.setState({ identity: { status: 'idle' }, ssoLogin: undefined });
  };

  return (
    <div className="screen">
      <ScreenHeader title="Sign in to AWS">
        Choose the credentials to use. They stay on this computer: the wizard only sees profile names and account ids.
      </ScreenHeader>

      {profiles.status === 'loading' && <Spinner label="Reading your AWS profiles…" />}
      {profiles.status === 'error' && <ErrorNotice error={profiles.error} onRetry={() => void loadProfiles()} />}
      {listing && (
        <fieldset className="profile-list">
          <legend>Credentials</legend>
          <label className={mode === 'profile' && usesDefault ? 'profile profile--selected' : 'profile'}>
            <input
              type="radio"
              name="profile"
              checked={mode === 'profile' && usesDefault}
              onChange={() => choose('')}
            />
            <span className="profile__text">
              <span className="profile__name">Default credentials</span>
              <span className="muted">
                {listing.environment
                  ? listing.environment.label
                  : `Profile "${listing.defaultProfile}" (the AWS CLI's default)`}
              </span>
            </span>
          </label>
          {listed.map((p) => (
            <label
              key={p.name}
              className={mode === 'profile' && profile === p.name ? 'profile profile--selected' : 'profile'}
            >
              <input
                type="radio"
                name="profile"
                checked={mode === 'profile' && profile === p.name}
                onChange={() => choose(p.name)}
                disabled={p.kind === 'incomplete'}
              />
              <span className="profile__text">
                <span className="profile__name">
                  {p.name} <span className={`kind kind--${p.kind}`}>{p.kindLabel}</span>
                  {p.mfaSerial && <span className="kind kind--mfa">MFA</span>}
                </span>
                <span className="muted">{p.description}</span>
              </span>
            </label>
          ))}
          {listing.profiles.length === 0 && (
            <p className="muted">
              No profiles in {listing.configFile}. Sign in with IAM Identity Center or access keys below; the app can
              save either as a profile.
            </p>
          )}
          <label className={mode === 'sso' ? 'profile profile--selected' : 'profile'}>
            <input type="radio" name="profile" checked={mode === 'sso'} onChange={() => setSignInMode('sso')} />
            <span className="profile__text">
              <span className="profile__name">
                IAM Identity Center <span className="kind kind--sso">Start URL</span>
              </span>
              <span className="muted">
                Sign in with your AWS access portal's start URL, then pick an account and a role
              </span>
            </span>
          </label>
          <label className={mode === 'keys' ? 'profile profile--selected' : 'profile'}>
            <input type="radio" name="profile" checked={mode === 'keys'} onChange={() => setSignInMode('keys')} />
            <span className="profile__text">
              <span className="profile__name">Access keys</span>
              <span className="muted">Type an access key ID and secret; kept in memory unless you save them</span>
            </span>
          </label>
        </fieldset>
      )}

      {mode === 'sso' && <SsoFromStartUrl />}
      {mode === 'keys' && <KeysForm />}
      {mode === 'profile' && (
        <div className="row">
          <button
            type="button"
            className={chosen?.kind === 'sso' ? 'button button--secondary' : 'button button--primary'}
            onClick={() => void signIn()}
            disabled={busy || !listing}
          >
            {busy ? 'Signing in…' : 'Use these credentials'}
          </button>
          {chosen?.kind === 'sso' && (
            <button type="button" className="button button--primary" onClick={() => void startSsoLogin(chosen.name)}>
              Sign in with IAM Identity Center
            </button>
          )}
        </div>
      )}

      {mode === 'profile' && ssoLogin && (
        <SsoPrompt login={ssoLogin} onRetry={() => chosen && void startSsoLogin(chosen.name)} />
      )}
      {error?.code === 'MFA_REQUIRED' && (
        <Notice tone="info" title="This role asks for an MFA code">
          <MfaForm serial={error.details?.mfaSerial} busy={busy} onSubmit={(code) => void signIn(code)} />
        </Notice>
      )}
      {needsSso && !ssoLogin && (
        <Notice tone="info" title="Sign in to IAM Identity Center">
          The profile {chosen.name} uses IAM Identity Center and has no valid session. Use “Sign in with IAM Identity
          Center” above: you confirm a code in your browser, and the AWS CLI shares the session.
        </Notice>
      )}
      {mode === 'profile' && error && error.code !== 'MFA_REQUIRED' && !needsSso && (
        <ErrorNotice title="AWS credentials" error={error} onRetry={() => void signIn()} />
      )}
      {identity.status === 'ready' && <IdentitySummary identity={identity.value} />}
      {mode !== 'profile' && <SignInHereSaved />}

      <StepFooter />
    </div>
  );
}
