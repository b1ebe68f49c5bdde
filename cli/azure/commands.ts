/**
 * The commands on Azure (`--cloud azure`), over the same core calls the app's Azure screens
 * make: sign in with the Azure CLI session, plan (and `--handoff`), apply, status, outputs,
 * grant/revoke a storage account or Key Vault, doctor (and `--fix`), destroy.
 */
import path from 'node:path';
import type {
  AzureSetupConfig,
  AzureSetupOutputs,
  DoctorReport,
  Handoff,
  KeyVaultPage,
  SetupList,
  StorageAccountSummary,
} from '../../electron/contract';
import { azureStudioConfig, azureTerraformOutputJson } from '../../renderer/src/features/export/azure-config';
import { toYaml } from '../../renderer/src/features/export/studio-config';
import { flag, UsageError } from '../args';
import type { Context } from '../context';
import { EXIT } from '../exit-codes';
import { describeDoctor } from '../render';
import { azurePlan, azurePlanAndApply, printAzureDeployed } from './flow';
import { describeAzurePlan } from './render';
import { azLogin, findAz } from './az';
import { azureScope, azureSignIn, defaultSubscription } from './session';
import { azureTarget, azureWhere, resolveAzureSetup } from './setup-input';

export async function azureWhoami(ctx: Context): Promise<number> {
  const who = await azureSignIn(ctx);
  const user = who.user.userPrincipalName ?? who.user.displayName ?? who.user.id;
  ctx.result(
    who,
    `${user}\ntenant ${who.tenant.tenantId}${who.tenant.displayName ? ` (${who.tenant.displayName})` : ''}, signed in with the Azure CLI`,
  );
  return 0;
}

/**
 * `login --cloud azure`: hands off to `az login` when the Azure CLI is installed — the session
 * Terraform's and Pulumi's Azure providers use, kept and refreshed by az, so every later command
 * (and the app) is signed in too; --device-code asks az for a device code. Without az, a device
 * code through the core's own sign-in, which lasts for this command only (nothing is written).
 * Then who signed in and the subscription commands will use.
 */
