/**
 * Signing in with no profile: IAM Identity Center from its start URL, then an account and a role
 * from the portal's lists; or access keys typed here. Either may be saved as a profile.
 */
import { useState } from 'react';
import { FIELD_LIMITS } from '@contract/field-limits';
import { SsoStartUrl, StaticKeysInput } from '@contract/clouds/aws';
import { ErrorNotice } from '../components/ErrorNotice';
import { SelectField, TextField } from '../components/Field';
import { Notice } from '../components/Notice';
import { Spinner } from '../components/Spinner';
import { KNOWN_REGIONS, regionName } from '../lib/regions';
import { useAppStore } from '../store';
import { SsoPrompt } from './SsoPrompt';
import { SaveAsProfile } from './SaveAsProfile';
import './SignInHere.css';

const REGION_OPTIONS = KNOWN_REGIONS.map((code) => ({ value: code, label: regionName(code) }));

/** What the user typed, as a start URL: `d-123.awsapps.com/start` is taken to mean https. */
function startUrlOf(typed: string): string {
  const value = typed.trim();
  return value && !/^[a-z]+:\/\//i.test(value) ? `https://${value}` : value;
}

export function SsoFromStartUrl() {
  const state = useAppStore((s) => s.signInHere);
  const { startSsoFromUrl } = useAppStore.getState();
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [touched, setTouched] = useState(false);
  const checked = SsoStartUrl.safeParse(startUrlOf(startUrl));
  const urlError = touched && !checked.success ? checked.error.issues[0]?.message : undefined;
  const busy = state.device?.status === 'running';
  const start = () => {
    setTouched(true);
    if (checked.success) void startSsoFromUrl(checked.data, region);
  };

  return (
    <section className="sign-in-here" aria-label="Sign in with IAM Identity Center">
      <form
        className="sign-in-here__form"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <TextField
          label="Start URL"
          value={startUrl}
          onChange={setStartUrl}
          placeholder="https://d-1234567890.awsapps.com/start"
          hint="The address of your AWS access portal, from your administrator or the portal's own page."
          error={urlError}
          maxLength={512}
          mono
        />
        <SelectField
          label="IAM Identity Center region"
          value={region}
          onChange={setRegion}
          options={REGION_OPTIONS}
          hint="Where your organisation's IAM Identity Center lives (its settings page shows it)."
        />
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in with IAM Identity Center'}
          </button>
        </div>
      </form>
      {state.device && <SsoPrompt login={state.device} onRetry={start} />}
      {state.handle && <AccountAndRole />}
    </section>
  );
}

function AccountAndRole() {
  const state = useAppStore((s) => s.signInHere);
  const identity = useAppStore((s) => s.identity);
  const defaultRegion = useAppStore((s) => s.draft.aws?.region);
  const { loadSsoAccounts, chooseSsoAccount, loadSsoRoles, chooseSsoRole, signInWithRole } = useAppStore.getState();
  const accounts = state.accounts;
  const roles = state.account ? state.roles[state.account.accountId] : undefined;
  const using = state.using.status === 'loading' || identity.status === 'loading';

  return (
    <div className="sign-in-here__pick">
      <fieldset className="profile-list">
        <legend>Account</legend>
        {accounts?.items.map((a) => (
          <label
            key={a.accountId}
            className={state.account?.accountId === a.accountId ? 'profile profile--selected' : 'profile'}
          >
            <input
              type="radio"
              name="sso-account"
              checked={state.account?.accountId === a.accountId}
              onChange={() => chooseSsoAccount(a)}
            />
            <span className="profile__text">
              <span className="profile__name">{a.accountName}</span>
              <span className="muted mono">
                {a.accountId}
                {a.emailAddress ? ` · ${a.emailAddress}` : ''}
              </span>
            </span>
          </label>
        ))}
        {accounts?.status === 'loading' && <Spinner label="Reading your accounts…" />}
        {accounts?.status === 'ready' && accounts.items.length === 0 && (
          <p className="muted">IAM Identity Center gives you no account. Ask your administrator for one.</p>
        )}
        {accounts?.nextCursor && accounts.status === 'ready' && (
          <button type="button" className="button button--secondary" onClick={() => void loadSsoAccounts(true)}>
            Show more accounts
          </button>
        )}
        {accounts?.error && <ErrorNotice error={accounts.error} onRetry={() => void loadSsoAccounts(true)} />}
      </fieldset>

      {state.account && (
        <fieldset className="profile-list">
          <legend>Role in {state.account.accountName}</legend>
          {roles?.items.map((r) => (
            <label key={r.roleName} className={state.role === r.roleName ? 'profile profile--selected' : 'profile'}>
              <input
                type="radio"
                name="sso-role"
                checked={state.role === r.roleName}
                onChange={() => chooseSsoRole(r.roleName)}
              />
              <span className="profile__name">{r.roleName}</span>
            </label>
          ))}
          {roles?.status === 'loading' && <Spinner label="Reading your roles…" />}
          {roles?.status === 'ready' && roles.items.length === 0 && (
            <p className="muted">You have no role in this account.</p>
          )}
          {roles?.nextCursor && roles.status === 'ready' && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void loadSsoRoles(state.account!.accountId, true)}
            >
              Show more roles
            </button>
          )}
          {roles?.error && (
            <ErrorNotice error={roles.error} onRetry={() => void loadSsoRoles(state.account!.accountId, true)} />
          )}
        </fieldset>
      )}

      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={!state.account || !state.role || using}
          onClick={() => void signInWithRole(defaultRegion)}
        >
          {using ? 'Signing in…' : 'Use this role'}
        </button>
      </div>
      {state.using.status === 'error' && <ErrorNotice title="IAM Identity Center" error={state.using.error} />}
    </div>
  );
}

