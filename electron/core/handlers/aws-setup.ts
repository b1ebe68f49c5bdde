import { randomBytes } from 'node:crypto';
import type { ChangeSetRef } from '../../../provisioners/aws/changeset';
import { discardChangeSet } from '../../../provisioners/aws/changeset';
import { CANCEL_MEANING, deploySetup, followSetup } from '../../../provisioners/aws/deploy';
import { findSetups } from '../../../provisioners/aws/setups';
import { enabledRegions } from '../../../provisioners/aws/zones';
import { readOutputs } from '../../../provisioners/aws/outputs';
import { planSetup } from '../../../provisioners/aws/plan';
import { deployedTemplate } from '../../../provisioners/aws/stack';
import { readDeployedConfig } from '../../../provisioners/aws/template';
import { TEARDOWN_CANCEL_MEANING, teardownSetup } from '../../../provisioners/aws/teardown';
import { checkIssuer } from '../../../provisioners/aws/thumbprints';
import { ApiError, type AppContract } from '../../contract';
import { awsClients, lazy, withAwsClients, withRegionalClients } from '../aws/clients';
import type { AwsSessions } from '../aws/session';
import type { AwsClients } from '../../../provisioners/aws/clients';
import type { HandlersOf } from '../dispatch';
import type { OperationRegistry } from '../operations/registry';

type SetupHandlers = Pick<
  HandlersOf<AppContract>,
  | 'aws.issuer.check'
  | 'aws.setup.plan'
  | 'aws.setup.discardPlan'
  | 'aws.setup.deploy'
  | 'aws.setup.attach'
  | 'aws.setup.outputs'
  | 'aws.setup.config'
  | 'aws.setup.teardown'
  | 'aws.setups.list'
>;

/** A plan the user may deploy: kept here, so the window only ever names it by id. */
interface StoredPlan {
  profile: string | undefined;
  region: string;
  changeSet: ChangeSetRef;
  plannedChanges: number;
  addAudienceTo?: string;
}

const newPlanId = () => `plan_${randomBytes(12).toString('base64url')}`;

export interface SetupHandlerOptions {
  /** How the issuer's TLS chain is reached (tests point it at a local issuer). */
  issuerTarget?: Parameters<typeof checkIssuer>[1];
}

