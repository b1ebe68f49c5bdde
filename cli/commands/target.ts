/** The deployed setup a command names: --stack (or the setup file's stack, or the prefix's name) in --region. */
import { resourceNames } from '../../provisioners/aws/naming';
import { flag, UsageError } from '../args';
import type { Context } from '../context';
import { target } from '../setup-input';

export async function resolveTarget(ctx: Context) {
  let stackName = flag(ctx.args, 'stack');
  let region = ctx.region;
  const file = flag(ctx.args, 'file');
  if (file && (!stackName || !region)) {
    try {
      const data = JSON.parse(await ctx.io.readFile(file)) as { region?: string; stack?: { name?: string } };
      stackName ??= data.stack?.name;
      region ??= data.region;
    } catch {
      throw new UsageError(`The setup file ${file} is not a Studio config (JSON) this command can read.`);
    }
  }
  stackName ??= resourceNames(flag(ctx.args, 'prefix') ?? '').stack;
  if (!region) throw new UsageError('Which region? Give --region (or AWS_REGION).');
  return target(ctx, region, stackName);
}