export function KeysForm() {
  const state = useAppStore((s) => s.signInHere);
  const identity = useAppStore((s) => s.identity);
  const { signInWithKeys } = useAppStore.getState();
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecret] = useState('');
  const [sessionToken, setToken] = useState('');
  const [touched, setTouched] = useState(false);
  const input = { accessKeyId, secretAccessKey, ...(sessionToken.trim() ? { sessionToken } : {}) };
  const checked = StaticKeysInput.safeParse(input);
  const problem = (field: string) =>
    touched && !checked.success ? checked.error.issues.find((i) => i.path[0] === field)?.message : undefined;
  const busy = state.using.status === 'loading' || identity.status === 'loading';

  return (
    <section className="sign-in-here" aria-label="Sign in with access keys">
      <form
        className="sign-in-here__form"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (checked.success) void signInWithKeys(input);
        }}
      >
        <TextField
          label="Access key ID"
          value={accessKeyId}
          onChange={setAccessKeyId}
          error={problem('accessKeyId')}
          maxLength={FIELD_LIMITS.accessKeyId}
          mono
        />
        <TextField
          label="Secret access key"
          type="password"
          value={secretAccessKey}
          onChange={setSecret}
          error={problem('secretAccessKey')}
          maxLength={FIELD_LIMITS.secretAccessKey}
          mono
        />
        <TextField
          label="Session token (optional)"
          type="password"
          value={sessionToken}
          onChange={setToken}
          hint="Only for temporary keys (those starting with ASIA)."
          error={problem('sessionToken')}
          maxLength={FIELD_LIMITS.sessionToken}
          mono
        />
        <p className="muted">The keys stay in this app's memory: nothing is written unless you save them below.</p>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Use these keys'}
          </button>
        </div>
      </form>
      {state.using.status === 'error' && <ErrorNotice title="Access keys" error={state.using.error} />}
    </section>
  );
}

/** After a sign-in made here: offer to keep it as a profile, never by default. */
export function SignInHereSaved() {
  const state = useAppStore((s) => s.signInHere);
  const identity = useAppStore((s) => s.identity);
  if (!state.inApp || identity.status !== 'ready') return null;
  if (state.save.status === 'saved') {
    const saved = state.save.value;
    return (
      <Notice tone="success" title={`Saved as the profile "${saved.profile}"`}>
        Written to {saved.written.map((w) => w.file).join(' and ')}.
        {saved.cliHint && (
          <>
            {' '}
            For the AWS CLI, sign in once with <code>{saved.cliHint}</code>.
          </>
        )}
      </Notice>
    );
  }
  return <SaveAsProfile kind={state.inApp.kind} />;
}
