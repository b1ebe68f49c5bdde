/**
 * The AWS provider's checks around a setup: the permission preflight (IAM simulates the signed-in
 * principal), the admin hand-off (the exact template, without a change set, so a user with no
 * rights can make it), and the doctor with its one fix (restoring a Studio role's documents).
 */
import { ProvisionError } from '../core/errors';
import type { AwsClients } from './clients';
import { diagnoseSetup, restorePolicy, type DoctorClients } from './doctor/doctor';
import { handoffBundle } from './handoff';
import { oidcProviderArn } from './iam-policies';
import { resourceNames } from './naming';
import { checkPermissions } from './permissions/simulate-principal';
import { requiredRights } from './permissions/required';
import { effectiveConfig } from './plan';
import { preflight } from './preflight';
import { partitionOf, type AwsSetupConfig } from './schema';
import type { AwsProvider } from './provider';

export interface AwsCheckDeps {
  withClients<T>(profile: string | undefined, region: string, use: (clients: AwsClients) => Promise<T>): Promise<T>;
  withDoctorClients<T>(
    profile: string | undefined,
    region: string,
    use: (clients: DoctorClients) => Promise<T>,
  ): Promise<T>;
  accountId(profile: string | undefined): Promise<string>;
  /** The ARN STS says the session is (GetCallerIdentity). */
  callerArn(profile: string | undefined): Promise<string>;
  thumbprints(issuer: string): Promise<string[]>;
}

type Checks = Required<Pick<AwsProvider, 'permissions' | 'handoff' | 'doctor' | 'repair'>>;

async function readOnlyPlan(
  deps: AwsCheckDeps,
  clients: AwsClients,
  profile: string | undefined,
  config: AwsSetupConfig,
  signal?: AbortSignal,
) {
  const checked = await preflight(clients, config, signal);
  if (checked.blockers.length || !checked.action) {
    const first = checked.blockers[0];
    throw new ProvisionError('STACK_NEEDS_ATTENTION', first?.message ?? 'This setup cannot be planned now.', {
      hint: first?.hint ?? checked.nextStep ?? 'Plan it in the app to see why.',
    });
  }
  const accountId = await deps.accountId(profile);
  return {
    checked,
    accountId,
    action: checked.action,
    effective: await effectiveConfig(checked, config, { accountId, thumbprints: deps.thumbprints }),
  };
}

export function awsChecks(deps: AwsCheckDeps): Checks {
  return {
    async permissions(account, config, { signal }) {
      return deps.withClients(account.profile, config.region, async (clients) => {
        const checked = await preflight(clients, config, signal);
        const accountId = await deps.accountId(account.profile);
        const partition = partitionOf(config.region);
        const rights = requiredRights({
          action: checked.action ?? 'create',
          partition,
          region: config.region,
          accountId,
          names: resourceNames(config.namePrefix),
          oidc: {
            mode: checked.oidc.mode,
            arn: checked.oidc.arn ?? oidcProviderArn(partition, accountId, config.studio.issuer),
            addAudience: checked.oidc.addAudience,
          },
        });
        return checkPermissions(clients.iam, await deps.callerArn(account.profile), rights, signal);
      });
    },

    async handoff(account, config, { signal, templateUrl }) {
      return deps.withClients(account.profile, config.region, async (clients) => {
        const { checked, accountId, action, effective } = await readOnlyPlan(
          deps,
          clients,
          account.profile,
          config,
          signal,
        );
        return handoffBundle({
          config: effective,
          accountId,
          stackName: checked.stackName,
          action,
          ...(checked.oidc.mode === 'reuse' && checked.oidc.addAudience && checked.oidc.arn
            ? { addAudienceTo: checked.oidc.arn }
            : {}),
          ...(templateUrl ? { templateUrl } : {}),
        });
      });
    },

    async doctor(ref, signal) {
      return deps.withDoctorClients(ref.profile, ref.region, (clients) =>
        diagnoseSetup(clients, ref, { thumbprints: deps.thumbprints, ...(signal ? { signal } : {}) }),
      );
    },

    async repair(ref, remedy, signal) {
      return deps.withDoctorClients(ref.profile, ref.region, (clients) => restorePolicy(clients, ref, remedy, signal));
    },
  };
}
