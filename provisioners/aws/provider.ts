/**
 * AWS behind the provider seam: a CloudFormation stack per setup, found by its tag in every
 * enabled region, its record in the stack's template. Clients come from the app (credentials
 * never enter this module).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { ProvisionError } from '../core/errors';
import type { SetupProvider } from '../core/provider';
import { discardChangeSet, type ChangeSetRef } from './changeset';
import type { AwsClients } from './clients';
import { CANCEL_MEANING, deploySetup, followSetup } from './deploy';
import { awsErrorToApiError } from './errors';
import { awsChecks, type AwsCheckDeps } from './provider-checks';
import { readOutputs } from './outputs';
import { planSetup } from './plan';
import { readSetupRecord } from './record';
import { secretReference, type AwsSetupConfig } from './schema';
import type { AwsAccountRef, AwsPlanView, AwsSetupOutputs, AwsSetupRef, AwsSetupSummary } from './setup.schema';
import { findSetups } from './setups';
import { deployedTemplate, describeStack, liveStack } from './stack';
import { StacksInUse } from './stacks-in-use';
import { TEARDOWN_CANCEL_MEANING, teardownSetup } from './teardown';
import { enabledRegions } from './zones';

/** What the app gives the provider: clients made from the user's session, and two facts. */
export interface AwsProviderDeps {
  /** Clients for one call in a region, destroyed after it. */
  withClients<T>(profile: string | undefined, region: string, use: (clients: AwsClients) => Promise<T>): Promise<T>;
  /** Clients for a long operation; the caller destroys them. */
  openClients(profile: string | undefined, region: string): Promise<AwsClients & { destroy(): void }>;
  /** EC2 (any region) and CloudFormation per region, made on demand, for finding setups. */
  withRegional<T>(
    profile: string | undefined,
    use: (clients: {
      ec2(): Promise<Pick<EC2Client, 'send'>>;
      cloudformation(region: string): Pick<CloudFormationClient, 'send'>;
    }) => Promise<T>,
  ): Promise<T>;
  accountId(profile: string | undefined): Promise<string>;
  /** Thumbprints of the issuer's TLS chain (for a new OIDC provider). */
  thumbprints(issuer: string): Promise<string[]>;
  /** IAM, CloudFormation, S3, Secrets Manager and KMS for the doctor. */
  withDoctorClients: AwsCheckDeps['withDoctorClients'];
  /** The ARN STS says the session is. */
  callerArn(profile: string | undefined): Promise<string>;
}

export interface AwsDeployable {
  profile: string | undefined;
  region: string;
  changeSet: ChangeSetRef;
  plannedChanges: number;
  addAudienceTo?: string;
}

export type AwsPlanDetails = Omit<AwsPlanView, 'planId'>;

export type AwsProvider = SetupProvider<
  'aws',
  AwsAccountRef,
  AwsSetupRef,
  AwsSetupConfig,
  AwsPlanDetails,
  AwsDeployable,
  AwsSetupOutputs,
  AwsSetupSummary
>;

const REATTACH_MEANING =
  'Re-attached deploys cannot be cancelled from here: the app follows CloudFormation to the end.';

function withOptionalProfile(profile: string | undefined) {
  return profile ? { profile } : {};
}

