/**
 * The setup lifecycle for every cloud: each call names its cloud (in its reference or input),
 * and is routed to that cloud's provider. Plans stay here, in the main process: the window
 * names them by id, and a plan that takes a setup over from its owner deploys only when the
 * user confirms it.
 */
import { randomBytes } from 'node:crypto';
import type { AnySetupProvider, OperationPlan } from '../../../provisioners/core/provider';
import type { CloudId } from '../../../provisioners/core/setup.schema';
import { checkIssuer } from '../../../provisioners/core/issuer';
import { ApiError, type AppContract, type OperationKind } from '../../contract';
import type { ProviderRegistry } from '../clouds';
import type { HandlersOf } from '../dispatch';
import type { OperationRegistry } from '../operations/registry';

type SetupHandlers = Pick<
  HandlersOf<AppContract>,
  | 'studio.issuer.check'
  | 'setup.plan'
  | 'setup.discardPlan'
  | 'setup.deploy'
  | 'setup.attach'
  | 'setup.outputs'
  | 'setup.config'
  | 'setup.teardown'
  | 'setups.list'
>;

/** A plan the user may deploy, kept until it is deployed or discarded. */
interface StoredPlan {
  cloud: CloudId;
  deployable: unknown;
  takeover: boolean;
}

const newPlanId = () => `plan_${randomBytes(12).toString('base64url')}`;

export interface SetupHandlerOptions {
  /** How the issuer's TLS chain is reached (tests point it at a local issuer). */
  issuerTarget?: Parameters<typeof checkIssuer>[1];
}

/** The plans kept in this process, so that shutting down can throw away the ones never deployed. */
export class PlanStore extends Map<string, StoredPlan> {
  constructor(private readonly providers: ProviderRegistry) {
    super();
  }

  /**
   * Discard every plan still kept (on AWS: delete its change set, and the empty review stack a
   * first plan made). Called when the app quits or the host stops; failures are given up on:
   * the next plan removes what is left.
   */
  async discardAll(): Promise<void> {
    const kept = [...this.values()];
    this.clear();
    await Promise.allSettled(
      kept.map(async (plan) => (await this.providers[plan.cloud]?.provider())?.discard(plan.deployable)),
    );
  }
}

export function setupHandlers(
  providers: ProviderRegistry,
  operations: OperationRegistry,
  options: SetupHandlerOptions = {},
  plans: PlanStore = new PlanStore(providers),
): SetupHandlers {
  const providerFor = async (cloud: CloudId): Promise<AnySetupProvider> => {
    const entry = providers[cloud];
    if (!entry)
      throw new ApiError('INVALID_INPUT', `This build of the app cannot set up ${cloud} yet.`, {
        hint: 'Update DataChain Cluster Setup.',
      });
    return entry.provider();
  };

  const stored = (planId: string): StoredPlan => {
    const plan = plans.get(planId);
    if (!plan)
      throw new ApiError('NOT_FOUND', 'This plan is no longer available.', {
        hint: 'Plan again: plans are kept only while the app runs, and each is used once.',
      });
    return plan;
  };

  const start = (kind: OperationKind, cloud: CloudId, op: OperationPlan<unknown, unknown>) => {
    const snapshot = operations.start({
      kind,
      title: op.title,
      cancellable: op.cancellable,
      cancelMeaning: op.cancelMeaning,
      context: { cloud, target: JSON.stringify(op.target) },
      body: (signal) => op.run(signal),
    });
    return {
      operationId: snapshot.operationId,
      cancelMeaning: op.cancelMeaning,
      cancellable: op.cancellable,
      target: op.target as never,
      ...(op.plannedChanges !== undefined ? { plannedChanges: op.plannedChanges } : {}),
    };
  };

  return {
    async 'studio.issuer.check'({ issuer }) {
      return checkIssuer(issuer, options.issuerTarget);
    },

    async 'setup.plan'(input, ctx) {
      const { config, revoking, ...account } = input;
      const prepared = await (
        await providerFor(input.cloud)
      ).plan(account, config, {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(revoking ? { revoking } : {}),
      });
      const planId = newPlanId();
      if (prepared.deployable !== undefined)
        plans.set(planId, { cloud: input.cloud, deployable: prepared.deployable, takeover: !!prepared.view.takeover });
      return { ...prepared.view, planId } as never;
    },

    async 'setup.discardPlan'({ planId }) {
      const plan = plans.get(planId);
      if (!plan) return { discarded: false };
      plans.delete(planId);
      await (await providerFor(plan.cloud)).discard(plan.deployable);
      return { discarded: true };
    },

    async 'setup.deploy'({ planId, confirmTakeover }) {
      const plan = stored(planId);
      if (plan.takeover && !confirmTakeover) {
        throw new ApiError(
          'CONFLICT',
          'This plan takes the setup away from the Studio credentials it trusts now, or removes grants nobody asked to revoke.',
          {
            hint: 'Read who loses access on the review screen; deploy only after confirming it. Nothing was changed.',
          },
        );
      }
      plans.delete(planId);
      return start('deploy', plan.cloud, (await providerFor(plan.cloud)).deploy(plan.deployable));
    },

    async 'setup.attach'({ target, plannedChanges }) {
      return start(
        'attach',
        target.cloud,
        (await providerFor(target.cloud)).attach(target, { ...(plannedChanges ? { plannedChanges } : {}) }),
      );
    },

    async 'setup.teardown'({ target, resume }) {
      return start(
        'teardown',
        target.cloud,
        (await providerFor(target.cloud)).teardown(target, resume ? { resume } : {}),
      );
    },

    async 'setup.outputs'({ target }, ctx) {
      return {
        cloud: target.cloud,
        outputs: await (await providerFor(target.cloud)).outputs(target, ctx.signal),
      } as never;
    },

    async 'setup.config'({ target }, ctx) {
      return {
        cloud: target.cloud,
        config: await (await providerFor(target.cloud)).readConfig(target, ctx.signal),
      } as never;
    },

    async 'setups.list'({ account }, ctx) {
      return (await providerFor(account.cloud)).list(account, ctx.signal);
    },
  };
}
