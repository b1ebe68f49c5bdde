/**
 * Everything checked before any write: the stack's state, names that other owners already use,
 * quotas, zones and the account's OIDC provider. Read-only.
 */
import {
  DescribeAvailabilityZonesCommand,
  DescribeInternetGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { awsErrorName, type AwsClients } from './clients';
import { resourceNames, roleNames } from './naming';
import { findOidcProvider, type ExistingProvider } from './oidc';
import { quotaLink, readQuota } from './quotas';
import type { AwsSetupConfig } from './schema';
import type { Finding } from '../core/findings.schema';
import type { Revoking, Takeover } from '../core/setup.schema';
import { prefixFromTeam } from '../core/studio.schema';
import { takeoverOf } from './takeover';
import { EKS_UNSUPPORTED_ZONE_IDS } from './zones';
import {
  classifyStack,
  deployedTemplate,
  describeStack,
  nextStepFor,
  stackResources,
  type StackCondition,
} from './stack';
import { LOGICAL_IDS } from './naming';
import { readSetupRecord } from './record';
import { madeByThisApp } from './unfinished-review';

export interface OidcPlan {
  /** create: the stack creates it; ours: the stack created it earlier; reuse: it exists outside the stack. */
  mode: 'create' | 'ours' | 'reuse';
  arn?: string;
  /** The reused provider lacks Studio's audience, which the deploy adds (outside the stack). */
  addAudience: boolean;
  existing?: ExistingProvider;
}

export interface PreflightResult {
  stackName: string;
  condition: StackCondition;
  /** Present when nothing blocks a change set. */
  action?: 'create' | 'update';
  nextStep?: string;
  blockers: Finding[];
  warnings: Finding[];
  oidc: OidcPlan;
  /** The config the deployed stack was made from (for updates and grants). */
  deployedConfig?: AwsSetupConfig;
  /** The deployed template, as read (the plan diffs its IAM documents). */
  deployedBody?: string;
  vpcId?: string;
  /** The plan would hand the setup to other Studio credentials, or drop grants nobody revoked. */
  takeover?: Takeover;
  /** A name prefix free in this account, when the default names are taken. */
  suggestedPrefix?: string;
}

export const VPC_QUOTA = { serviceCode: 'vpc', quotaCode: 'L-F678F1CE', name: 'VPCs per Region', fallback: 5 };
export const IGW_QUOTA = {
  serviceCode: 'vpc',
  quotaCode: 'L-A4707A72',
  name: 'Internet gateways per Region',
  fallback: 5,
};

/** A network quota's value; AWS's documented default when Service Quotas cannot be read. */
async function networkQuota(
  clients: AwsClients,
  quota: typeof VPC_QUOTA,
  signal?: AbortSignal,
): Promise<{ value: number; source: 'applied' | 'default' | 'assumed' }> {
  const read = await readQuota(clients.serviceQuotas, quota.serviceCode, quota.quotaCode, signal);
  return read.value === undefined || read.source === 'unknown'
    ? { value: quota.fallback, source: 'assumed' }
    : { value: read.value, source: read.source };
}

async function roleExists(
  clients: AwsClients,
  name: string,
  signal?: AbortSignal,
): Promise<{ exists: boolean; stack?: string }> {
  try {
    const out = await clients.iam.send(new GetRoleCommand({ RoleName: name }), { abortSignal: signal });
    const stack = out.Role?.Tags?.find((t) => t.Key === 'aws:cloudformation:stack-name')?.Value;
    return { exists: true, ...(stack ? { stack } : {}) };
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchEntity' || awsErrorName(error) === 'NoSuchEntityException')
      return { exists: false };
    throw error;
  }
}

/** A prefix for which none of the role names is taken, derived from the Studio team. */
async function suggestPrefix(
  clients: AwsClients,
  config: AwsSetupConfig,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const slug = prefixFromTeam(config.studio.team);
  const candidates = [slug, `${slug.slice(0, 17)}-2`, 'datachain-2'].filter(
    (c) => /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/.test(c) && c !== config.namePrefix,
  );
  for (const candidate of candidates) {
    const taken = await Promise.all(roleNames(resourceNames(candidate)).map((n) => roleExists(clients, n, signal)));
    if (!taken.some((t) => t.exists)) return candidate;
  }
  return undefined;
}

/** Reads that depend on nothing but the config, started together (one round trip, not ten). */
function independentReads(clients: AwsClients, config: AwsSetupConfig, signal?: AbortSignal) {
  const names = resourceNames(config.namePrefix);
  const quiet = <T>(read: Promise<T>) => {
    read.catch(() => undefined); // awaited (and thrown) only where it is used
    return read;
  };
  const stack = describeStack(clients.cloudformation, names.stack, signal);
  return {
    names,
    stack,
    // What the stack holds, asked as soon as the stack is known to be ready.
    deployed: stack.then(async (found) => {
      if (classifyStack(found).kind !== 'ready') return undefined;
      const [body, resources] = await Promise.all([
        deployedTemplate(clients.cloudformation, names.stack, signal),
        stackResources(clients.cloudformation, names.stack, signal),
      ]);
      return { body, resources };
    }),
    roles: quiet(
      Promise.all(roleNames(names).map(async (name) => ({ name, ...(await roleExists(clients, name, signal)) }))),
    ),
    groups: quiet(
      clients.ec2.send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [names.securityGroup] }] }),
        { abortSignal: signal },
      ),
    ),
    // Needed for a new setup only; read alongside the stack rather than after it.
    network: quiet(
      Promise.all([
        clients.ec2.send(new DescribeVpcsCommand({}), { abortSignal: signal }),
        clients.ec2.send(new DescribeInternetGatewaysCommand({}), { abortSignal: signal }),
        networkQuota(clients, VPC_QUOTA, signal),
        networkQuota(clients, IGW_QUOTA, signal),
      ]),
    ),
    zones: quiet(clients.ec2.send(new DescribeAvailabilityZonesCommand({}), { abortSignal: signal })),
    provider: quiet(findOidcProvider(clients.iam, config.studio.issuer, signal)),
  };
}