export async function azureLogin(ctx: Context): Promise<number> {
  const tenantId = flag(ctx.args, 'tenant') ?? ctx.io.env.AZURE_TENANT_ID;
  const az = await findAz(ctx);
  if (az)
    await azLogin(ctx, az, { ...(tenantId ? { tenantId } : {}), deviceCode: ctx.args.flags['device-code'] === true });
  const who = await azureSignIn(ctx, az ? 'cli' : 'deviceCode');
  const tenant = who.tenant.tenantId.toLowerCase();
  const given = (flag(ctx.args, 'subscription') ?? ctx.io.env.AZURE_SUBSCRIPTION_ID)?.toLowerCase();
  const chosen = given
    ? undefined
    : await defaultSubscription(ctx, who, tenant).catch((error: unknown) => {
        if (error instanceof UsageError) return { problem: error.message };
        throw error;
      });
  const user = who.user.userPrincipalName ?? who.user.displayName ?? who.user.id;
  const subscription = given
    ? { subscriptionId: given, why: 'from --subscription or AZURE_SUBSCRIPTION_ID' }
    : chosen && 'subscription' in chosen
      ? { subscriptionId: chosen.subscription.subscriptionId, name: chosen.subscription.displayName, why: chosen.why }
      : undefined;
  ctx.result(
    { ...who, ...(subscription ? { subscription } : {}), sessionKept: !!az },
    [
      `Signed in as ${user}`,
      `tenant ${who.tenant.tenantId}${who.tenant.displayName ? ` (${who.tenant.displayName})` : ''}, ${az ? 'with az login: later commands and the app use this session' : 'with a device code, for this command only'}`,
      subscription
        ? `subscription ${'name' in subscription ? `${subscription.name} (${subscription.subscriptionId})` : subscription.subscriptionId}, ${subscription.why}`
        : (chosen as { problem?: string } | undefined)?.problem,
      az
        ? undefined
        : 'The Azure CLI (az) is not installed: install it to keep the sign-in (https://aka.ms/azure-cli), or add --device-code to each command.',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return 0;
}

export async function azurePlanCommand(ctx: Context): Promise<number> {
  const setup = await resolveAzureSetup(ctx);
  const handoffDir = flag(ctx.args, 'handoff');
  if (handoffDir) {
    const bundle = await ctx.call<Handoff>('setup.handoff', {
      plan: {
        cloud: 'azure',
        tenantId: setup.scope.tenantId,
        subscriptionId: setup.scope.subscriptionId,
        config: setup.config,
      },
    });
    await ctx.io.mkdir(handoffDir);
    for (const file of bundle.files)
      await ctx.io.writeFile(path.join(handoffDir, file.name), file.content, file.name.endsWith('.sh') ? 0o755 : 0o644);
    ctx.result(
      { where: bundle.where, folder: handoffDir, files: bundle.files.map((f) => f.name), command: bundle.command },
      [
        `Wrote the hand-off for ${bundle.where} to ${handoffDir}: ${bundle.files.map((f) => f.name).join(', ')}.`,
        ...bundle.notes.map((n) => `- ${n}`),
        '',
        `In ${handoffDir}, the admin runs (after az login):`,
        bundle.command,
      ].join('\n'),
    );
    return 0;
  }
  const planned = await azurePlan(ctx, { scope: setup.scope, config: setup.config });
  await ctx.call('setup.discardPlan', { planId: planned.planId }).catch(() => undefined);
  const { planId: _planId, ...view } = planned;
  ctx.result({ plan: view }, describeAzurePlan(ctx, planned));
  return 0;
}

export async function azureApply(ctx: Context): Promise<number> {
  const setup = await resolveAzureSetup(ctx);
  const result = await azurePlanAndApply(ctx, {
    scope: setup.scope,
    config: setup.config,
    verb: `${setup.deployed ? 'Update' : 'Create'} ${setup.resourceGroup} in subscription ${setup.scope.subscriptionId}?`,
  });
  if (result !== undefined) printAzureDeployed(ctx, result);
  return 0;
}

export async function azureStatus(ctx: Context): Promise<number> {
  const scope = await azureScope(ctx);
  const list = await ctx.call<SetupList>('setups.list', {
    account: { cloud: 'azure', tenantId: scope.tenantId, subscriptionId: scope.subscriptionId },
  });
  const group = flag(ctx.args, 'resource-group');
  const setups = list.setups.filter(
    (s) => s.ref.cloud === 'azure' && (!group || (s.ref as { resourceGroup: string }).resourceGroup === group),
  );
  const lines = setups.map((s) => {
    const ref = s.ref as { resourceGroup: string; subscriptionId: string };
    const team = 'team' in s && s.team ? ` team ${s.team}` : '';
    return `${ref.resourceGroup}  ${ref.subscriptionId}  ${s.status}${team}`;
  });
  for (const u of list.unreadable) lines.push(`(could not read ${u.where}: ${u.reason})`);
  ctx.result({ setups, unreadable: list.unreadable }, lines.length ? lines.join('\n') : 'No setups found.');
  return 0;
}

export async function azureOutputs(ctx: Context): Promise<number> {
  const format = flag(ctx.args, 'format') ?? 'json';
  if (!['json', 'yaml', 'terraform'].includes(format)) throw new UsageError('--format is json, yaml or terraform.');
  const { scope, resourceGroup } = await azureWhere(ctx);
  const target = azureTarget(scope, resourceGroup);
  const [{ outputs: out }, { config }] = await Promise.all([
    ctx.call<{ outputs: AzureSetupOutputs }>('setup.outputs', { target }),
    ctx.call<{ config: AzureSetupConfig }>('setup.config', { target }),
  ]);
  if (format === 'terraform') {
    ctx.io.stdout.write(azureTerraformOutputJson(out));
    return 0;
  }
  const file = azureStudioConfig({ outputs: out, config, generator: `datachain-setup ${ctx.io.version}` });
  ctx.io.stdout.write(format === 'yaml' ? toYaml(file) : `${JSON.stringify(file, null, 2)}\n`);
  return 0;
}

const KINDS = ['storage-account', 'key-vault'] as const;

function kindOf(ctx: Context, verb: string): (typeof KINDS)[number] {
  const kind = ctx.args.positionals[0];
  if (kind === 'bucket' || kind === 'secret')
    throw new UsageError(
      `${verb} ${kind} is for AWS setups; on Azure, ${verb} storage-account NAME or key-vault NAME.`,
    );
  if (!KINDS.includes(kind as never))
    throw new UsageError(`${verb} what? ${verb} storage-account NAME, or ${verb} key-vault NAME.`);
  const name = ctx.args.positionals[1];
  if (!name) throw new UsageError(`${verb} ${kind} needs a name.`);
  return kind as (typeof KINDS)[number];
}

async function findVault(ctx: Context, scope: { tenantId: string; subscriptionId: string }, name: string) {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const listing = await ctx.call<KeyVaultPage>('azure.vaults.list', { ...scope, ...(cursor ? { cursor } : {}) });
    const found = listing.vaults.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    if (!listing.nextCursor) break;
    cursor = listing.nextCursor;
  }
  throw new UsageError(`There is no Key Vault ${name} in subscription ${scope.subscriptionId}.`);
}

export async function azureGrant(ctx: Context): Promise<number> {
  const kind = kindOf(ctx, 'grant');
  const name = ctx.args.positionals[1]!;
  const setup = await resolveAzureSetup(ctx, { requireDeployed: true });
  const where = { tenantId: setup.scope.tenantId, subscriptionId: setup.scope.subscriptionId };
  const config = { ...setup.config };
  if (kind === 'storage-account') {
    const check = await ctx.call<{ exists: boolean; account?: StorageAccountSummary }>('azure.storageAccounts.check', {
      ...where,
      name,
    });
    if (!check.exists || !check.account)
      throw new UsageError(`There is no storage account ${name} in subscription ${where.subscriptionId}.`);
    if (check.account.warning) ctx.note(`warning: ${check.account.warning}`);
    config.storageAccounts = [
      ...(config.storageAccounts ?? []).filter((a) => a.name !== name),
      { resourceGroup: check.account.resourceGroup, name },
    ];
  } else {
    const vault = await findVault(ctx, where, name);
    config.vaults = [
      ...(config.vaults ?? []).filter((v) => v.name.toLowerCase() !== name.toLowerCase()),
      { resourceGroup: vault.resourceGroup, name: vault.name },
    ];
    const secret = flag(ctx.args, 'secret');
    if (secret) {
      const envName = flag(ctx.args, 'env');
      if (!envName)
        throw new UsageError('grant key-vault --secret needs --env NAME: the job variable Studio jobs read it by.');
      const id = `${vault.vaultUri.replace(/\/+$/, '')}/secrets/${secret}`;
      config.secrets = [
        ...(config.secrets ?? []).filter((s) => s.id.toLowerCase() !== id.toLowerCase() && s.envName !== envName),
        { id, envName, key: flag(ctx.args, 'key') ?? '' },
      ];
    }
  }
  const result = await azurePlanAndApply(ctx, {
    scope: setup.scope,
    config,
    verb: `Grant the ${kind.replace('-', ' ')} ${name} to ${setup.resourceGroup}?`,
  });
  if (result !== undefined) printAzureDeployed(ctx, result);
  return 0;
}

export async function azureRevoke(ctx: Context): Promise<number> {
  const kind = kindOf(ctx, 'revoke');
  const name = ctx.args.positionals[1]!;
  const setup = await resolveAzureSetup(ctx, { requireDeployed: true });
  const deployed = setup.deployed!;
  const config = { ...setup.config };
  if (kind === 'storage-account') {
    if (!deployed.storageAccounts.some((a) => a.name === name))
      throw new UsageError(`The storage account ${name} is not granted to ${setup.resourceGroup}.`);
    config.storageAccounts = deployed.storageAccounts.filter((a) => a.name !== name);
  } else {
    const vault = deployed.vaults.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!vault) throw new UsageError(`The Key Vault ${name} is not granted to ${setup.resourceGroup}.`);
    config.vaults = deployed.vaults.filter((v) => v !== vault);
    // Its secrets go with it: a vault is granted as a whole.
    config.secrets = deployed.secrets.filter(
      (s) => !new URL(s.id).host.toLowerCase().startsWith(`${vault.name.toLowerCase()}.`),
    );
  }
  const result = await azurePlanAndApply(ctx, {
    scope: setup.scope,
    config,
    revoking: kind === 'storage-account' ? { buckets: [name] } : { secrets: [name] },
    verb: `Revoke the ${kind.replace('-', ' ')} ${name} from ${setup.resourceGroup}?`,
  });
  if (result !== undefined) printAzureDeployed(ctx, result);
  return 0;
}

