import { useEffect } from 'react';
import type { AzureIdentity, AzureSignInMethod } from '@contract/clouds/azure';
import { call } from '../../../api/client';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { SelectField } from '../../../components/Field';
import { CheckIcon } from '../../../components/Icons';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { StepFooter } from '../../../components/StepFooter';
import { useAppStore } from '../../../store';
import type { OperationView } from '../../../store/operation-state';
import './azure.css';

/** Microsoft's page on installing the Azure CLI (opened in the system browser). */
const AZ_INSTALL_PAGE = 'https://learn.microsoft.com/cli/azure/install-azure-cli';

const METHOD_LABEL: Record<AzureSignInMethod, string> = {
  cli: 'the Azure CLI session',
  browser: 'browser sign-in',
  deviceCode: 'a device code',
};

export function AzureSignInStep() {
  const cli = useAppStore((s) => s.azure.cli);
  const identity = useAppStore((s) => s.azure.identity);
  const signIn = useAppStore((s) => s.azure.signIn);
  const { azureCheckCli, azureSignIn, azureCancelSignIn } = useAppStore.getState();

  useEffect(() => {
    if (cli.status === 'idle') void azureCheckCli();
  }, [cli.status, azureCheckCli]);

  const busy = identity.status === 'loading';
  const cliReady = cli.status === 'ready' && cli.value.signedIn;

  return (
    <div className="screen">
      <ScreenHeader title="Sign in to Azure">
        Sign in as someone who may create app registrations and assign roles in the subscription (Owner, or Contributor
        and User Access Administrator). Your tokens stay in the app: this window never sees them.
      </ScreenHeader>

      <section className="card" aria-label="Azure CLI session">
        <h2>Azure CLI</h2>
        {cli.status === 'loading' && <Spinner label="Looking for an Azure CLI session…" />}
        {cli.status === 'error' && <ErrorNotice error={cli.error} onRetry={() => void azureCheckCli()} />}
        {cli.status === 'ready' &&
          (cli.value.signedIn ? (
            <p>
              The Azure CLI is signed in as <strong>{cli.value.user ?? 'an account'}</strong>
              {cli.value.tenantId ? (
                <>
                  {' '}
                  in tenant <span className="mono">{cli.value.tenantId}</span>
                </>
              ) : null}
              . Using it needs no other sign-in.
            </p>
          ) : (
            <p className="muted">
              {cli.value.reason}{' '}
              {cli.value.installed ? (
                <>
                  Run <code>az login</code> in a terminal, then look again, or
                </>
              ) : (
                <>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void call('app.openExternal', { url: AZ_INSTALL_PAGE }).catch(() => undefined)}
                  >
                    Install it
                  </button>
                  , or
                </>
              )}{' '}
              sign in with the browser or a device code below.
            </p>
          ))}
        <div className="row">
          <button
            type="button"
            className={cliReady ? 'button button--primary' : 'button button--secondary'}
            disabled={busy || !cliReady}
            onClick={() => void azureSignIn('cli')}
          >
            Use the Azure CLI session
          </button>
          {cli.status === 'ready' && !cli.value.signedIn && (
            <button type="button" className="link-button" onClick={() => void azureCheckCli()}>
              Look again
            </button>
          )}
        </div>
      </section>

      <section className="card" aria-label="Other ways to sign in">
        <h2>Microsoft account</h2>
        <p className="muted">
          The browser sign-in opens Microsoft's page in your default browser. A device code works when the browser is on
          another computer (your organization may block it).
        </p>
        <div className="row">
          <button
            type="button"
            className={cliReady ? 'button button--secondary' : 'button button--primary'}
            disabled={busy}
            onClick={() => void azureSignIn('browser')}
          >
            Sign in with the browser
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void azureSignIn('deviceCode')}
          >
            Sign in with a device code
          </button>
        </div>
      </section>

      {signIn && signIn.status === 'running' && <SignInWait view={signIn} onCancel={() => void azureCancelSignIn()} />}
      {identity.status === 'error' && identity.error.code !== 'CANCELLED' && (
        <ErrorNotice title="Azure sign-in" error={identity.error} />
      )}
      {identity.status === 'ready' && <AzureAccountPicker identity={identity.value} />}

      <StepFooter />
    </div>
  );
}

