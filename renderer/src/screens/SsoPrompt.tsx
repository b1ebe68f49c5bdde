import { call } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import type { OperationView } from '../store/operation-state';
import './SsoPrompt.css';

/** The IAM Identity Center device code, shown in the app while the browser confirms it. */
export function SsoPrompt({ login, onRetry }: { login: OperationView; onRetry(): void }) {
  if (login.status === 'failed' || login.status === 'cancelled') {
    return login.error ? (
      <ErrorNotice title="IAM Identity Center sign-in" error={login.error} onRetry={onRetry} />
    ) : null;
  }
  if (login.status === 'succeeded') return null;
  const prompt = login.prompt;
  if (!prompt) return <Spinner label="Contacting IAM Identity Center…" />;
  const page = prompt.verificationUriComplete ?? prompt.verificationUri;
  return (
    <section className="sso-prompt" aria-label="IAM Identity Center sign-in">
      <p>
        Confirm this code on the AWS sign-in page. The app asked your browser to open it; if no page opened, use the
        button below.
      </p>
      <p className="sso-prompt__code mono" aria-label={`Code ${prompt.userCode.split('').join(' ')}`}>
        {prompt.userCode}
      </p>
      <div className="row">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void call('app.openExternal', { url: page })}
        >
          Open the sign-in page
        </button>
        <Spinner label="Waiting for you to confirm…" />
      </div>
      <p className="muted">
        The code expires at {new Date(prompt.expiresAt).toLocaleTimeString()}. The AWS CLI can use this sign-in too.
      </p>
    </section>
  );
}
