import type { AwsIdentity } from '@contract/schemas/aws';
import { CheckIcon } from '../components/Icons';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import type { Loadable } from '../store/session';

const PRINCIPAL_LABEL: Record<AwsIdentity['principal']['type'], string> = {
  root: 'Root user',
  user: 'IAM user',
  'assumed-role': 'Assumed role',
  'federated-user': 'Federated user',
  other: 'Principal',
};

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
  if (identity.status === 'error') {
    return <ErrorNotice title="AWS credentials" error={identity.error} onRetry={onRetry} />;
  }
  const { value } = identity;
  return (
    <section className="identity" aria-label="AWS identity">
      <p className="identity__status">
        <span className="badge badge--ok">
          <CheckIcon /> Signed in
        </span>
        <span className="muted">via {value.source.label}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>Account</dt>
          <dd className="mono" data-testid="aws-account-id">{value.accountId}</dd>
        </div>
        <div>
          <dt>{PRINCIPAL_LABEL[value.principal.type]}</dt>
          <dd>{value.principal.name}{value.principal.session ? <span className="muted"> (session {value.principal.session})</span> : null}</dd>
        </div>
        <div className="facts__wide">
          <dt>ARN</dt>
          <dd className="mono">{value.arn}</dd>
        </div>
        {value.expiresAt && (
          <div>
            <dt>Credentials expire</dt>
            <dd>{new Date(value.expiresAt).toLocaleString()}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
