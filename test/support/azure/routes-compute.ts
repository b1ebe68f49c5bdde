/**
 * Microsoft.Compute reads for the node-pool checks: resource SKUs (VM sizes offered in a location,
 * with vCPUs, memory, GPUs, Spot capability, zones and restrictions) and regional vCPU usages and
 * quotas. No trimmed contract data exists for these; shapes from the Compute swagger's ResourceSku
 * and Usage definitions (the members the peer sends only).
 */
import { API, authorize, subscriptionOf } from './arm-common';
import type { PeerEngine } from './engine';
import { armError, ok, type Ctx, type Route } from './http';
import { LOCATIONS } from './state';

export interface VmSize {
  name: string;
  family: string;
  vcpus: number;
  memoryGiB: number;
  gpus?: number;
  spot: boolean;
  zones?: string[];
}

export const DEFAULT_VM_SIZES: VmSize[] = [
  { name: 'Standard_B2s', family: 'standardBSFamily', vcpus: 2, memoryGiB: 4, spot: false },
  { name: 'Standard_D2s_v5', family: 'standardDSv5Family', vcpus: 2, memoryGiB: 8, spot: true, zones: ['1', '2', '3'] },
  {
    name: 'Standard_D4s_v5',
    family: 'standardDSv5Family',
    vcpus: 4,
    memoryGiB: 16,
    spot: true,
    zones: ['1', '2', '3'],
  },
  {
    name: 'Standard_D8s_v5',
    family: 'standardDSv5Family',
    vcpus: 8,
    memoryGiB: 32,
    spot: true,
    zones: ['1', '2', '3'],
  },
  {
    name: 'Standard_E4s_v5',
    family: 'standardESv5Family',
    vcpus: 4,
    memoryGiB: 32,
    spot: true,
    zones: ['1', '2', '3'],
  },
  { name: 'Standard_NC4as_T4_v3', family: 'standardNCASv3_T4Family', vcpus: 4, memoryGiB: 28, gpus: 1, spot: true },
];

const FAMILY_NAMES: Record<string, string> = {
  standardBSFamily: 'Standard BS Family vCPUs',
  standardDSv5Family: 'Standard DSv5 Family vCPUs',
  standardESv5Family: 'Standard ESv5 Family vCPUs',
  standardNCASv3_T4Family: 'Standard NCASv3_T4 Family vCPUs',
};

/** Per subscription+location quota state; `limit`/`current` per usage name (cores, lowPriorityCores, families). */
export interface ComputeWorld {
  sizes: VmSize[];
  /** `${location}/${sizeName}` lower-case: not offered to this subscription there. */
  restricted: Set<string>;
  /** `${subscriptionId}/${location}/${usageName}` lower-case → { limit, current }. */
  quotas: Map<string, { limit: number; current: number }>;
}

export const newComputeWorld = (): ComputeWorld => ({
  sizes: [...DEFAULT_VM_SIZES],
  restricted: new Set(),
  quotas: new Map(),
});

const physical = () => LOCATIONS.filter((l) => l.regionType === 'Physical').map((l) => l.name);

function skus(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  authorize(ctx, 'Microsoft.Compute/skus/read', `/subscriptions/${sub.subscriptionId}`);
  const filter = ctx.query.get('$filter');
  let locations = physical();
  if (filter) {
    const m = /^location eq '([^']+)'$/i.exec(filter.trim());
    if (!m)
      throw armError(400, 'InvalidFilter', `The filter '${filter}' is not supported; use location eq '<location>'.`);
    locations = locations.filter((l) => l === m[1]!.toLowerCase());
  }
  const world = ctx.peer.compute;
  const value = world.sizes.flatMap((size) =>
    locations.map((location) => {
      const restricted = world.restricted.has(`${location}/${size.name}`.toLowerCase());
      return {
        resourceType: 'virtualMachines',
        name: size.name,
        tier: 'Standard',
        size: size.name.replace(/^Standard_/, ''),
        family: size.family,
        locations: [location],
        locationInfo: [{ location, zones: size.zones ?? [] }],
        capabilities: [
          { name: 'vCPUs', value: String(size.vcpus) },
          { name: 'MemoryGB', value: String(size.memoryGiB) },
          ...(size.gpus ? [{ name: 'GPUs', value: String(size.gpus) }] : []),
          { name: 'LowPriorityCapable', value: size.spot ? 'True' : 'False' },
        ],
        restrictions: restricted
          ? [
              {
                type: 'Location',
                values: [location],
                restrictionInfo: { locations: [location] },
                reasonCode: 'NotAvailableForSubscription',
              },
            ]
          : [],
      };
    }),
  );
  return ok({ value });
}

function usages(ctx: Ctx<PeerEngine>) {
  const sub = subscriptionOf(ctx);
  authorize(ctx, 'Microsoft.Compute/locations/usages/read', `/subscriptions/${sub.subscriptionId}`);
  const location = ctx.params.location!.toLowerCase();
  if (!physical().includes(location))
    throw armError(
      404,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${ctx.params.location}'.`,
    );
  const world = ctx.peer.compute;
  const entry = (value: string, localizedValue: string, defaultLimit: number) => {
    const q = world.quotas.get(`${sub.subscriptionId}/${location}/${value}`.toLowerCase());
    return {
      unit: 'Count',
      currentValue: q?.current ?? 0,
      limit: q?.limit ?? defaultLimit,
      name: { value, localizedValue },
    };
  };
  const families = [...new Set(world.sizes.map((s) => s.family))];
  return ok({
    value: [
      entry('cores', 'Total Regional vCPUs', 100),
      entry('lowPriorityCores', 'Total Regional Low-priority vCPUs', 100),
      ...families.map((f) => entry(f, FAMILY_NAMES[f] ?? `${f} vCPUs`, f.startsWith('standardNC') ? 0 : 100)),
    ],
  });
}

const arm = (r: Omit<Route<PeerEngine>, 'host' | 'auth'>): Route<PeerEngine> => ({
  host: 'management.azure.com',
  auth: 'arm',
  ...r,
});
export const computeRoutes: Route<PeerEngine>[] = [
  arm({
    name: 'ResourceSkus_List',
    method: 'GET',
    path: '/subscriptions/{sub}/providers/Microsoft.Compute/skus',
    apiVersions: API.computeSkus,
    responses: { 200: 'ResourceSkusResult' },
    handle: skus,
  }),
  arm({
    name: 'Usage_List',
    method: 'GET',
    path: '/subscriptions/{sub}/providers/Microsoft.Compute/locations/{location}/usages',
    apiVersions: API.computeUsage,
    responses: { 200: 'ListUsagesResult' },
    handle: usages,
  }),
];
