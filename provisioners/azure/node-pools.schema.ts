/**
 * Node pools on Azure: the cloud-neutral pool (core/node-pools.schema.ts) with AKS VM sizes
 * (`Standard_D4s_v5`), Regular or Spot priority, and the presets the editor starts from.
 * Checked against the location (sizes offered, Spot, regional vCPU quota) in node-pools.ts.
 */
import { z } from 'zod';
import * as core from '../core/node-pools.schema';

/** An Azure VM size as AKS takes it: `Standard_` or `Basic_` and a size (letters, digits, `_`). */
export const VmSizeName = z
  .string()
  .max(64, 'is longer than an Azure VM size can be')
  .regex(/^(Standard|Basic)_[A-Za-z][A-Za-z0-9_-]*$/, 'is not an Azure VM size (like Standard_D4s_v5)');

export const { pool: AzureNodePool, pools: AzureNodePools } = core.nodePoolSchemas(VmSizeName);
export type AzureNodePool = core.NodePool;

/** AKS's name for a pool's capacity. */
export const aksPriorityOf = (capacity: AzureNodePool['capacity']): 'Regular' | 'Spot' =>
  capacity === 'spot' ? 'Spot' : 'Regular';

/** Starting points for the editor (core/node-pools.schema.ts) in AKS VM sizes. */
export const AZURE_NODE_POOL_PRESETS = core.nodePoolPresets(
  {
    system: ['Standard_D2s_v5'],
    cpu: ['Standard_D8s_v5'],
    spot: ['Standard_D8s_v5'],
    gpu: ['Standard_NC4as_T4_v3'],
  },
  { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' },
);

/** One finding about a pool: the same shape on every cloud. */
export const AzurePoolFinding = core.PoolFinding;
export type AzurePoolFinding = core.PoolFinding;

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
  pools: core.PoolFindings,
  vmSizes: z.array(VmSizeFacts),
  quotas: z.array(VcpuQuotaCheck),
  ok: z.boolean(),
});
export type AzureNodePoolReport = z.infer<typeof AzureNodePoolReport>;
