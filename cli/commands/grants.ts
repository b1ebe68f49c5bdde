/**
 * `grant bucket|secret` and `revoke bucket|secret`: change the deployed setup's grants the way
 * Manage does — read its record, change one grant, plan (a revoke names what it removes, so it is
 * not a takeover), check rights, confirm, deploy.
 */
import type { AwsSetupConfig } from '../../electron/contract';
import { flag, UsageError } from '../args';
import type { Context } from '../context';
import { resolveSetup } from '../setup-input';
import { planAndApply } from './apply-flow';
import { printDeployed } from './apply';

const KINDS = ['bucket', 'secret'] as const;

function kindOf(ctx: Context, verb: string): (typeof KINDS)[number] {
  const kind = ctx.args.positionals[0];
  if (kind === 'storage-account' || kind === 'key-vault')
    throw new UsageError(`${verb} ${kind} is for Azure setups: add --cloud azure.`);
  if (!KINDS.includes(kind as never)) throw new UsageError(`${verb} what? ${verb} bucket NAME, or ${verb} secret ARN.`);
  return kind as (typeof KINDS)[number];
}

function named(ctx: Context, verb: string): string {
  const name = ctx.args.positionals[1];
  if (!name) throw new UsageError(`${verb} ${ctx.args.positionals[0]} needs a name or ARN.`);
  return name;
}

export async function grant(ctx: Context): Promise<number> {
  const kind = kindOf(ctx, 'grant');
  const name = named(ctx, 'grant');
  const setup = await resolveSetup(ctx, { requireDeployed: true });
  const deployed = setup.deployed as AwsSetupConfig;
  const kmsKeyArn = flag(ctx.args, 'kms-key');
  const config = { ...setup.config };
  if (kind === 'bucket') {
    config.buckets = [
      ...(deployed.buckets ?? []).filter((b) => b.name !== name),
      { name, ...(kmsKeyArn ? { kmsKeyArn } : {}) },
    ];
  } else {
    const envName = flag(ctx.args, 'env');
    if (!envName) throw new UsageError('grant secret needs --env NAME: the job variable Studio jobs read it by.');
    const key = flag(ctx.args, 'key') ?? '';
    config.secrets = [
      ...(deployed.secrets ?? []).filter((s) => s.arn !== name),
      { arn: name, envName, key, ...(kmsKeyArn ? { kmsKeyArn } : {}) },
    ];
  }
  const result = await planAndApply(ctx, { config, verb: `Grant the ${kind} ${name} to ${setup.stackName}?` });
  if (result !== undefined) printDeployed(ctx, result);
  return 0;
}

export async function revoke(ctx: Context): Promise<number> {
  const kind = kindOf(ctx, 'revoke');
  const name = named(ctx, 'revoke');
  const setup = await resolveSetup(ctx, { requireDeployed: true });
  const deployed = setup.deployed as AwsSetupConfig;
  const config = { ...setup.config };
  if (kind === 'bucket') {
    if (!deployed.buckets.some((b) => b.name === name))
      throw new UsageError(`The bucket ${name} is not granted to ${setup.stackName}.`);
    config.buckets = deployed.buckets.filter((b) => b.name !== name);
  } else {
    if (!deployed.secrets.some((s) => s.arn === name))
      throw new UsageError(`The secret ${name} is not granted to ${setup.stackName}.`);
    config.secrets = deployed.secrets.filter((s) => s.arn !== name);
  }
  const result = await planAndApply(ctx, {
    config,
    revoking: kind === 'bucket' ? { buckets: [name] } : { secrets: [name] },
    verb: `Revoke the ${kind} ${name} from ${setup.stackName}?`,
  });
  if (result !== undefined) printDeployed(ctx, result);
  return 0;
}
