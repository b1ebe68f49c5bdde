import type { AwsIdentity } from '@contract/clouds/aws';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import type { Loadable } from '../store/session';
import { IdentitySummary } from './IdentitySummary';
import './IdentitySummary.css';

interface Props {
  identity: Loadable<AwsIdentity>;
  onRetry(): void;
}

/** "Who am I" for AWS: account and principal, or what to do when there are no credentials. */
export function AwsIdentityPanel({ identity, onRetry }: Props) {
  if (identity.status === 'idle' || identity.status === 'loading') {
    return (
      <div className="identity identity--loading" aria-busy="true">
        <Spinner label="Checking your local AWS credentials…" />
      </div>
    );
  }
  if (identity.status === 'error')
    return <ErrorNotice title="AWS credentials" error={identity.error} onRetry={onRetry} />;
  return <IdentitySummary identity={identity.value} />;
}
