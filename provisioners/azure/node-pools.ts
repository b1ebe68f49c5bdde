/**
 * Node-pool checks on Azure, the AKS equivalent of the AWS ones: is each VM size offered to this
 * subscription in the location, can it run as Spot, and does the regional vCPU quota (per family,
 * total regional, and Spot) hold every pool at its maximum size. A quota Azure does not show is
 * reported as unknown, never as fine.
 */
import type { AzureHttp } from './client';
import type {
  AzureNodePool,
  AzureNodePoolReport,
  AzurePoolFinding,
  VcpuQuotaCheck,
  VmSizeFacts,
} from './node-pools.schema';
import { API, SkuShape, UsageShape, type SkuShape as Sku, type UsageShape as Usage } from './shapes';

const capability = (sku: Sku, name: string) => sku.capabilities?.find((c) => c.name === name)?.value;

export function toVmSizeFacts(sku: Sku, location: string): VmSizeFacts {
  const restricted = (sku.restrictions ?? []).some(
    (r) => r.type === 'Location' && (r.values ?? [location]).some((v) => v.toLowerCase() === location.toLowerCase()),
  );
  return {
    name: sku.name,
    family: sku.family ?? '',
    vcpus: Number(capability(sku, 'vCPUs') ?? 0),
    memoryGiB: Number(capability(sku, 'MemoryGB') ?? 0),
    gpus: Number(capability(sku, 'GPUs') ?? 0),
    offered: !restricted,
    spot: capability(sku, 'LowPriorityCapable') === 'True',
    zones: sku.locationInfo?.flatMap((l) => l.zones ?? []) ?? [],
  };
}

/** VM sizes in a location (one request; the SKU API filters by location only). */
export async function vmSizes(
  http: AzureHttp,
  sub: string,
  location: string,
  signal?: AbortSignal,
): Promise<VmSizeFacts[]> {
  const skus = await http.list('arm', `/subscriptions/${sub}/providers/Microsoft.Compute/skus`, SkuShape, {
    query: { 'api-version': API.computeSkus, $filter: `location eq '${location}'` },
    ...(signal ? { signal } : {}),
  });
  return skus.filter((s) => s.resourceType === 'virtualMachines').map((s) => toVmSizeFacts(s, location));
}

export async function vcpuUsages(
  http: AzureHttp,
  sub: string,
  location: string,
  signal?: AbortSignal,
): Promise<Usage[]> {
  return http.list(
    'arm',
    `/subscriptions/${sub}/providers/Microsoft.Compute/locations/${location}/usages`,
    UsageShape,
    {
      query: { 'api-version': API.computeUsage },
      ...(signal ? { signal } : {}),
    },
  );
}

interface Need {
  quota: string;
  label: string;
  needed: number;
  pools: Set<string>;
}

function quotaCheck(need: Need, usages: Usage[] | undefined): VcpuQuotaCheck {
  const usage = usages?.find((u) => u.name.value.toLowerCase() === need.quota.toLowerCase());
  const base = { quota: need.quota, label: need.label, needed: need.needed, pools: [...need.pools] };
  if (!usage)
    return {
      ...base,
      status: 'unknown',
      message: `Azure did not say how many ${need.label} vCPUs this subscription may use here: check Usage + quotas in the portal.`,
    };
  const free = usage.limit - usage.currentValue;
  const ok = free >= need.needed;
  return {
    ...base,
    used: usage.currentValue,
    limit: usage.limit,
    status: ok ? 'ok' : 'short',
    message: ok
      ? `${need.label}: ${need.needed} vCPUs needed at most, ${free} of ${usage.limit} free.`
      : `${need.label}: the pools need up to ${need.needed} vCPUs, but only ${free} of ${usage.limit} are free. Request a quota increase (Subscriptions → Usage + quotas).`,
  };
}

/** The report for a set of pools, given the location's sizes and usages (undefined: not readable). */
export function checkNodePools(
  pools: AzureNodePool[],
  location: string,
  sizes: VmSizeFacts[] | undefined,
  usages: Usage[] | undefined,
): AzureNodePoolReport {
  const bySize = new Map((sizes ?? []).map((s) => [s.name.toLowerCase(), s]));
  const needs = new Map<string, Need>();
  const need = (quota: string, label: string, vcpus: number, pool: string) => {
    const n = needs.get(quota) ?? { quota, label, needed: 0, pools: new Set<string>() };
    n.needed += vcpus;
    n.pools.add(pool);
    needs.set(quota, n);
  };
  const report = pools.map((pool) => {
    const findings: AzurePoolFinding[] = [];
    let vcpus = 0;
    pool.instanceTypes.forEach((type, index) => {
      const facts = bySize.get(type.toLowerCase());
      if (!sizes) return;
      if (!facts || !facts.offered) {
        findings.push({
          severity: 'blocker',
          field: `instanceTypes.${index}`,
          message: `${type} is not offered to this subscription in ${location}.`,
          hint: 'Choose another size or location, or ask Azure support to enable it.',
        });
        return;
      }
      if (pool.capacity === 'spot' && !facts.spot)
        findings.push({
          severity: 'blocker',
          field: `instanceTypes.${index}`,
          message: `${type} cannot run as Spot.`,
          hint: 'Choose a Spot-capable size, or regular capacity.',
        });
      vcpus = Math.max(vcpus, facts.vcpus);
      if (pool.capacity === 'regular' && facts.family)
        need(facts.family, `${facts.family}`, facts.vcpus * pool.maxSize, pool.name);
    });
    const total = vcpus * pool.maxSize;
    if (pool.capacity === 'spot') need('lowPriorityCores', 'Spot (total regional)', total, pool.name);
    else need('cores', 'Total regional', total, pool.name);
    return { name: pool.name, findings };
  });
  const quotas = sizes ? [...needs.values()].map((n) => quotaCheck(n, usages)) : [];
  const ok =
    report.every((p) => p.findings.every((f) => f.severity !== 'blocker')) && quotas.every((q) => q.status !== 'short');
  return {
    location,
    pools: report,
    vmSizes: (sizes ?? []).filter((s) =>
      pools.some((p) => p.instanceTypes.some((t) => t.toLowerCase() === s.name.toLowerCase())),
    ),
    quotas,
    ok,
  };
}

/** Read the location's sizes and usages and check the pools; what cannot be read is unknown. */
export async function nodePoolReport(
  http: AzureHttp,
  sub: string,
  location: string,
  pools: AzureNodePool[],
  signal?: AbortSignal,
): Promise<AzureNodePoolReport> {
  const [sizes, usages] = await Promise.all([
    vmSizes(http, sub, location, signal).catch(() => undefined),
    vcpuUsages(http, sub, location, signal).catch(() => undefined),
  ]);
  return checkNodePools(pools, location, sizes, usages);
}
