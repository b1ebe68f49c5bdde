import type { AwsIdentity } from '@contract/clouds/aws';
import { CheckIcon } from '../components/Icons';
import './IdentitySummary.css';

const PRINCIPAL_LABEL: Record<AwsIdentity['principal']['type'], string> = {
  root: 'Root user',
  user: 'IAM user',
  'assumed-role': 'Assumed role',
  'federated-user': 'Federated user',
  other: 'Principal',
};

/** Who the credentials belong to: account and alias, principal, source, expiry. */
export function IdentitySummary({ identity }: { identity: AwsIdentity }) {
  return (
    <section className="identity" aria-label="AWS identity">
      <p className="identity__status">
        <span className="badge badge--ok">
          <CheckIcon /> Signed in
        </span>
        <span className="muted">via {identity.source.label}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>Account</dt>
          <dd className="mono">{identity.accountId}</dd>
        </div>
        {identity.accountAlias && (
          <div>
            <dt>Alias</dt>
            <dd>{identity.accountAlias}</dd>
          </div>
        )}
        <div>
          <dt>{PRINCIPAL_LABEL[identity.principal.type]}</dt>
          <dd>
            {identity.principal.name}
            {identity.principal.session ? <span className="muted"> (session {identity.principal.session})</span> : null}
          </dd>
        </div>
        {identity.expiresAt && (
          <div>
            <dt>Credentials expire</dt>
            <dd>{new Date(identity.expiresAt).toLocaleString()}</dd>
          </div>
        )}
        <div className="facts__wide">
          <dt>ARN</dt>
          <dd className="mono">{identity.arn}</dd>
        </div>
      </dl>
    </section>
  );
}
