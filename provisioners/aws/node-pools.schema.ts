/**
 * Node pools on AWS: the cloud-neutral pool (core/node-pools.schema.ts) with EC2 instance types,
 * and the presets the editor starts from. Checked against the region in node-pools.ts.
 */
import { z } from 'zod';
import * as core from '../core/node-pools.schema';

/**
 * An EC2 instance type: a family with a generation digit, a dot, a size (m6i.large). Checked in
 * two linear steps: a single pattern with two stars around the digit backtracks quadratically on
 * long input.
 */
export const InstanceTypeName = z
  .string()
  .max(64, 'is longer than an EC2 instance type can be')
  .refine(
    (value) => /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(value) && /\d/.test(value.slice(0, value.indexOf('.'))),
    'is not an EC2 instance type (like m6i.large)',
  );

export const { pool: NodePool, pools: NodePools } = core.nodePoolSchemas(InstanceTypeName);
export type NodePool = core.NodePool;

export { NODE_POOL_PRESETS } from './node-pool-presets.schema';

/** EC2's name for a pool's capacity. */
export const ec2CapacityOf = (capacity: NodePool['capacity']): 'ON_DEMAND' | 'SPOT' =>
  capacity === 'spot' ? 'SPOT' : 'ON_DEMAND';

export const PoolFinding = core.PoolFinding;
export type PoolFinding = core.PoolFinding;

export const InstanceTypeFacts = z.object({
  type: z.string(),
  vcpus: z.number(),
  memoryMiB: z.number(),
  spot: z.boolean(),
  architectures: z.array(z.string()),
  gpu: z.object({ name: z.string(), manufacturer: z.string(), count: z.number(), memoryMiB: z.number() }).optional(),
  /** Chosen zones that offer the type. */
  zones: z.array(z.string()),
});
export type InstanceTypeFacts = z.infer<typeof InstanceTypeFacts>;

export const QuotaCheck = z.object({
  group: z.string(),
  capacity: z.enum(['ON_DEMAND', 'SPOT']),
  code: z.string(),
  /** vCPUs all pools of this group and capacity can use at their maximum size. */
  needed: z.number(),
  limit: z.number().optional(),
  source: z.enum(['applied', 'default', 'unknown']),
  pools: z.array(z.string()),
  ok: z.boolean(),
  message: z.string(),
  link: z.string(),
});
export type QuotaCheck = z.infer<typeof QuotaCheck>;

export const NodePoolReport = z.object({
  pools: core.PoolFindings,
  instanceTypes: z.array(InstanceTypeFacts),
  quotas: z.array(QuotaCheck),
  ok: z.boolean(),
});
export type NodePoolReport = z.infer<typeof NodePoolReport>;
