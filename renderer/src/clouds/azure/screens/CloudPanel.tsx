import { useEffect } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Spinner';
import { useAppStore } from '../../../store';
import { AzureAccountPicker } from './SignIn';

/**
 * Azure on the cloud step, as AWS's default credentials are there: a signed-in Azure CLI session
 * is found and used at once (no prompt: the CLI hands the app its token), with who, the tenant and
 * the subscription shown; the sign-in step is then skipped and stays one click away. Without a
 * session, Next opens the sign-in step (browser or device code).
 */
export function AzureCloudPanel() {
  const cli = useAppStore((s) => s.azure.cli);
  const identity = useAppStore((s) => s.azure.identity);
  const { azureCheckCli, azureSignIn, goTo } = useAppStore.getState();
  const cliSignedIn = cli.status === 'ready' && cli.value.signedIn;

  useEffect(() => {
    if (cli.status === 'idle') void azureCheckCli();
  }, [cli.status, azureCheckCli]);
  useEffect(() => {
    if (cliSignedIn && identity.status === 'idle') void azureSignIn('cli');
  }, [cliSignedIn, identity.status, azureSignIn]);

  if (identity.status === 'ready')
    return (
      <>
        <AzureAccountPicker identity={identity.value} />
        <p className="muted">
          Not the account you meant?{' '}
          <button type="button" className="link-button" onClick={() => goTo('signin')}>
            Sign in another way
          </button>
        </p>
      </>
    );
  if (cli.status === 'idle' || cli.status === 'loading')
    return (
      <div className="identity identity--loading" aria-busy="true">
        <Spinner label="Looking for an Azure CLI session…" />
      </div>
    );
  if (identity.status === 'loading')
    return (
      <div className="identity identity--loading" aria-busy="true">
        <Spinner label="Signing in with the Azure CLI session…" />
      </div>
    );
  if (identity.status === 'error' && identity.error.code !== 'CANCELLED')
    return <ErrorNotice title="Azure sign-in" error={identity.error} onRetry={() => void azureSignIn('cli')} />;
  return (
    <p className="muted">
      {cli.status === 'ready' && cli.value.reason ? `${cli.value.reason} ` : ''}Next, sign in with the browser or a
      device code.
    </p>
  );
}
