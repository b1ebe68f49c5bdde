/**
 * `outputs --format json|yaml|terraform`: the Studio config the app exports (the same code:
 * renderer/src/features/export/studio-config.ts), from the setup's outputs and record only.
 */
import type { AwsSetupConfig, AwsSetupOutputs } from '../../electron/contract';
import { studioConfig, terraformOutputJson, toYaml } from '../../renderer/src/features/export/studio-config';
import { flag, UsageError } from '../args';
import type { Context } from '../context';
import { resolveTarget } from './target';

export async function outputs(ctx: Context): Promise<number> {
  const format = flag(ctx.args, 'format') ?? 'json';
  if (!['json', 'yaml', 'terraform'].includes(format)) throw new UsageError('--format is json, yaml or terraform.');
  const target = await resolveTarget(ctx);
  const [{ outputs: out }, { config }] = await Promise.all([
    ctx.call<{ outputs: AwsSetupOutputs }>('setup.outputs', { target }),
    ctx.call<{ config: AwsSetupConfig }>('setup.config', { target }),
  ]);
  if (format === 'terraform') {
    ctx.io.stdout.write(terraformOutputJson(out));
    return 0;
  }
  const file = studioConfig({
    outputs: out,
    config,
    stackName: target.stackName,
    generator: `datachain-setup ${ctx.io.version}`,
  });
  ctx.io.stdout.write(format === 'yaml' ? toYaml(file) : `${JSON.stringify(file, null, 2)}\n`);
  return 0;
}
