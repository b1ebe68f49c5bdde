/**
 * `plan`: what `apply` would change, with the permission checklist; nothing changes (the change
 * set is discarded). `plan --handoff <folder>` writes what an admin needs instead, and makes no
 * change set at all, so a user without rights can run it.
 */
import path from 'node:path';
import type { Handoff, PermissionReport, AwsPlanView as SetupPlan } from '../../electron/contract';
import { flag } from '../args';
import type { Context } from '../context';
import { describePermissions, describePlan } from '../render';
import { account, resolveSetup } from '../setup-input';

export async function plan(ctx: Context): Promise<number> {
  const setup = await resolveSetup(ctx);
  const input = { ...account(ctx), config: setup.config };
  const handoffDir = flag(ctx.args, 'handoff');
  if (handoffDir) return handoff(ctx, input, handoffDir);
  const planned = await ctx.call<SetupPlan>('setup.plan', input);
  await ctx.call('setup.discardPlan', { planId: planned.planId }).catch(() => undefined);
  const permissions =
    planned.kind === 'changes' ? await ctx.call<PermissionReport>('setup.permissions', input) : undefined;
  const { planId: _planId, ...view } = planned;
  ctx.result(
    { plan: view, ...(permissions ? { permissions } : {}) },
    describePlan(ctx, planned) + (permissions ? describePermissions(ctx, permissions) : ''),
  );
  return 0;
}

async function handoff(ctx: Context, input: object, dir: string): Promise<number> {
  const templateUrl = flag(ctx.args, 'template-url');
  const bundle = await ctx.call<Handoff>('setup.handoff', { plan: input, ...(templateUrl ? { templateUrl } : {}) });
  await ctx.io.mkdir(dir);
  for (const file of bundle.files)
    await ctx.io.writeFile(path.join(dir, file.name), file.content, file.name.endsWith('.sh') ? 0o755 : 0o644);
  ctx.result(
    {
      where: bundle.where,
      folder: dir,
      files: bundle.files.map((f) => f.name),
      command: bundle.command,
      consoleUrl: bundle.consoleUrl,
    },
    [
      `Wrote the hand-off for ${bundle.where} to ${dir}: ${bundle.files.map((f) => f.name).join(', ')}.`,
      ...bundle.notes.map((n) => `- ${n}`),
      '',
      `In ${dir}, the admin runs:`,
      bundle.command,
      ...(bundle.consoleUrl ? ['', 'Or, with the template hosted:', bundle.consoleUrl] : []),
    ].join('\n'),
  );
  return 0;
}
