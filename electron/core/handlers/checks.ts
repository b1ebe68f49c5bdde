/** The checks around a setup, routed by cloud like the setup lifecycle (handlers/setup.ts). */
import type { AnySetupProvider } from '../../../provisioners/core/provider';
import type { CloudId } from '../../../provisioners/core/setup.schema';
import { ApiError, type AppContract } from '../../contract';
import type { ProviderRegistry } from '../clouds';
import type { HandlersOf } from '../dispatch';

type CheckHandlers = Pick<
  HandlersOf<AppContract>,
  'setup.permissions' | 'setup.handoff' | 'setup.doctor' | 'setup.repair'
>;

type Check = 'permissions' | 'handoff' | 'doctor' | 'repair';

const WHAT: Record<Check, string> = {
  permissions: 'check your permissions',
  handoff: 'prepare an admin hand-off',
  doctor: 'run the doctor',
  repair: "apply the doctor's fixes",
};

export function checkHandlers(providers: ProviderRegistry): CheckHandlers {
  const checks = async <K extends Check>(cloud: CloudId, check: K): Promise<NonNullable<AnySetupProvider[K]>> => {
    // The provider is loaded on its cloud's first call (electron/core/clouds).
    const provider = await providers[cloud]?.provider();
    const method = provider?.[check];
    if (!method)
      throw new ApiError('INVALID_INPUT', `This build of the app cannot ${WHAT[check]} on ${cloud} yet.`, {
        hint: 'Update DataChain Cluster Setup.',
      });
    return (method as (...args: never[]) => unknown).bind(provider) as NonNullable<AnySetupProvider[K]>;
  };
  const signalOf = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

  return {
    async 'setup.permissions'(input, ctx) {
      const { config, revoking: _revoking, ...account } = input;
      return (await checks(input.cloud, 'permissions'))(account, config, signalOf(ctx.signal));
    },
    async 'setup.handoff'({ plan, templateUrl }, ctx) {
      const { config, revoking: _revoking, ...account } = plan;
      return (await checks(plan.cloud, 'handoff'))(account, config, {
        ...signalOf(ctx.signal),
        ...(templateUrl ? { templateUrl } : {}),
      });
    },
    async 'setup.doctor'({ target }, ctx) {
      return (await checks(target.cloud, 'doctor'))(target, ctx.signal);
    },
    async 'setup.repair'({ target, remedy }, ctx) {
      return { done: await (await checks(target.cloud, 'repair'))(target, remedy, ctx.signal) };
    },
  };
}
