/** `apply`: plan, check rights, confirm, deploy, follow; prints the outputs when done. */
import type { Context } from '../context';
import { resolveSetup } from '../setup-input';
import { planAndApply } from './apply-flow';

export async function apply(ctx: Context): Promise<number> {
  const setup = await resolveSetup(ctx);
  const result = await planAndApply(ctx, {
    config: setup.config,
    verb: `${setup.deployed ? 'Update' : 'Create'} ${setup.stackName} in ${setup.region}?`,
  });
  if (result !== undefined) printDeployed(ctx, result);
  return 0;
}

export function printDeployed(ctx: Context, result: unknown) {
  const r = result as { stackName?: string; status?: string; outputs?: Record<string, unknown> };
  ctx.result(
    { ...r, status: 'deployed', stackStatus: r.status },
    [
      `${r.stackName ?? 'The setup'} is ${r.status ?? 'deployed'}.`,
      ...Object.entries(r.outputs ?? {}).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(',') : String(v)}`),
    ].join('\n'),
  );
}
