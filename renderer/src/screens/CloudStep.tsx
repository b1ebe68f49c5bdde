import { lazy, Suspense, useEffect } from 'react';
import { CloudIcon } from '../components/Icons';
import { ScreenHeader } from '../components/ScreenHeader';
import { StepFooter } from '../components/StepFooter';
import { useAppStore } from '../store';
import { AwsIdentityPanel } from './AwsIdentityPanel';
import { Spinner } from '../components/Spinner';
import './CloudStep.css';

// Azure's panel (and the account picker it shares with Azure's sign-in) loads when Azure is chosen.
const AzureCloudPanel = lazy(async () => ({
  default: (await import('../clouds/azure/screens/CloudPanel')).AzureCloudPanel,
}));

export function CloudStep() {
  const cloud = useAppStore((s) => s.draft.cloud);
  const identity = useAppStore((s) => s.identity);
  const azureCli = useAppStore((s) => s.azure.cli);
  const cloudChosen = useAppStore((s) => s.cloudChosen);
  const untouched = useAppStore((s) => s.draft.step === 'cloud' && !s.draft.studio.team && s.furthest === 0);
  const { chooseCloud, signIn, goTo, azureCheckCli } = useAppStore.getState();

  useEffect(() => {
    if (cloud === 'aws' && identity.status === 'idle') void signIn();
  }, [cloud, identity.status, signIn]);

  // No AWS credentials on this computer, but a signed-in Azure CLI: Azure is chosen for a new
  // user, once (the choice stays on screen, and choosing AWS again sticks).
  const noAws = identity.status === 'error' && identity.error.code === 'NO_CREDENTIALS';
  useEffect(() => {
    if (cloud !== 'aws' || cloudChosen || !untouched || !noAws) return;
    if (azureCli.status === 'idle') void azureCheckCli();
    else if (azureCli.status === 'ready' && azureCli.value.signedIn) chooseCloud('azure');
  }, [cloud, cloudChosen, untouched, noAws, azureCli, azureCheckCli, chooseCloud]);

  return (
    <div className="screen">
      <ScreenHeader title="Where should Studio run your clusters?">
        The wizard prepares your own cloud account: a network, the roles Studio assumes through OpenID Connect, and
        access to the buckets and secrets you choose. Nothing changes until you have reviewed the plan.
      </ScreenHeader>

      <fieldset className="choice-grid">
        <legend className="visually-hidden">Cloud provider</legend>
        <label className={cloud === 'aws' ? 'choice choice--selected' : 'choice'}>
          <input type="radio" name="cloud" value="aws" checked={cloud === 'aws'} onChange={() => chooseCloud('aws')} />
          <CloudIcon provider="aws" />
          <span className="choice__text">
            <span className="choice__title">Amazon Web Services</span>
            <span className="choice__desc">
              A CloudFormation stack: VPC, subnets, IAM roles and the Studio OIDC trust.
            </span>
          </span>
        </label>
        <label className={cloud === 'azure' ? 'choice choice--selected' : 'choice'}>
          <input
            type="radio"
            name="cloud"
            value="azure"
            checked={cloud === 'azure'}
            onChange={() => chooseCloud('azure')}
          />
          <CloudIcon provider="azure" />
          <span className="choice__text">
            <span className="choice__title">Microsoft Azure</span>
            <span className="choice__desc">
              App registrations with federated credentials, custom roles and grants on your storage accounts and Key
              Vaults.
            </span>
          </span>
        </label>
      </fieldset>

      {cloud === 'aws' && <AwsIdentityPanel identity={identity} onRetry={() => void signIn()} />}
      {cloud === 'aws' && identity.status === 'ready' && (
        <p className="muted">
          Not the account you meant?{' '}
          <button type="button" className="link-button" onClick={() => goTo('signin')}>
            Use other credentials
          </button>
        </p>
      )}
      {cloud === 'azure' && (
        <Suspense fallback={<Spinner label="Loading…" />}>
          <AzureCloudPanel />
        </Suspense>
      )}
      <StepFooter nextLabel={cloud === 'aws' && identity.status !== 'ready' ? 'Choose credentials' : 'Next'} />
    </div>
  );
}
