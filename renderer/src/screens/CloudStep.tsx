import { useEffect } from 'react';
import { CloudIcon } from '../components/Icons';
import { ScreenHeader } from '../components/ScreenHeader';
import { StepFooter } from '../components/StepFooter';
import { useAppStore } from '../store';
import { AwsIdentityPanel } from './AwsIdentityPanel';
import './CloudStep.css';

export function CloudStep() {
  const cloud = useAppStore((s) => s.draft.cloud);
  const identity = useAppStore((s) => s.identity);
  const { setDraft, signIn, goTo } = useAppStore.getState();

  useEffect(() => {
    if (cloud === 'aws' && identity.status === 'idle') void signIn();
  }, [cloud, identity.status, signIn]);

  return (
    <div className="screen">
      <ScreenHeader title="Where should Studio run your clusters?">
        The wizard prepares your own cloud account: a network, the roles Studio assumes through OpenID Connect, and
        access to the buckets and secrets you choose. Nothing changes until you have reviewed the plan.
      </ScreenHeader>

      <fieldset className="choice-grid">
        <legend className="visually-hidden">Cloud provider</legend>
        <label className={cloud === 'aws' ? 'choice choice--selected' : 'choice'}>
          <input
            type="radio"
            name="cloud"
            value="aws"
            checked={cloud === 'aws'}
            onChange={() => setDraft({ cloud: 'aws' })}
          />
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
            onChange={() => setDraft({ cloud: 'azure' })}
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
      <StepFooter nextLabel={cloud === 'aws' && identity.status !== 'ready' ? 'Choose credentials' : 'Next'} />
    </div>
  );
}
