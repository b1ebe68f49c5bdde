/**
 * Node pools on Azure: the cloud-neutral pool (core/node-pools.schema.ts) with AKS VM sizes
 * (`Standard_D4s_v5`), Regular or Spot priority, and the presets the editor starts from.
 * Checked against the location (sizes offered, Spot, regional vCPU quota) in node-pools.ts.
 */
import { z } from 'zod';
import { nodePoolSchemas, type NodePool as CoreNodePool } from '../core/node-pools.schema';

/** An Azure VM size as AKS takes it: `Standard_` or `Basic_` and a size (letters, digits, `_`). */
export const VmSizeName = z
  .string()
  .max(64, 'is longer than an Azure VM size can be')
  .regex(/^(Standard|Basic)_[A-Za-z][A-Za-z0-9_-]*$/, 'is not an Azure VM size (like Standard_D4s_v5)');

export const { pool: AzureNodePool, pools: AzureNodePools } = nodePoolSchemas(VmSizeName);
export type AzureNodePool = CoreNodePool;

/** AKS's name for a pool's capacity. */
export const aksPriorityOf = (capacity: AzureNodePool['capacity']): 'Regular' | 'Spot' =>
  capacity === 'spot' ? 'Spot' : 'Regular';

export const AZURE_NODE_POOL_PRESETS: Record<'system' | 'cpu' | 'spot' | 'gpu', AzureNodePool> = {
  system: {
    name: 'system',
    role: 'system',
    instanceTypes: ['Standard_D2s_v5'],
    capacity: 'regular',
    diskSizeGiB: 50,
    minSize: 1,
    desiredSize: 2,
    maxSize: 3,
    labels: { lifecycle: 'persistent', scalability: 'steady' },
    taints: [],
  },
  cpu: {
    name: 'cpu-workers',
    role: 'workers',
    instanceTypes: ['Standard_D8s_v5'],
    capacity: 'regular',
    diskSizeGiB: 100,
    minSize: 0,
    desiredSize: 0,
    maxSize: 10,
    labels: { lifecycle: 'ephemeral', workload: 'cpu' },
    taints: [],
  },
  spot: {
    name: 'spot-workers',
    role: 'workers',
    instanceTypes: ['Standard_D8s_v5'],
    capacity: 'spot',
    diskSizeGiB: 100,
    minSize: 0,
    desiredSize: 0,
    maxSize: 20,
    labels: { lifecycle: 'ephemeral', workload: 'cpu', capacity: 'spot' },
    taints: [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }],
  },
  gpu: {
    name: 'gpu-workers',
    role: 'workers',
    instanceTypes: ['Standard_NC4as_T4_v3'],
    capacity: 'regular',
    diskSizeGiB: 200,
    minSize: 0,
    desiredSize: 0,
    maxSize: 4,
    labels: { lifecycle: 'ephemeral', workload: 'gpu' },
    taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
  },
};

export const AzurePoolFinding = z.object({
  severity: z.enum(['blocker', 'warning']),
  field: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
  link: z.string().optional(),
});
export type AzurePoolFinding = z.infer<typeof AzurePoolFinding>;

export const VmSizeFacts = z.object({
  name: z.string(),
  family: z.string(),
  vcpus: z.number(),
  memoryGiB: z.number(),
  gpus: z.number(),
  /** Offered to this subscription in the location (no `NotAvailableForSubscription` restriction). */
  offered: z.boolean(),
  /** Spot (low priority) capable. */
  spot: z.boolean(),
  zones: z.array(z.string()),
});
export type VmSizeFacts = z.infer<typeof VmSizeFacts>;

export const VcpuQuotaCheck = z.object({
  /** The usage name: a family (`standardDSv5Family`), `cores` (total regional) or `lowPriorityCores` (Spot). */
  quota: z.string(),
  label: z.string(),
  /** vCPUs the pools counted here can use at their maximum size. */
  needed: z.number(),
  used: z.number().optional(),
  limit: z.number().optional(),
  pools: z.array(z.string()),
  status: z.enum(['ok', 'short', 'unknown']),
  message: z.string(),
});
export type VcpuQuotaCheck = z.infer<typeof VcpuQuotaCheck>;

export const AzureNodePoolReport = z.object({
  location: z.string(),
  pools: z.array(z.object({ name: z.string(), findings: z.array(AzurePoolFinding) })),
  vmSizes: z.array(VmSizeFacts),
  quotas: z.array(VcpuQuotaCheck),
  ok: z.boolean(),
});
export type AzureNodePoolReport = z.infer<typeof AzureNodePoolReport>;