/** While a sign-in waits: the device code to type (with copy), or the browser to finish in. */
function SignInWait({ view, onCancel }: { view: OperationView; onCancel(): void }) {
  const prompt = view.prompt;
  return (
    <section className="card azure-wait" aria-label="Sign-in in progress">
      {prompt ? (
        <>
          <p>
            On <span className="mono">{prompt.verificationUri}</span>, enter this code and sign in:
          </p>
          <p className="device-code mono" aria-label={`Code ${prompt.userCode.split('').join(' ')}`}>
            {prompt.userCode}
          </p>
          <div className="row">
            <CopyButton text={prompt.userCode} label="Copy the device code">
              Copy the code
            </CopyButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void call('app.openExternal', { url: prompt.verificationUri })}
            >
              Open the sign-in page
            </button>
          </div>
          <p className="muted">The code expires at {new Date(prompt.expiresAt).toLocaleTimeString()}.</p>
        </>
      ) : null}
      <div className="row">
        <Spinner label={prompt ? 'Waiting for you to confirm the code…' : `${view.title || 'Signing in'}…`} />
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel sign-in
        </button>
      </div>
    </section>
  );
}

/** Who signed in, and the tenant and subscription to set up. */
export function AzureAccountPicker({ identity }: { identity: AzureIdentity }) {
  const tenantId = useAppStore((s) => s.draft.azure?.tenantId ?? identity.tenant.tenantId);
  const subscriptionId = useAppStore((s) => s.draft.azure?.subscriptionId ?? '');
  const subscriptions = useAppStore((s) => s.azure.subscriptions[tenantId]);
  const { updateAzure, azureLoadSubscriptions, azureSignIn } = useAppStore.getState();

  useEffect(() => {
    if (!subscriptions) void azureLoadSubscriptions(tenantId);
  }, [subscriptions, tenantId, azureLoadSubscriptions]);

  const tenantLabel = (t: AzureIdentity['tenant']) =>
    t.displayName ? `${t.displayName} (${t.defaultDomain ?? t.tenantId})` : t.tenantId;
  const otherTenant = tenantId !== identity.tenant.tenantId;
  const needsNewSignIn = otherTenant && identity.method !== 'cli';

  return (
    <section className="identity" aria-label="Azure identity">
      <p className="identity__status">
        <span className="badge badge--ok">
          <CheckIcon /> Signed in
        </span>
        <span className="muted">with {METHOD_LABEL[identity.method]}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>User</dt>
          <dd>
            {identity.user.displayName ? `${identity.user.displayName} ` : ''}
            <span className="mono">{identity.user.userPrincipalName ?? identity.user.id}</span>
          </dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd>{tenantLabel(identity.tenant)}</dd>
        </div>
      </dl>
      <div className="grid-2">
        <SelectField
          label="Tenant"
          value={tenantId}
          onChange={(value) => updateAzure({ tenantId: value, subscriptionId: '' })}
          options={identity.tenants.map((t) => ({ value: t.tenantId, label: tenantLabel(t) }))}
          hint="The Microsoft Entra tenant the app registrations are made in."
        />
        {needsNewSignIn ? (
          <Notice tone="info" title="Sign in to this tenant">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void azureSignIn(identity.method, tenantId)}
            >
              Sign in to this tenant
            </button>
          </Notice>
        ) : subscriptions?.status === 'ready' ? (
          subscriptions.value.length === 0 ? (
            <Notice tone="warning" title="No subscriptions">
              This account has no subscription in the tenant. Ask an admin for access, or choose another tenant.
            </Notice>
          ) : (
            <SelectField
              label="Subscription"
              value={subscriptionId}
              onChange={(value) => updateAzure({ subscriptionId: value })}
              options={[
                ...(subscriptionId ? [] : [{ value: '', label: 'Choose a subscription', disabled: true }]),
                ...subscriptions.value.map((s) => ({
                  value: s.subscriptionId,
                  label: s.enabled ? s.displayName : `${s.displayName} (${s.state})`,
                  disabled: !s.enabled,
                })),
              ]}
              hint="Only enabled subscriptions can be set up."
            />
          )
        ) : subscriptions?.status === 'error' ? (
          <ErrorNotice error={subscriptions.error} onRetry={() => void azureLoadSubscriptions(tenantId)} />
        ) : (
          <Spinner label="Reading the subscriptions…" />
        )}
      </div>
    </section>
  );
}