export function awsSetupHandlers(sessions: AwsSessions, operations: OperationRegistry, options: SetupHandlerOptions = {}): SetupHandlers {
  const plans = new Map<string, StoredPlan>();

  const sessionFor = (profile: string | undefined) => sessions.get({ profile });
  /** One call's clients for the region, destroyed after it. */
  const withClients = <T>(profile: string | undefined, region: string, use: (clients: AwsClients) => Promise<T>) => withAwsClients(sessionFor(profile), region, use);

  const take = (planId: string): StoredPlan => {
    const plan = plans.get(planId);
    if (!plan) {
      throw new ApiError('NOT_FOUND', 'This plan is no longer available.', { hint: 'Plan again: plans are kept only while the app runs, and each is used once.' });
    }
    plans.delete(planId);
    return plan;
  };

  return {
    async 'aws.issuer.check'({ issuer }) {
      return checkIssuer(issuer, options.issuerTarget);
    },

    async 'aws.setup.plan'({ profile, config }, ctx) {
      const session = sessionFor(profile);
      return withClients(profile, config.region, async (clients) => {
        const plan = await planSetup(
          clients,
          config,
          { accountId: await session.accountId(), thumbprints: async (issuer) => (await checkIssuer(issuer, options.issuerTarget)).thumbprints },
          ctx.signal ? { signal: ctx.signal } : {},
        );
        const planId = newPlanId();
        const { preflight } = plan;
        const common = {
          planId,
          kind: plan.kind,
          stackName: plan.stackName,
          region: config.region,
          ...(preflight.action ? { action: preflight.action } : {}),
          ...(preflight.nextStep ? { nextStep: preflight.nextStep } : {}),
          blockers: preflight.blockers,
          warnings: preflight.warnings,
          oidc: { mode: preflight.oidc.mode, addAudience: preflight.oidc.addAudience, ...(preflight.oidc.arn ? { arn: preflight.oidc.arn } : {}) },
        };
        if (plan.kind !== 'changes') {
          return { ...common, rows: [], policies: [], outsideStack: [], ...(plan.kind === 'no-changes' ? { config: plan.config } : {}) };
        }
        plans.set(planId, {
          profile,
          region: config.region,
          changeSet: plan.changeSet,
          plannedChanges: plan.rows.length,
          ...(plan.addAudienceTo ? { addAudienceTo: plan.addAudienceTo } : {}),
        });
        return {
          ...common,
          rows: plan.rows,
          policies: plan.policies,
          outsideStack: plan.outsideStack,
          templateBytes: plan.templateBytes,
          cancelMeaning: CANCEL_MEANING[plan.changeSet.type],
          config: plan.config,
        };
      });
    },

    async 'aws.setup.discardPlan'({ planId }) {
      const plan = plans.get(planId);
      if (!plan) return { discarded: false };
      plans.delete(planId);
      await withClients(plan.profile, plan.region, (clients) => discardChangeSet(clients.cloudformation, plan.changeSet));
      return { discarded: true };
    },

    async 'aws.setup.deploy'({ planId }) {
      const plan = take(planId);
      const session = sessionFor(plan.profile);
      const cancelMeaning = CANCEL_MEANING[plan.changeSet.type];
      const snapshot = operations.start({
        kind: 'aws.deploy',
        title: `${plan.changeSet.type === 'CREATE' ? 'Create' : 'Update'} ${plan.changeSet.stackName} in ${plan.region}`,
        cancelMeaning,
        context: { stackName: plan.changeSet.stackName, stackId: plan.changeSet.stackId, region: plan.region, ...(plan.profile ? { profile: plan.profile } : {}) },
        async *body(signal) {
          const clients = await awsClients(session, plan.region);
          try {
            return yield* deploySetup(
              clients,
              { changeSet: plan.changeSet, plannedChanges: plan.plannedChanges, ...(plan.addAudienceTo ? { addAudienceTo: plan.addAudienceTo } : {}) },
              { signal },
            );
          } finally {
            clients.destroy();
          }
        },
      });
      return { operationId: snapshot.operationId, cancelMeaning, cancellable: true, stackId: plan.changeSet.stackId };
    },

    async 'aws.setup.attach'({ profile, region, stackName, stackId, plannedChanges }) {
      const session = sessionFor(profile);
      const cancelMeaning = 'Re-attached deploys cannot be cancelled from here: the app follows CloudFormation to the end.';
      const snapshot = operations.start({
        kind: 'aws.deploy',
        title: `Following ${stackName} in ${region}`,
        cancellable: false,
        cancelMeaning,
        context: { stackName, stackId, region, ...(profile ? { profile } : {}) },
        async *body(signal) {
          const clients = await awsClients(session, region);
          try {
            return yield* followSetup(clients, { stackId, stackName, ...(plannedChanges ? { plannedChanges } : {}) }, { signal });
          } finally {
            clients.destroy();
          }
        },
      });
      return { operationId: snapshot.operationId, cancelMeaning, cancellable: false, stackId };
    },

    async 'aws.setups.list'({ profile }, ctx) {
      return withRegionalClients(sessionFor(profile), sessions.env, async (c) => {
        const regions = (await enabledRegions(await c.ec2(), ctx.signal)).map((r) => r.name);
        return findSetups((region) => lazy(() => c.cloudformation(region)), regions, ctx.signal);
      });
    },

    async 'aws.setup.outputs'({ profile, region, stackName }, ctx) {
      return withClients(profile, region, (clients) => readOutputs(clients.cloudformation, stackName, ctx.signal));
    },

    async 'aws.setup.config'({ profile, region, stackName }, ctx) {
      return withClients(profile, region, async (clients) => {
        const body = await deployedTemplate(clients.cloudformation, stackName, ctx.signal).catch(() => undefined);
        const config = body ? readDeployedConfig(body) : undefined;
        if (!config) throw new ApiError('NOT_FOUND', `${stackName} in ${region} is not a setup made by this app.`, { hint: 'Check the region and the stack name.' });
        return config;
      });
    },

    async 'aws.setup.teardown'({ profile, region, stackName }) {
      const session = sessionFor(profile);
      const snapshot = operations.start({
        kind: 'aws.teardown',
        title: `Tear down ${stackName} in ${region}`,
        cancellable: false,
        cancelMeaning: TEARDOWN_CANCEL_MEANING,
        context: { stackName, region, ...(profile ? { profile } : {}) },
        async *body(signal) {
          const clients = await awsClients(session, region);
          try {
            return yield* teardownSetup(clients, stackName, { signal });
          } finally {
            clients.destroy();
          }
        },
      });
      return { operationId: snapshot.operationId, cancelMeaning: TEARDOWN_CANCEL_MEANING, cancellable: false };
    },
  };
}