export function createAwsProvider(deps: AwsProviderDeps): AwsProvider {
  // Deploys and re-attached follows hold their stack: no plan or discard deletes it meanwhile.
  const inUse = new StacksInUse();
  const isInUse = (stackId: string) => inUse.has(stackId);
  /** Run a long body with clients that live as long as it does. */
  async function* withOperationClients<R>(
    profile: string | undefined,
    region: string,
    body: (clients: AwsClients) => AsyncGenerator<import('../core/events').ProvisionEvent, R>,
  ) {
    const clients = await deps.openClients(profile, region);
    try {
      return yield* body(clients);
    } finally {
      clients.destroy();
    }
  }

  return {
    cloud: 'aws',
    features: new Set(['zones', 'sso', 'mfa', 'cmk']),

    async plan(account, config, { signal, revoking }) {
      const profile = account.profile;
      return deps.withClients(profile, config.region, async (clients) => {
        const plan = await planSetup(
          clients,
          config,
          { accountId: await deps.accountId(profile), thumbprints: deps.thumbprints, inUse: isInUse },
          { ...(signal ? { signal } : {}), ...(revoking ? { revoking } : {}) },
        );
        const { preflight } = plan;
        const common = {
          cloud: 'aws' as const,
          kind: plan.kind,
          stackName: plan.stackName,
          region: config.region,
          ...(preflight.action ? { action: preflight.action } : {}),
          ...(preflight.nextStep ? { nextStep: preflight.nextStep } : {}),
          blockers: preflight.blockers,
          warnings: preflight.warnings,
          ...(preflight.takeover && plan.kind === 'changes' ? { takeover: preflight.takeover } : {}),
          ...(preflight.suggestedPrefix ? { suggestedPrefix: preflight.suggestedPrefix } : {}),
          oidc: {
            mode: preflight.oidc.mode,
            addAudience: preflight.oidc.addAudience,
            ...(preflight.oidc.arn ? { arn: preflight.oidc.arn } : {}),
          },
        };
        if (plan.kind !== 'changes') {
          return {
            view: {
              ...common,
              rows: [],
              policies: [],
              outsideStack: [],
              ...(plan.kind === 'no-changes' ? { config: plan.config } : {}),
            },
          };
        }
        return {
          view: {
            ...common,
            rows: plan.rows,
            policies: plan.policies,
            outsideStack: plan.outsideStack,
            templateBytes: plan.templateBytes,
            cancelMeaning: CANCEL_MEANING[plan.changeSet.type],
            config: plan.config,
          },
          deployable: {
            profile,
            region: config.region,
            changeSet: plan.changeSet,
            plannedChanges: plan.rows.length,
            ...(plan.addAudienceTo ? { addAudienceTo: plan.addAudienceTo } : {}),
          },
        };
      });
    },

    async discard(d) {
      await deps.withClients(d.profile, d.region, (clients) =>
        discardChangeSet(clients.cloudformation, d.changeSet, { inUse: isInUse }),
      );
    },

    deploy(d) {
      const { changeSet } = d;
      return {
        title: `${changeSet.type === 'CREATE' ? 'Create' : 'Update'} ${changeSet.stackName} in ${d.region}`,
        cancellable: true,
        cancelMeaning: CANCEL_MEANING[changeSet.type],
        target: {
          cloud: 'aws',
          ...withOptionalProfile(d.profile),
          region: d.region,
          stackName: changeSet.stackName,
          stackId: changeSet.stackId,
        },
        plannedChanges: d.plannedChanges,
        run: (signal) =>
          inUse.during(
            changeSet.stackId,
            withOperationClients(d.profile, d.region, (clients) =>
              deploySetup(
                clients,
                {
                  changeSet,
                  plannedChanges: d.plannedChanges,
                  ...(d.addAudienceTo ? { addAudienceTo: d.addAudienceTo } : {}),
                },
                { signal },
              ),
            ),
          ),
      };
    },

    attach(ref, { plannedChanges }) {
      const stackId = ref.stackId ?? ref.stackName;
      return {
        title: `Following ${ref.stackName} in ${ref.region}`,
        cancellable: false,
        cancelMeaning: REATTACH_MEANING,
        target: ref,
        ...(plannedChanges ? { plannedChanges } : {}),
        run: (signal) =>
          inUse.during(
            stackId,
            withOperationClients(ref.profile, ref.region, (clients) =>
              followSetup(
                clients,
                { stackId, stackName: ref.stackName, ...(plannedChanges ? { plannedChanges } : {}) },
                { signal },
              ),
            ),
          ),
      };
    },

    teardown(ref, { resume } = {}) {
      return {
        title: `${resume ? 'Finishing the teardown of' : 'Tear down'} ${ref.stackName} in ${ref.region}`,
        cancellable: false,
        cancelMeaning: TEARDOWN_CANCEL_MEANING,
        target: ref,
        run: (signal) =>
          withOperationClients(ref.profile, ref.region, (clients) =>
            teardownSetup(clients, ref, { signal, ...(resume ? { resume } : {}) }),
          ),
      };
    },

    async outputs(ref, signal) {
      return deps.withClients(ref.profile, ref.region, (clients) => readOutputs(clients.cloudformation, ref, signal));
    },

    async readConfig(ref, signal) {
      return deps.withClients(ref.profile, ref.region, async (clients) => {
        // By id once known: a later stack of the same name is another setup.
        const stack = liveStack(await describeStack(clients.cloudformation, ref.stackId ?? ref.stackName, signal));
        if (!stack)
          throw new ProvisionError('NOT_FOUND', `There is no stack called ${ref.stackName} in ${ref.region}.`, {
            hint: 'It may have been deleted; check the region.',
          });
        const body = await deployedTemplate(clients.cloudformation, stack.StackId ?? ref.stackName, signal);
        const reading = body ? readSetupRecord(body) : { ours: false as const };
        if (!reading.ours)
          throw new ProvisionError('NOT_FOUND', `${ref.stackName} in ${ref.region} is not a setup made by this app.`, {
            hint: 'Check the region and the stack name.',
          });
        if ('problem' in reading)
          throw new ProvisionError(
            'STACK_NEEDS_ATTENTION',
            `${ref.stackName} in ${ref.region} was made by this app, but ${reading.problem}.`,
            { hint: 'Update DataChain Cluster Setup: a newer version may have made it.' },
          );
        return reading.config;
      });
    },

    async list(account, signal) {
      return deps.withRegional(account.profile, async (c) => {
        const regions = (await enabledRegions(await c.ec2(), signal)).map((r) => r.name);
        return findSetups((region) => c.cloudformation(region), regions, { profile: account.profile, signal });
      });
    },

    secretReference: ({ envName, id, key }) => secretReference(envName, id, key),
    toError: awsErrorToApiError,
    ...awsChecks(deps),
  };
}
