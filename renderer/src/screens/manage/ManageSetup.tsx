import type { SetupRef } from '@contract/schemas/setup';
import type { AwsSetupConfig } from '@contract/clouds/aws';
import { awsOutputs } from '../../clouds/aws/outputs';
import { regionName } from '../../lib/regions';
import type { ManagedSetup } from '../../store/ui';
import { OutputsPanel } from '../OutputsPanel';
import { PlanView } from '../PlanView';
import { BucketGrants } from './BucketGrants';
import { DoctorCard } from './DoctorCard';
import { KeysCard } from './KeysCard';
import { ManageShell } from './ManageShell';
import { SecretGrants } from './SecretGrants';
import { StudioCard } from './StudioCard';
import { TeardownCard } from './TeardownCard';

type AwsRef = Extract<SetupRef, { cloud: 'aws' }>;

/** What a stack's teardown deletes and keeps; the OIDC provider sentence says which case this is. */
function teardownConfirmation(region: string, issuer: string, reusedProvider: boolean) {
  return (
    <>
      <p>
        This deletes the VPC, subnets, security group and the five IAM roles of this setup in {region}. Delete the
        DataChain clusters in Studio first: the app refuses while one still runs in this network.
      </p>
      <p>
        Your own buckets, secrets and KMS keys are kept, with everything in them: only this setup's access to them goes.{' '}
        {reusedProvider
          ? `The OIDC provider for ${issuer} existed before this setup and is left in place.`
          : `The OIDC provider for ${issuer} was created by this setup and is deleted with it.`}{' '}
        Once started, a deletion cannot be stopped.
      </p>
    </>
  );
}

/**
 * One deployed stack: who it lets in, what it grants (buckets, secrets, the keys they need), its
 * outputs, the doctor, and teardown, in the neutral manage screen.
 */
export function ManageSetup({ setup, onBack }: { setup: ManagedSetup & { target: AwsRef }; onBack(): void }) {
  const target = setup.target;
  return (
    <ManageShell<AwsSetupConfig>
      target={target}
      eyebrow={regionName(target.region)}
      title={target.stackName}
      intro="Grant or revoke buckets and secrets, rename their job variables, export the outputs again, or tear the setup down. Every change shows its plan before it applies."
      planInput={(config, revoking) => ({
        cloud: 'aws',
        ...(target.profile ? { profile: target.profile } : {}),
        config,
        ...(revoking ? { revoking } : {}),
      })}
      planView={(plan) => plan.cloud === 'aws' && <PlanView plan={plan} onlyChangedPolicies />}
      tornDown={(result) => (
        <>
          <p>
            {target.stackName} is deleted, with its network, roles and grants. Your buckets, secrets and keys are
            untouched. Remove the cluster settings for this account from Studio as well.
          </p>
          {((result as { leftAlone?: { id: string; reason: string }[] }).leftAlone ?? []).map((l) => (
            <p key={l.id}>
              Left in place: <span className="mono">{l.id}</span> ({l.reason}).
            </p>
          ))}
        </>
      )}
      onBack={onBack}
    >
      {({ config, busy, propose, version, tearDown }) => (
        <>
          <StudioCard studio={config.studio} />
          <BucketGrants config={config} busy={busy} propose={propose} />
          <SecretGrants config={config} busy={busy} propose={propose} />
          <KeysCard config={config} busy={busy} propose={propose} />
          <section className="card" aria-label="Outputs">
            <h2>Outputs</h2>
            <OutputsPanel key={version} target={target} exporter={awsOutputs} />
          </section>
          <DoctorCard target={target} />
          <TeardownCard
            name={target.stackName}
            description="Deletes the stack: the network, the roles and the grants. Studio can no longer reach this account afterwards."
            confirmation={teardownConfirmation(target.region, config.studio.issuer, !!config.existingOidcProviderArn)}
            busy={busy}
            onConfirm={tearDown}
          />
        </>
      )}
    </ManageShell>
  );
}
