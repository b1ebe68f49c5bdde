/**
 * Node pools checked against a region before Studio ever tries to create a cluster: do the
 * instance types exist and run in the chosen zones, do they support Spot when asked, and do the
 * account's vCPU quotas cover every pool at its maximum size?
 */
import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  type EC2Client,
  type InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import {
  ec2CapacityOf,
  type InstanceTypeFacts,
  type NodePool,
  type NodePoolReport,
  type PoolFinding,
} from './node-pools.schema';
import { quotaLink, readQuota } from './quotas';
import { familyGroup, VCPU_QUOTA_CODES, type FamilyGroup } from './vcpu-quotas';

export interface NodePoolClients {
  ec2: Pick<EC2Client, 'send'>;
  serviceQuotas: Pick<ServiceQuotasClient, 'send'>;
}

/** Describe the instance types; unknown ones are reported, not fatal. */
async function describeTypes(
  ec2: NodePoolClients['ec2'],
  types: string[],
  signal?: AbortSignal,
): Promise<{ known: InstanceTypeInfo[]; unknown: string[] }> {
  try {
    const out = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: types as never }), {
      abortSignal: signal,
    });
    return { known: out.InstanceTypes ?? [], unknown: [] };
  } catch (error) {
    if ((error as Error).name !== 'InvalidInstanceType') throw error;
    const listed = /\[([^\]]*)\]/
      .exec((error as Error).message)?.[1]
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = listed?.length ? listed : [];
    const rest = types.filter((t) => !unknown.includes(t));
    if (!listed?.length) {
      // The error did not name the culprits: ask one type at a time.
      const known: InstanceTypeInfo[] = [];
      for (const type of types) {
        const one = await describeTypes(ec2, [type], signal);
        known.push(...one.known);
        unknown.push(...one.unknown);
      }
      return { known, unknown };
    }
    return rest.length ? { known: (await describeTypes(ec2, rest, signal)).known, unknown } : { known: [], unknown };
  }
}