export async function preflight(
  clients: AwsClients,
  config: AwsSetupConfig,
  signal?: AbortSignal,
  revoking?: Revoking,
): Promise<PreflightResult> {
  const reads = independentReads(clients, config, signal);
  const { names } = reads;
  const blockers: Finding[] = [];
  const warnings: Finding[] = [];

  // 1. The stack itself.
  const stack = await reads.stack;
  const condition = classifyStack(stack);
  const step = nextStepFor(condition, names.stack);
  if (step)
    blockers.push({
      code: `STACK_${condition.kind.toUpperCase().replaceAll('-', '_')}`,
      message: step.message,
      hint: step.hint,
    });

  if (condition.kind === 'review' && stack && !madeByThisApp(stack))
    blockers.push({
      code: 'STACK_NOT_OURS',
      message: `A stack named ${names.stack} is under review in ${config.region} (REVIEW_IN_PROGRESS) but was not planned by this app.`,
      hint: 'Choose a name prefix so this setup gets its own stack and names. The app never changes a stack it did not create.',
      field: 'namePrefix',
    });

  let owned = new Map<string, string>();
  let deployedConfig: AwsSetupConfig | undefined;
  let deployedBody: string | undefined;
  const deployed = await reads.deployed;
  if (deployed) {
    deployedBody = deployed.body;
    const reading = deployedBody ? readSetupRecord(deployedBody) : { ours: false as const };
    deployedConfig = reading.ours && 'config' in reading ? reading.config : undefined;
    if (!reading.ours) {
      blockers.push({
        code: 'STACK_NOT_OURS',
        message: `A stack named ${names.stack} exists in ${config.region} but was not created by this app.`,
        hint: 'Choose a name prefix so this setup gets its own stack and names. The app never changes a stack it did not create.',
        field: 'namePrefix',
      });
    } else if ('problem' in reading) {
      blockers.push({
        code: 'SETUP_RECORD_UNREADABLE',
        message: `The setup ${names.stack} in ${config.region} was made by this app, but ${reading.problem}.`,
        hint: 'Update DataChain Cluster Setup (a newer version may have made it), or choose a name prefix for a new setup.',
        field: 'namePrefix',
      });
    }
    owned = new Map(deployed.resources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
  }
  const action =
    condition.kind === 'ready'
      ? 'update'
      : condition.kind === 'absent' || condition.kind === 'review'
        ? 'create'
        : undefined;

  // 2. Names other owners already use.
  const ourRoles = new Set(
    ['ClusterRole', 'NodeRole', 'PodRole', 'ComputeRole', 'StorageRole'].map((id) => owned.get(id)).filter(Boolean),
  );
  const collisions: string[] = [];
  const foreignStacks = new Set<string>();
  for (const found of await reads.roles) {
    if (ourRoles.has(found.name) || !found.exists) continue;
    collisions.push(found.name);
    if (found.stack) foreignStacks.add(found.stack);
  }
  let suggestion: string | undefined;
  if (collisions.length) {
    suggestion = await suggestPrefix(clients, config, signal);
    const owner = foreignStacks.size
      ? ` (they belong to the stack ${[...foreignStacks].join(', ')})`
      : ' (probably from the Terraform setup)';
    blockers.push({
      code: 'ROLE_NAME_TAKEN',
      message: `${collisions.length === 1 ? 'The role' : 'The roles'} ${collisions.join(', ')} already ${collisions.length === 1 ? 'exists' : 'exist'} in this account${owner}.`,
      hint: suggestion
        ? `Use the name prefix "${suggestion}" to install alongside them, or remove the old setup first (terraform destroy).`
        : 'Choose a name prefix to install alongside them, or remove the old setup first (terraform destroy).',
      field: 'namePrefix',
    });
  }
  const ourVpc = owned.get(LOGICAL_IDS.vpc);
  const groups = await reads.groups;
  const foreignGroups = (groups.SecurityGroups ?? []).filter((g) => g.VpcId !== ourVpc);
  if (foreignGroups.length) {
    warnings.push({
      code: 'SECURITY_GROUP_NAME_IN_USE',
      message: `A security group named ${names.securityGroup} already exists outside this setup (${foreignGroups.map((g) => `${g.GroupId} in ${g.VpcId}`).join(', ')}).`,
      hint: 'Both can exist (Studio is given our group by id), but a name prefix keeps them apart for people reading the console.',
      field: 'namePrefix',
    });
  }

  // Another team's setup under the same names, or grants that would silently disappear.
  const takeover = deployedConfig ? takeoverOf(deployedConfig, config, revoking) : undefined;
  if (takeover?.subjects && deployedConfig && deployedConfig.studio.team !== config.studio.team)
    suggestion ??= await suggestPrefix(clients, config, signal);

  // 3. Quotas, for a new VPC and internet gateway.
  if (action === 'create') {
    const [vpcs, igws, vpcQuota, igwQuota] = await reads.network;
    for (const [quota, used, limit] of [
      [VPC_QUOTA, vpcs.Vpcs?.length ?? 0, vpcQuota],
      [IGW_QUOTA, igws.InternetGateways?.length ?? 0, igwQuota],
    ] as const) {
      if (used + 1 > limit.value) {
        blockers.push({
          code: 'QUOTA_EXCEEDED',
          message: `${config.region} already has ${used} of its ${limit.value} ${quota.name.replace(' per Region', '')}; this setup needs one more.`,
          hint: 'Remove an unused one, request a quota increase (usually approved within a day), or choose another region.',
          field: 'region',
          link: quotaLink(config.region, quota.serviceCode, quota.quotaCode),
        });
      } else if (limit.source === 'assumed') {
        warnings.push({
          code: 'QUOTA_UNKNOWN',
          message: `Could not read the ${quota.name} quota; assuming AWS's default of ${limit.value}.`,
          hint: 'Grant servicequotas:GetServiceQuota to see the real value.',
        });
      }
    }
  }

  // 4. Zones.
  const zones = await reads.zones;
  const byName = new Map((zones.AvailabilityZones ?? []).map((z) => [z.ZoneName ?? '', z]));
  config.zones.forEach((zone, index) => {
    const found = byName.get(zone);
    const field = `zones.${index}`;
    if (!found)
      blockers.push({
        code: 'ZONE_UNKNOWN',
        message: `${zone} is not an availability zone enabled for this account in ${config.region}.`,
        hint: 'Choose one of the zones the region lists.',
        field,
      });
    else if (found.ZoneType && found.ZoneType !== 'availability-zone')
      blockers.push({
        code: 'ZONE_NOT_STANDARD',
        message: `${zone} is a ${found.ZoneType}, not an availability zone; EKS clusters cannot use it.`,
        hint: 'Choose a standard availability zone.',
        field,
      });
    else if (found.State && found.State !== 'available')
      blockers.push({
        code: 'ZONE_UNAVAILABLE',
        message: `${zone} is ${found.State}.`,
        hint: 'Choose another zone.',
        field,
      });
    else if (found.ZoneId && EKS_UNSUPPORTED_ZONE_IDS.has(found.ZoneId))
      blockers.push({
        code: 'ZONE_NO_EKS',
        message: `EKS cannot create clusters in ${zone} (${found.ZoneId}).`,
        hint: 'Choose another zone: EKS does not support this one.',
        field,
      });
  });

  // 5. The OIDC provider.
  let oidc: OidcPlan;
  const ownProvider = owned.get(LOGICAL_IDS.oidcProvider);
  if (ownProvider) {
    oidc = { mode: 'ours', arn: ownProvider, addAudience: false };
  } else {
    const existing = await reads.provider;
    oidc = existing
      ? { mode: 'reuse', arn: existing.arn, addAudience: !existing.hasAudience, existing }
      : { mode: 'create', addAudience: false };
    if (existing && !existing.hasAudience) {
      warnings.push({
        code: 'OIDC_AUDIENCE_MISSING',
        message: `The account's OIDC provider for ${config.studio.issuer} does not list the audience sts.amazonaws.com.`,
        hint: 'The deploy adds it to the existing provider (nothing else about the provider changes).',
      });
    }
  }

  return {
    stackName: names.stack,
    condition,
    ...(blockers.length === 0 && action ? { action } : {}),
    ...(step ? { nextStep: step.action } : {}),
    blockers,
    warnings,
    oidc,
    ...(deployedConfig ? { deployedConfig } : {}),
    ...(deployedBody ? { deployedBody } : {}),
    ...(ourVpc ? { vpcId: ourVpc } : {}),
    ...(takeover ? { takeover } : {}),
    ...(suggestion ? { suggestedPrefix: suggestion } : {}),
  };
}
