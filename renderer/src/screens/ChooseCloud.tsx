import { useEffect } from 'react';
import { CloudIcon } from '../components/Icons';
import { useAppStore } from '../store';
import { AwsIdentityPanel } from './AwsIdentityPanel';

export function ChooseCloud() {
  const cloud = useAppStore((s) => s.cloud);
  const chooseCloud = useAppStore((s) => s.chooseCloud);
  const identity = useAppStore((s) => s.awsIdentity);
  const loadAwsIdentity = useAppStore((s) => s.loadAwsIdentity);

  useEffect(() => {
    if (cloud === 'aws' && identity.status === 'idle') void loadAwsIdentity();
  }, [cloud, identity.status, loadAwsIdentity]);

  return (
    <div className="screen">
      <header className="screen__header">
        <p className="eyebrow">Step 1</p>
        <h1>Where should Studio run your clusters?</h1>
        <p className="lede">
          The wizard prepares your own cloud account: a network, the roles Studio assumes through OpenID Connect,
          and access to the buckets and secrets you choose. Nothing changes until you have reviewed the plan.
        </p>
      </header>

      <fieldset className="choice-grid">
        <legend className="visually-hidden">Cloud provider</legend>
        <label className={cloud === 'aws' ? 'choice choice--selected' : 'choice'}>
          <input type="radio" name="cloud" value="aws" checked={cloud === 'aws'} onChange={() => chooseCloud('aws')} />
          <CloudIcon provider="aws" />
          <span className="choice__text">
            <span className="choice__title">Amazon Web Services</span>
            <span className="choice__desc">A CloudFormation stack: VPC, subnets, IAM roles and the Studio OIDC trust.</span>
          </span>
        </label>
        <label className="choice choice--disabled">
          <input type="radio" name="cloud" value="azure" disabled />
          <CloudIcon provider="azure" />
          <span className="choice__text">
            <span className="choice__title">Microsoft Azure</span>
            <span className="choice__desc">Not in this build yet: use the Terraform repository for Azure for now.</span>
          </span>
        </label>
      </fieldset>

      {cloud === 'aws' && <AwsIdentityPanel identity={identity} onRetry={() => void loadAwsIdentity()} />}
    </div>
  );
}
