/**
 * The setup a command works on, from (in this order, later wins): the deployed setup's record
 * (when it exists), a setup file — the Studio config the app exports (JSON or YAML,
 * docs/schemas/studio-config.v1.schema.json) or a plain setup config — and flags.
 */
import { resourceNames } from '../provisioners/aws/naming';
import type { AwsSetupConfig, AwsSetupConfigInput } from '../electron/contract';
import { flag, listFlag, UsageError } from './args';
import type { Context } from './context';
import { neutralFlags, readSetupObject, studioOfExport, type ExportedStudio } from './setup-common';

type Input = Omit<Partial<AwsSetupConfigInput>, 'studio'> & { studio?: Partial<AwsSetupConfigInput['studio']> };

async function readSetupFile(ctx: Context, file: string): Promise<{ input: Input; stackName?: string }> {
  const record = await readSetupObject(ctx, file);
  if (record.version === 1 && record.stack && record.studio) return fromStudioConfig(record, file);
  return { input: record as Input };
}

/** The Studio config export (version 1) as a setup input. */
function fromStudioConfig(file: Record<string, unknown>, name: string): { input: Input; stackName?: string } {
  if (file.cloud !== 'aws')
    throw new UsageError(`${name} is a Studio config for ${String(file.cloud)}; this command works on AWS.`);
  const f = file as {
    region?: string;
    stack?: { name?: string };
    studio?: ExportedStudio;
    storage?: { buckets?: string[]; secrets?: { arn: string; envName: string; key?: string }[]; kmsKeys?: string[] };
    nodePools?: (Record<string, unknown> & { capacityType?: string })[];
  };
  const stackName = f.stack?.name;
  const prefix = stackName?.endsWith('-datachain-cluster') ? stackName.slice(0, -'-datachain-cluster'.length) : '';
  return {
    stackName,
    input: {
      ...(f.region ? { region: f.region } : {}),
      namePrefix: prefix,
      studio: studioOfExport(f.studio),
      buckets: (f.storage?.buckets ?? []).map((bucket) => ({ name: bucket })),
      secrets: (f.storage?.secrets ?? []).map((s) => ({ arn: s.arn, envName: s.envName, key: s.key ?? '' })),
      otherKmsKeys: f.storage?.kmsKeys ?? [],
      ...(f.nodePools?.length
        ? {
            nodePools: f.nodePools.map(({ capacityType, ...pool }) => ({
              ...pool,
              capacity: capacityType === 'SPOT' ? 'spot' : 'regular',
            })) as AwsSetupConfigInput['nodePools'],
          }
        : {}),
    },
  };
}

function fromFlags(ctx: Context): Input {
  const a = ctx.args;
  const { studio, ...neutral } = neutralFlags(ctx);
  return {
    ...neutral,
    ...(flag(a, 'region') ? { region: flag(a, 'region')! } : {}),
    ...(listFlag(a, 'zones') ? { zones: listFlag(a, 'zones')! } : {}),
    ...(listFlag(a, 'thumbprints') ? { oidcThumbprints: listFlag(a, 'thumbprints')! } : {}),
    ...(studio ? { studio: studio as AwsSetupConfigInput['studio'] } : {}),
  };
}

function merge(base: Input, over: Input): Input {
  return { ...base, ...over, studio: { ...base.studio, ...over.studio } as AwsSetupConfigInput['studio'] };
}

export interface ResolvedSetup {
  config: AwsSetupConfigInput;
  region: string;
  stackName: string;
  /** The deployed setup's config, when it exists. */
  deployed?: AwsSetupConfig;
}

/** Where the setup is, from --stack, the setup file, or the name prefix. */
export async function resolveSetup(ctx: Context, options: { requireDeployed?: boolean } = {}): Promise<ResolvedSetup> {
  const file = flag(ctx.args, 'file');
  const fromFile = file ? await readSetupFile(ctx, file) : { input: {} as Input };
  let input = merge(fromFile.input, fromFlags(ctx));
  const region = input.region ?? ctx.region;
  if (!region) throw new UsageError('Which region? Give --region (or AWS_REGION), or a setup file that names it.');
  const stackName = flag(ctx.args, 'stack') ?? fromFile.stackName ?? resourceNames(input.namePrefix ?? '').stack;
  const deployed = await readDeployed(ctx, region, stackName, options.requireDeployed === true);
  if (deployed) {
    // Grants and settings the file or flags do not mention stay as deployed.
    const { studio, ...rest } = deployed;
    input = merge({ ...rest, studio }, input);
  }
  if (!input.zones?.length) input.zones = await defaultZones(ctx, region);
  if (!input.studio?.team) throw new UsageError('Which Studio team? Give --team, or a setup file that names it.');
  return { config: { ...input, region } as AwsSetupConfigInput, region, stackName, ...(deployed ? { deployed } : {}) };
}

async function readDeployed(
  ctx: Context,
  region: string,
  stackName: string,
  required: boolean,
): Promise<AwsSetupConfig | undefined> {
  try {
    const read = await ctx.call<{ config: AwsSetupConfig }>('setup.config', { target: target(ctx, region, stackName) });
    return read.config;
  } catch (error) {
    if (!required && (error as { code?: string }).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

async function defaultZones(ctx: Context, region: string): Promise<string[]> {
  const listing = await ctx.call<{ zones: { name: string; eksSupported: boolean; selectedByDefault: boolean }[] }>(
    'aws.zones.list',
    { ...(ctx.profile ? { profile: ctx.profile } : {}), region },
  );
  const chosen = listing.zones.filter((z) => z.selectedByDefault).map((z) => z.name);
  return chosen.length >= 2
    ? chosen
    : listing.zones
        .filter((z) => z.eksSupported)
        .slice(0, 3)
        .map((z) => z.name);
}

export function target(ctx: Context, region: string, stackName: string) {
  return { cloud: 'aws' as const, ...(ctx.profile ? { profile: ctx.profile } : {}), region, stackName };
}

export function account(ctx: Context) {
  return { cloud: 'aws' as const, ...(ctx.profile ? { profile: ctx.profile } : {}) };
}