export async function azureDoctor(ctx: Context): Promise<number> {
  const { scope, resourceGroup } = await azureWhere(ctx);
  const target = azureTarget(scope, resourceGroup);
  let report = await ctx.call<DoctorReport>('setup.doctor', { target });
  const fixable = report.findings.filter((f) => f.status === 'fail' && f.remedy?.kind === 'redeploy');
  if (ctx.args.flags.fix === true && fixable.length) {
    if (!ctx.json) ctx.io.stderr.write(describeDoctor(ctx, report));
    const remedy = fixable[0]!.remedy!;
    // The fix is a deploy from the setup's record, planned like any change: the plan (what it puts
    // back) is shown, confirmed, then deployed with progress, and Ctrl-C means what it means there.
    const { config } = await ctx.call<{ config: AzureSetupConfig }>('setup.config', { target });
    const deployed = (await azurePlanAndApply(ctx, {
      scope,
      config,
      verb: `${remedy.label}? It fixes ${fixable.length} finding${fixable.length > 1 ? 's' : ''}.`,
      nothingToDo: () => ctx.note('Nothing to put back: the setup is as its record says.'),
    })) as { writes?: number } | undefined;
    if (deployed) ctx.note(`Deployed ${resourceGroup} again from its record: ${deployed.writes ?? 0} change(s) made.`);
    report = await ctx.call<DoctorReport>('setup.doctor', { target });
  }
  ctx.result(report, describeDoctor(ctx, report));
  return report.verdict === 'problems' ? EXIT.doctorProblems : EXIT.ok;
}

export async function azureDestroy(ctx: Context): Promise<number> {
  const { scope, resourceGroup } = await azureWhere(ctx);
  const target = azureTarget(scope, resourceGroup);
  await ctx.confirm(
    `Delete the setup ${resourceGroup} in subscription ${scope.subscriptionId}? Studio loses access to everything it grants.`,
  );
  const r = (await ctx.follow(await ctx.call('setup.teardown', { target }))) as {
    deleted: string[];
    leftAlone: { kind: string; id: string; reason: string }[];
    notes: string[];
  };
  ctx.result(
    { status: 'deleted', ...r },
    [
      `Deleted the setup ${resourceGroup}.`,
      ...r.leftAlone.map((l) => `Left alone: ${l.kind} ${l.id} (${l.reason})`),
      ...r.notes,
    ].join('\n'),
  );
  return 0;
}