async function offeredZones(
  ec2: NodePoolClients['ec2'],
  types: string[],
  zones: string[],
  signal?: AbortSignal,
): Promise<Map<string, string[]>> {
  const offered = new Map<string, string[]>(types.map((t) => [t, []]));
  let token: string | undefined;
  do {
    const out = await ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [
          { Name: 'instance-type', Values: types },
          { Name: 'location', Values: zones },
        ],
        NextToken: token,
      }),
      { abortSignal: signal },
    );
    for (const o of out.InstanceTypeOfferings ?? []) {
      if (o.InstanceType && o.Location && zones.includes(o.Location)) offered.get(o.InstanceType)?.push(o.Location);
    }
    token = out.NextToken;
  } while (token);
  return offered;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function checkNodePools(
  clients: NodePoolClients,
  region: string,
  zones: string[],
  pools: NodePool[],
  signal?: AbortSignal,
): Promise<NodePoolReport> {
  const allTypes = [...new Set(pools.flatMap((p) => p.instanceTypes))];
  const { known, unknown } = await describeTypes(clients.ec2, allTypes, signal);
  const offered = await offeredZones(
    clients.ec2,
    allTypes.filter((t) => !unknown.includes(t)),
    zones,
    signal,
  );
  const facts = new Map<string, InstanceTypeFacts>();
  for (const info of known) {
    if (!info.InstanceType) continue;
    const gpu = info.GpuInfo?.Gpus?.[0];
    facts.set(info.InstanceType, {
      type: info.InstanceType,
      vcpus: info.VCpuInfo?.DefaultVCpus ?? 0,
      memoryMiB: info.MemoryInfo?.SizeInMiB ?? 0,
      spot: (info.SupportedUsageClasses ?? []).includes('spot'),
      architectures: info.ProcessorInfo?.SupportedArchitectures ?? [],
      ...(gpu
        ? {
            gpu: {
              name: gpu.Name ?? 'GPU',
              manufacturer: gpu.Manufacturer ?? '',
              count: (info.GpuInfo?.Gpus ?? []).reduce((n, g) => n + (g.Count ?? 0), 0),
              memoryMiB: info.GpuInfo?.TotalGpuMemoryInMiB ?? 0,
            },
          }
        : {}),
      zones: (offered.get(info.InstanceType) ?? []).sort(),
    });
  }

  const report: NodePoolReport = { pools: [], instanceTypes: [...facts.values()], quotas: [], ok: true };
  const demand = new Map<
    string,
    { group: FamilyGroup; capacity: 'ON_DEMAND' | 'SPOT'; needed: number; pools: string[] }
  >();
  for (const pool of pools) {
    const findings: PoolFinding[] = [];
    pool.instanceTypes.forEach((type, index) => {
      const field = `instanceTypes.${index}`;
      const fact = facts.get(type);
      if (unknown.includes(type) || !fact) {
        findings.push({
          severity: 'blocker',
          field,
          message: `${type} is not an instance type AWS offers.`,
          hint: 'Check the spelling (for example m6i.large).',
        });
        return;
      }
      if (fact.zones.length === 0) {
        findings.push({
          severity: 'blocker',
          field,
          message: `${type} is not offered in any of the chosen zones (${zones.join(', ')}).`,
          hint: 'Choose another instance type, or add a zone that offers it.',
        });
      } else if (fact.zones.length < zones.length) {
        const missing = zones.filter((z) => !fact.zones.includes(z));
        findings.push({
          severity: 'warning',
          field,
          message: `${type} is not offered in ${missing.join(', ')}; its nodes will only start in ${fact.zones.join(', ')}.`,
        });
      }
      if (pool.capacity === 'spot' && !fact.spot) {
        findings.push({
          severity: 'blocker',
          field,
          message: `${type} cannot run as Spot capacity.`,
          hint: 'Use on-demand capacity for this pool, or another instance type.',
        });
      }
      if (fact.gpu && pool.role === 'workers' && !pool.taints.some((t) => t.key === 'nvidia.com/gpu')) {
        findings.push({
          severity: 'warning',
          field: 'taints',
          message: `${type} has ${plural(fact.gpu.count, 'GPU')} (${fact.gpu.name}); without an nvidia.com/gpu taint, ordinary jobs may land on these expensive nodes.`,
        });
      }
      if (!familyGroup(type))
        findings.push({
          severity: 'warning',
          field,
          message: `The vCPU quota of ${type} is not checked (its family has a quota of its own).`,
        });
    });
    const vcpus = Math.max(0, ...pool.instanceTypes.map((t) => facts.get(t)?.vcpus ?? 0));
    for (const group of new Set(pool.instanceTypes.map(familyGroup).filter((g): g is FamilyGroup => !!g))) {
      const capacity = ec2CapacityOf(pool.capacity);
      const key = `${group}|${capacity}`;
      const entry = demand.get(key) ?? { group, capacity, needed: 0, pools: [] };
      entry.needed += pool.maxSize * vcpus;
      entry.pools.push(pool.name);
      demand.set(key, entry);
    }
    report.pools.push({ name: pool.name, findings });
    if (findings.some((f) => f.severity === 'blocker')) report.ok = false;
  }

  for (const entry of demand.values()) {
    const code =
      entry.capacity === 'SPOT' ? VCPU_QUOTA_CODES[entry.group].spot : VCPU_QUOTA_CODES[entry.group].onDemand;
    const quota = await readQuota(clients.serviceQuotas, 'ec2', code, signal);
    const kind = entry.capacity === 'SPOT' ? 'Spot' : 'On-Demand';
    const ok = quota.value === undefined || entry.needed <= quota.value;
    const who = entry.pools.length === 1 ? `The pool ${entry.pools[0]}` : `The pools ${entry.pools.join(', ')}`;
    const message =
      quota.value === undefined
        ? `The ${kind} ${entry.group} vCPU quota (${code}) could not be read, so it is unknown whether ${who.toLowerCase()} fit: they can use up to ${entry.needed} vCPUs. Check the quota in the Service Quotas console (reading it needs servicequotas:GetServiceQuota).`
        : ok
          ? `${who} can use up to ${entry.needed} of the ${quota.value} ${kind} ${entry.group} vCPUs the account may run in ${region}.`
          : `${who} can grow to ${entry.needed} ${kind} vCPUs of ${entry.group} instances, but the account may run only ${quota.value} in ${region}. Clusters would fail to add nodes beyond that.`;
    report.quotas.push({
      ...entry,
      code,
      ...(quota.value !== undefined ? { limit: quota.value } : {}),
      source: quota.source,
      ok,
      message,
      link: quotaLink(region, 'ec2', code),
    });
    if (!ok) report.ok = false;
  }
  return report;
}
