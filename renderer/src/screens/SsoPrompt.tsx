import { call } from '../api/client';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { useAppStore } from '../store';
import type { OperationView } from '../store/operation-state';
import './SsoPrompt.css';

/**
 * The IAM Identity Center device code, shown in the app while the browser confirms it. It says
 * that a page opened only when the app opened one; in a browser tab the page is a link.
 */
export function SsoPrompt({ login, onRetry }: { login: OperationView; onRetry(): void }) {
  const runtime = useAppStore((s) => s.appInfo?.runtime);
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
        {prompt.opened
          ? 'Your browser opened the AWS sign-in page. Check that it shows this code, then allow access.'
          : 'Open the AWS sign-in page, check that it shows this code, then allow access.'}
      </p>
      <div className="row">
        <p className="sso-prompt__code mono" aria-label={`Code ${prompt.userCode.split('').join(' ')}`}>
          {prompt.userCode}
        </p>
        <CopyButton text={prompt.userCode} label="Copy the code">
          Copy code
        </CopyButton>
      </div>
      <div className="row">
        {runtime === 'electron' ? (
          <button
            type="button"
            className={prompt.opened ? 'button button--secondary' : 'button button--primary'}
            onClick={() => void call('app.openExternal', { url: page })}
          >
            {prompt.opened ? 'Open the page again' : 'Open the AWS sign-in page'}
          </button>
        ) : (
          <a className="button button--primary" href={page} target="_blank" rel="noopener noreferrer">
            Open the AWS sign-in page
          </a>
        )}
        <Spinner label="Waiting for you to allow access…" />
      </div>
      <p className="muted">The code expires at {new Date(prompt.expiresAt).toLocaleTimeString()}.</p>
    </section>
  );
}
