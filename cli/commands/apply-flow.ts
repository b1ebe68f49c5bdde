/**
 * Plan, check the rights the plan needs, confirm, deploy and follow: what `apply`, `grant` and
 * `revoke` share. The plan is the app's own (setup.plan), kept by the core until deployed.
 */
import type { AwsSetupConfigInput, PermissionReport, AwsPlanView as SetupPlan } from '../../electron/contract';
import { CliError, type Context } from '../context';
import { EXIT } from '../exit-codes';
import { account } from '../setup-input';
import { describePlan, describePermissions } from '../render';

export interface ApplyOptions {
  config: AwsSetupConfigInput;
  revoking?: { buckets?: string[]; secrets?: string[] };
  /** What the confirmation asks, e.g. "Create core-datachain-cluster in eu-north-1?". */
  verb: string;
}

export async function planAndApply(ctx: Context, options: ApplyOptions): Promise<unknown> {
  const input = {
    ...account(ctx),
    config: options.config,
    ...(options.revoking ? { revoking: options.revoking } : {}),
  };
  const plan = await ctx.call<SetupPlan>('setup.plan', input);
  if (!ctx.json) ctx.io.stderr.write(describePlan(ctx, plan));
  if (plan.kind === 'blocked')
    throw new CliError(
      plan.blockers[0]?.message ?? 'The plan is blocked.',
      EXIT.failed,
      plan.blockers[0]?.hint ?? plan.nextStep,
    );
  if (plan.kind === 'no-changes') {
    const outputs = await ctx.call('setup.outputs', {
      target: { ...account(ctx), region: plan.region, stackName: plan.stackName },
    });
    ctx.result(
      { status: 'no-changes', stackName: plan.stackName, region: plan.region, ...(outputs as object) },
      'Nothing to change.',
    );
    return undefined;
  }
  const discard = () => ctx.call('setup.discardPlan', { planId: plan.planId }).catch(() => undefined);
  try {
    if (ctx.args.flags['no-preflight'] !== true) {
      const permissions = await ctx.call<PermissionReport>('setup.permissions', { ...input });
      if (!ctx.json) ctx.io.stderr.write(describePermissions(ctx, permissions));
      if (permissions.checks.some((c) => c.status === 'missing'))
        throw new CliError(
          permissions.summary,
          EXIT.permissions,
          'Ask an admin for the rights above, or run `plan --handoff <folder>` and give them the folder.',
        );
    }
    if (plan.takeover && ctx.args.flags['take-over'] !== 'yes') {
      // Never implied by --yes: someone loses access.
      const question = `${plan.takeover.summary} ${plan.takeover.losses.join('; ')}. Take it over?`;
      if (!ctx.io.confirm || ctx.yes)
        throw new CliError(
          `${plan.takeover.summary} Nothing was changed.`,
          EXIT.notConfirmed,
          'Give --take-over yes to confirm this takeover.',
        );
      if (!(await ctx.io.confirm(question)))
        throw new CliError('Not confirmed: nothing was changed.', EXIT.notConfirmed);
    }
    await ctx.confirm(`${options.verb}`);
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
