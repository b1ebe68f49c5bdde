/**
 * Plan, confirm, deploy and follow on Azure: what `apply`, `grant` and `revoke` share. The plan
 * carries Azure's permission pre-check; a missing right stops here with exit 5 (nothing written).
 */
import type { AzurePlanView, AzureSetupConfigInput } from '../../electron/contract';
import { CliError, type Context } from '../context';
import { EXIT } from '../exit-codes';
import { describeAzurePlan } from './render';
import { azureTarget } from './setup-input';
import type { AzureScope } from './session';

export interface AzureApplyOptions {
  scope: AzureScope;
  config: AzureSetupConfigInput;
  revoking?: { buckets?: string[]; secrets?: string[] };
  verb: string;
  /** Said when the plan has nothing to do (by default the command's result: the outputs). */
  nothingToDo?: () => void | Promise<void>;
}

export async function azurePlan(ctx: Context, options: Omit<AzureApplyOptions, 'verb'>): Promise<AzurePlanView> {
  return ctx.call<AzurePlanView>('setup.plan', {
    cloud: 'azure',
    tenantId: options.scope.tenantId,
    subscriptionId: options.scope.subscriptionId,
    config: options.config,
    ...(options.revoking ? { revoking: { buckets: [], secrets: [], ...options.revoking } } : {}),
  });
}

export async function azurePlanAndApply(ctx: Context, options: AzureApplyOptions): Promise<unknown> {
  const plan = await azurePlan(ctx, options);
  if (!ctx.json) ctx.io.stderr.write(describeAzurePlan(ctx, plan));
  if (plan.kind === 'blocked') {
    const missing = plan.blockers.some((b) => b.code === 'PERMISSION_MISSING');
    throw new CliError(
      plan.blockers[0]?.message ?? 'The plan is blocked.',
      missing ? EXIT.permissions : EXIT.failed,
      missing
        ? 'Ask an admin for the rights above, or run `plan --handoff <folder>` and give them the folder.'
        : plan.blockers[0]?.hint,
      missing ? 'ACCESS_DENIED' : 'CONFLICT',
    );
  }
  if (plan.kind === 'no-changes') {
    if (options.nothingToDo) {
      await options.nothingToDo();
      return undefined;
    }
    const target = azureTarget(options.scope, plan.resourceGroup);
    const read = await ctx.call<{ outputs: unknown }>('setup.outputs', { target });
    ctx.result({ status: 'no-changes', ref: target, outputs: read.outputs }, 'Nothing to change.');
    return undefined;
  }
  const discard = () => ctx.call('setup.discardPlan', { planId: plan.planId }).catch(() => undefined);
  try {
    if (plan.takeover && ctx.args.flags['take-over'] !== 'yes') {
      if (!ctx.io.confirm || ctx.yes)
        throw new CliError(
          `${plan.takeover.summary} Nothing was changed.`,
          EXIT.notConfirmed,
          'Give --take-over yes to confirm this takeover.',
        );
      if (!(await ctx.io.confirm(`${plan.takeover.summary} ${plan.takeover.losses.join('; ')}. Take it over?`)))
        throw new CliError('Not confirmed: nothing was changed.', EXIT.notConfirmed);
    }
    await ctx.confirm(options.verb);
  } catch (error) {
    await discard();
    throw error;
  }
  const started = await ctx.call('setup.deploy', {
    planId: plan.planId,
    ...(plan.takeover ? { confirmTakeover: true } : {}),
  });
  return ctx.follow(started);
}

export function printAzureDeployed(ctx: Context, result: unknown) {
  const r = result as {
    ref: { resourceGroup: string };
    outputs: Record<string, string>;
    writes: number;
    notes: string[];
  };
  ctx.result(
    { status: 'deployed', ...r },
    [
      `${r.ref.resourceGroup} is deployed (${r.writes} write${r.writes === 1 ? '' : 's'}).`,
      ...Object.entries(r.outputs).map(([k, v]) => `${k} = ${v}`),
      ...r.notes,
    ].join('\n'),
  );
}
