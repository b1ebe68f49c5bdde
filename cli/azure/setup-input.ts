/**
 * The Azure setup a command works on, as on AWS (later wins): the deployed setup's record (the
 * resource group's tags), a setup file — the Studio config the app exports for Azure (version 2)
 * or a plain setup config — and flags.
 */
import type { AzureSetupConfig, AzureSetupConfigInput } from '../../electron/contract';
import { flag, UsageError } from '../args';
import type { Context } from '../context';
import { neutralFlags, readSetupObject, studioOfExport, type ExportedStudio } from '../setup-common';
import { azureScope, type AzureScope } from './session';

type Input = Omit<Partial<AzureSetupConfigInput>, 'studio'> & { studio?: Partial<AzureSetupConfigInput['studio']> };

export const DEFAULT_GROUP = 'datachain';

async function readFileInput(ctx: Context, file: string): Promise<Input> {
  const f = (await readSetupObject(ctx, file)) as Record<string, unknown> & {
    cloud?: string;
    location?: string;
    resourceGroup?: string;
    studio?: ExportedStudio;
    storage?: {
      accounts?: { resourceGroup: string; name: string }[];
      vaults?: { resourceGroup: string; name: string }[];
      secrets?: { id: string; envName: string; key?: string }[];
    };
  };
  if (f.version === undefined) return f as Input;
  if (f.cloud !== 'azure')
    throw new UsageError(
      `${file} is a Studio config for ${String(f.cloud ?? 'aws')}; give --cloud ${String(f.cloud ?? 'aws')}.`,
    );
  return {
    ...(f.location ? { location: f.location } : {}),
    ...(f.resourceGroup ? { resourceGroup: f.resourceGroup } : {}),
    studio: studioOfExport(f.studio),
    storageAccounts: f.storage?.accounts ?? [],
    vaults: f.storage?.vaults ?? [],
    secrets: (f.storage?.secrets ?? []).map((s) => ({ id: s.id, envName: s.envName, key: s.key ?? '' })),
  };
}

function fromFlags(ctx: Context): Input {
  const a = ctx.args;
  return {
    ...neutralFlags(ctx),
    ...(flag(a, 'location') ? { location: flag(a, 'location')! } : {}),
    ...(flag(a, 'resource-group') ? { resourceGroup: flag(a, 'resource-group')! } : {}),
  };
}

const merge = (base: Input, over: Input): Input => ({ ...base, ...over, studio: { ...base.studio, ...over.studio } });

export function azureTarget(scope: Pick<AzureScope, 'tenantId' | 'subscriptionId'>, resourceGroup: string) {
  return {
    cloud: 'azure' as const,
    tenantId: scope.tenantId,
    subscriptionId: scope.subscriptionId,
    resourceGroup,
  };
}

export interface ResolvedAzureSetup {
  scope: AzureScope;
  config: AzureSetupConfigInput;
  resourceGroup: string;
  deployed?: AzureSetupConfig;
}

/** The resource group a command names: --resource-group, the setup file's, or datachain. */
export async function azureWhere(ctx: Context): Promise<{ scope: AzureScope; resourceGroup: string; file: Input }> {
  const file = flag(ctx.args, 'file');
  const fromFile = file ? await readFileInput(ctx, file) : {};
  const scope = await azureScope(ctx);
  const resourceGroup = flag(ctx.args, 'resource-group') ?? fromFile.resourceGroup ?? DEFAULT_GROUP;
  return { scope, resourceGroup, file: fromFile };
}

export async function resolveAzureSetup(
  ctx: Context,
  options: { requireDeployed?: boolean } = {},
): Promise<ResolvedAzureSetup> {
  const { scope, resourceGroup, file } = await azureWhere(ctx);
  let input = merge(file, fromFlags(ctx));
  let deployed: AzureSetupConfig | undefined;
  try {
    deployed = (
      await ctx.call<{ config: AzureSetupConfig }>('setup.config', { target: azureTarget(scope, resourceGroup) })
    ).config;
  } catch (error) {
    if (options.requireDeployed || (error as { code?: string }).code !== 'NOT_FOUND') throw error;
  }
  if (deployed) input = merge({ ...deployed }, input);
  if (!input.studio?.team) throw new UsageError('Which Studio team? Give --team, or a setup file that names it.');
  if (!input.location)
    throw new UsageError('Which location? Give --location (like eastus), or a setup file that names it.');
  const config = {
    ...input,
    tenantId: scope.tenantId,
    subscriptionId: scope.subscriptionId,
    resourceGroup,
  } as AzureSetupConfigInput;
  return { scope, config, resourceGroup, ...(deployed ? { deployed } : {}) };
}
