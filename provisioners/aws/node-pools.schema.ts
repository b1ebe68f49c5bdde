/**
 * Node pools as EKS users know them (the compute-layer reference): name, instance types, capacity
 * type, disk size, min/desired/max, labels, taints. Studio creates them on the cluster; the wizard
 * validates them here and against the region (node-pools.ts). Pure zod: shared with the renderer.
 */
import { z } from 'zod';

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_PREFIX = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** Kubernetes label/taint key: an optional DNS prefix and a name of at most 63 characters. */
export const LabelKey = z.string().superRefine((key, ctx) => {
  const [prefix, name] = key.includes('/') ? [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)] : [undefined, key];
  if (!name || !LABEL_NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !DNS_PREFIX.test(prefix)))) {
    ctx.addIssue({ code: 'custom', message: `"${key}" is not a Kubernetes label key (letters, digits, - _ . up to 63 characters, with an optional DNS prefix and /)` });
  }
});

export const LabelValue = z.string().refine((v) => v === '' || LABEL_NAME.test(v), 'is not a Kubernetes label value (letters, digits, - _ . up to 63 characters)');

export const TaintEffect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], { error: 'choose an effect: NoSchedule, PreferNoSchedule or NoExecute' });

export const Taint = z.object({
  key: LabelKey,
  value: LabelValue.optional(),
  effect: TaintEffect,
});
export type Taint = z.infer<typeof Taint>;

export const InstanceTypeName = z.string().regex(/^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/, 'is not an EC2 instance type (like m6i.large)');

export const NodePool = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, 'use 1 to 40 lowercase letters, digits and hyphens'),
    /** system: the persistent pool (orchestrator, cluster services); workers: ephemeral job machines. */
    role: z.enum(['system', 'workers']),
    instanceTypes: z
      .array(InstanceTypeName)
      .min(1, 'add at least one instance type')
      .max(20, 'at most 20 instance types')
      .refine((types) => new Set(types).size === types.length, 'an instance type is listed twice'),
    capacityType: z.enum(['ON_DEMAND', 'SPOT']),
    diskSizeGiB: z.number().int('whole GiB only').min(20, 'at least 20 GiB').max(16_384, 'at most 16,384 GiB'),
    minSize: z.number().int().min(0, 'cannot be negative'),
    desiredSize: z.number().int().min(0, 'cannot be negative'),
    maxSize: z.number().int().min(1, 'at least 1').max(1000, 'at most 1,000 nodes'),
    labels: z.record(LabelKey, LabelValue).refine((l) => Object.keys(l).length <= 20, 'at most 20 labels'),
    taints: z.array(Taint).max(10, 'at most 10 taints'),
  })
  .superRefine((pool, ctx) => {
    if (pool.minSize > pool.maxSize) ctx.addIssue({ code: 'custom', path: ['minSize'], message: `min (${pool.minSize}) is larger than max (${pool.maxSize})` });
    if (pool.desiredSize < pool.minSize || pool.desiredSize > pool.maxSize) {
      ctx.addIssue({ code: 'custom', path: ['desiredSize'], message: `desired (${pool.desiredSize}) must be between min (${pool.minSize}) and max (${pool.maxSize})` });
    }
    if (pool.role === 'system' && pool.capacityType === 'SPOT') ctx.addIssue({ code: 'custom', path: ['capacityType'], message: 'the system pool runs the orchestrator: use on-demand capacity' });
    if (pool.role === 'system' && pool.desiredSize < 1) ctx.addIssue({ code: 'custom', path: ['desiredSize'], message: 'the system pool needs at least one node' });
  });
export type NodePool = z.infer<typeof NodePool>;

export const NodePools = z
  .array(NodePool)
  .min(1, 'add at least the system pool')
  .max(20, 'at most 20 pools')
  .superRefine((pools, ctx) => {
    const seen = new Set<string>();
    pools.forEach((pool, index) => {
      if (seen.has(pool.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `the name ${pool.name} is used twice` });
      seen.add(pool.name);
    });
    const system = pools.filter((p) => p.role === 'system').length;
    if (system !== 1) ctx.addIssue({ code: 'custom', message: system === 0 ? 'one pool must be the system pool (it runs the orchestrator)' : 'only one pool can be the system pool' });
  });

/**
 * Starting points for the editor. The system preset is the reference's `steady` pool; the other
 * presets use instance types offered in every zone of the most used regions.
 */
export const NODE_POOL_PRESETS: Record<'system' | 'cpu' | 'spot' | 'gpu', NodePool> = {
  system: {
    name: 'system',
    role: 'system',
    instanceTypes: ['m6i.large'],
    capacityType: 'ON_DEMAND',
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
    instanceTypes: ['m6i.2xlarge', 'm7i.2xlarge', 'm5.2xlarge'],
    capacityType: 'ON_DEMAND',
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
    instanceTypes: ['c6i.2xlarge', 'c7i.2xlarge', 'c5.2xlarge', 'm6i.2xlarge'],
    capacityType: 'SPOT',
    diskSizeGiB: 100,
    minSize: 0,
    desiredSize: 0,
    maxSize: 20,
    labels: { lifecycle: 'ephemeral', workload: 'cpu', capacity: 'spot' },
    taints: [{ key: 'capacity', value: 'spot', effect: 'NoSchedule' }],
  },
  gpu: {
    name: 'gpu-workers',
    role: 'workers',
    instanceTypes: ['g5.xlarge', 'g4dn.xlarge'],
    capacityType: 'ON_DEMAND',
    diskSizeGiB: 200,
    minSize: 0,
    desiredSize: 0,
    maxSize: 4,
    labels: { lifecycle: 'ephemeral', workload: 'gpu' },
    taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
  },
};
