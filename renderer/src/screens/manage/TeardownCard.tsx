import { useState } from 'react';
import { Modal } from '../../components/Modal';

/** Tear down, after a confirmation that says what goes and what stays. */
export function TeardownCard({
  stackName,
  region,
  issuer,
  reusedProvider,
  busy,
  onConfirm,
}: {
  stackName: string;
  region: string;
  /** The Studio issuer the setup trusts (host and path). */
  issuer: string;
  /** The account's OIDC provider for the issuer existed before this setup (it is reused, never deleted). */
  reusedProvider: boolean;
  busy: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <section className="card card--danger" aria-label="Tear down">
      <h2>Tear down</h2>
      <p>
        Deletes the stack: the network, the roles and the grants. Studio can no longer reach this account afterwards.
      </p>
      <button type="button" className="button button--danger" disabled={busy} onClick={() => setAsking(true)}>
        Tear down {stackName}
      </button>
      {asking && (
        <Modal title={`Tear down ${stackName}?`} onClose={() => setAsking(false)}>
          <p>
            This deletes the VPC, subnets, security group and the five IAM roles of this setup in {region}. Delete the
            DataChain clusters in Studio first: the app refuses while one still runs in this network.
          </p>
          <p>
            Your own buckets, secrets and KMS keys are kept, with everything in them: only this setup's access to them
            goes.{' '}
            {reusedProvider
              ? `The OIDC provider for ${issuer} existed before this setup and is left in place.`
              : `The OIDC provider for ${issuer} was created by this setup and is deleted with it.`}{' '}
            Once started, a deletion cannot be stopped.
          </p>
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setAsking(false);
                onConfirm();
              }}
            >
              Yes, tear it down
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
              Keep it
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
