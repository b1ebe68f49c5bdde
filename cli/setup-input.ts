/**
 * The setup a command works on, from (in this order, later wins): the deployed setup's record
 * (when it exists), a setup file — the Studio config the app exports (JSON or YAML,
 * docs/schemas/studio-config.v1.schema.json) or a plain setup config — and flags.
 */
import yaml from 'js-yaml';
import { resourceNames } from '../provisioners/aws/naming';
import type { AwsSetupConfig, AwsSetupConfigInput } from '../electron/contract';
import { flag, listFlag, UsageError } from './args';
import type { Context } from './context';

type Input = Omit<Partial<AwsSetupConfigInput>, 'studio'> & { studio?: Partial<AwsSetupConfigInput['studio']> };

const MAX_FILE = 1_000_000;

async function readSetupFile(ctx: Context, file: string): Promise<{ input: Input; stackName?: string }> {
  let text: string;
  try {
    text = await ctx.io.readFile(file);
  } catch {
    throw new UsageError(`Cannot read the setup file ${file}.`);
  }
  if (text.length > MAX_FILE) throw new UsageError(`The setup file ${file} is larger than 1 MB.`);
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? yaml.load(text, { schema: yaml.JSON_SCHEMA }) : JSON.parse(text);
  } catch {
    throw new UsageError(`The setup file ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`The setup file ${file} is not an object.`);
  const record = data as Record<string, unknown>;
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
    studio?: {
      issuer?: string;
      team?: string;
      credentials?: { compute?: { name?: string }; storage?: { name?: string } };
    };
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
      studio: {
        ...(f.studio?.issuer ? { issuer: f.studio.issuer } : {}),
        ...(f.studio?.team ? { team: f.studio.team } : {}),
        ...(f.studio?.credentials?.compute?.name ? { computeCredentials: f.studio.credentials.compute.name } : {}),
        ...(f.studio?.credentials?.storage?.name ? { storageCredentials: f.studio.credentials.storage.name } : {}),
      },
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

/** KEY=VALUE pairs of a list flag. */
function tagsOf(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(
    values.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--tags wants KEY=VALUE pairs, not "${pair}".`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function fromFlags(ctx: Context): Input {
  const a = ctx.args;
  const studio = {
    ...(flag(a, 'team') ? { team: flag(a, 'team')! } : {}),
    ...(flag(a, 'issuer') ? { issuer: flag(a, 'issuer')! } : {}),
    ...(flag(a, 'compute-credentials') ? { computeCredentials: flag(a, 'compute-credentials')! } : {}),
    ...(flag(a, 'storage-credentials') ? { storageCredentials: flag(a, 'storage-credentials')! } : {}),
  };
  const tags = tagsOf(listFlag(a, 'tags'));
  return {
    ...(flag(a, 'region') ? { region: flag(a, 'region')! } : {}),
    ...(flag(a, 'prefix') !== undefined ? { namePrefix: flag(a, 'prefix')! } : {}),
    ...(listFlag(a, 'zones') ? { zones: listFlag(a, 'zones')! } : {}),
    ...(listFlag(a, 'thumbprints') ? { oidcThumbprints: listFlag(a, 'thumbprints')! } : {}),
    ...(tags ? { tags } : {}),
    ...(Object.keys(studio).length ? { studio: studio as AwsSetupConfigInput['studio'] } : {}),
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
