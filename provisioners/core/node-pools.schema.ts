/**
 * Node pools as every cloud's Kubernetes knows them: name, machine sizes, regular or spot
 * capacity, disk size, min/desired/max, labels, taints. Studio creates them on the cluster; the
 * wizard validates them here and against the region or location. What a machine size looks like
 * is the cloud's business: each provider passes its own size rule to `nodePoolSchemas`.
 */
import { z } from 'zod';

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A DNS subdomain prefix, checked label by label (no backtracking regular expression). */
function isDnsPrefix(prefix: string): boolean {
  return prefix.length > 0 && prefix.length <= 253 && prefix.split('.').every((label) => DNS_LABEL.test(label));
}

/** Kubernetes label/taint key: an optional DNS prefix and a name of at most 63 characters. */
export const LabelKey = z
  .string()
  .max(317, 'is too long for a Kubernetes label key')
  .superRefine((key, ctx) => {
    const slash = key.lastIndexOf('/');
    const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
    if (!name || !LABEL_NAME.test(name) || (prefix !== undefined && !isDnsPrefix(prefix))) {
      ctx.addIssue({
        code: 'custom',
        message: `"${key.slice(0, 80)}" is not a Kubernetes label key (letters, digits, - _ . up to 63 characters, with an optional DNS prefix and /)`,
      });
    }
  });

export const LabelValue = z
  .string()
  .max(63, 'is longer than 63 characters')
  .refine(
    (v) => v === '' || LABEL_NAME.test(v),
    'is not a Kubernetes label value (letters, digits, - _ . up to 63 characters)',
  );

export const TaintEffect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], {
  error: 'choose an effect: NoSchedule, PreferNoSchedule or NoExecute',
});

export const Taint = z.object({
  key: LabelKey,
  value: LabelValue.optional(),
  effect: TaintEffect,
});
export type Taint = z.infer<typeof Taint>;

/** regular: on-demand (AWS) or Regular priority (Azure); spot: interruptible, cheaper. */
export const NodePoolCapacity = z.enum(['regular', 'spot'], { error: 'choose regular or spot capacity' });
export type NodePoolCapacity = z.infer<typeof NodePoolCapacity>;

export const NodePoolName = z
  .string()
  .max(40, 'use 1 to 40 lowercase letters, digits and hyphens')
  .regex(/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, 'use 1 to 40 lowercase letters, digits and hyphens');

/** How many machine sizes, labels and taints a pool may have. */
export const POOL_LIST_LIMITS = { sizes: 20, labels: 20, taints: 10 } as const;

/** The pool and pool-list schemas for a cloud, given what its machine size names look like. */
export function nodePoolSchemas(size: z.ZodType<string>) {
  const pool = z
    .object({
      name: NodePoolName,
      /** system: the persistent pool (orchestrator, cluster services); workers: ephemeral job machines. */
      role: z.enum(['system', 'workers']),
      instanceTypes: z
        .array(size)
        .min(1, 'add at least one machine size')
        .max(POOL_LIST_LIMITS.sizes, `at most ${POOL_LIST_LIMITS.sizes} machine sizes`)
        .refine((types) => new Set(types).size === types.length, 'a machine size is listed twice'),
      capacity: NodePoolCapacity,
      diskSizeGiB: z.number().int('whole GiB only').min(20, 'at least 20 GiB').max(16_384, 'at most 16,384 GiB'),
      minSize: z.number().int('whole nodes only').min(0, 'cannot be negative').max(1000, 'at most 1,000 nodes'),
      desiredSize: z.number().int('whole nodes only').min(0, 'cannot be negative').max(1000, 'at most 1,000 nodes'),
      maxSize: z.number().int('whole nodes only').min(1, 'at least 1').max(1000, 'at most 1,000 nodes'),
      labels: z
        .record(LabelKey, LabelValue)
        .refine((l) => Object.keys(l).length <= POOL_LIST_LIMITS.labels, `at most ${POOL_LIST_LIMITS.labels} labels`),
      taints: z.array(Taint).max(POOL_LIST_LIMITS.taints, `at most ${POOL_LIST_LIMITS.taints} taints`),
    })
    .superRefine((pool, ctx) => {
      if (pool.minSize > pool.maxSize)
        ctx.addIssue({
          code: 'custom',
          path: ['minSize'],
          message: `min (${pool.minSize}) is larger than max (${pool.maxSize})`,
        });
      if (pool.desiredSize < pool.minSize || pool.desiredSize > pool.maxSize) {
        ctx.addIssue({
          code: 'custom',
          path: ['desiredSize'],
          message: `desired (${pool.desiredSize}) must be between min (${pool.minSize}) and max (${pool.maxSize})`,
        });
      }
      if (pool.role === 'system' && pool.capacity === 'spot')
        ctx.addIssue({
          code: 'custom',
          path: ['capacity'],
          message: 'the system pool runs the orchestrator: use regular capacity',
        });
      if (pool.role === 'system' && pool.desiredSize < 1)
        ctx.addIssue({ code: 'custom', path: ['desiredSize'], message: 'the system pool needs at least one node' });
    });

  const pools = z
    .array(pool)
    .min(1, 'add at least the system pool')
    .max(20, 'at most 20 pools')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((p, index) => {
        if (seen.has(p.name))
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `the name ${p.name} is used twice` });
        seen.add(p.name);
      });
      const system = list.filter((p) => p.role === 'system').length;
      if (system !== 1)
        ctx.addIssue({
          code: 'custom',
          message:
            system === 0
              ? 'one pool must be the system pool (it runs the orchestrator)'
              : 'only one pool can be the system pool',
        });
    });
  return { pool, pools };
}

/** A validated pool, whatever the cloud (sizes are plain strings once checked). */
export type NodePool = z.infer<ReturnType<typeof nodePoolSchemas>['pool']>;

/** What a node-pool check found about one pool (a size not offered, no Spot, a short quota…). */
export const PoolFinding = z.object({
  severity: z.enum(['blocker', 'warning']),
  /** The pool field the finding is about (`instanceTypes.1`, `capacity`, …). */
  field: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
  link: z.string().optional(),
});
export type PoolFinding = z.infer<typeof PoolFinding>;

/** A report's findings, pool by pool. */
export const PoolFindings = z.array(z.object({ name: z.string(), findings: z.array(PoolFinding) }));

export { nodePoolPresets, type NodePoolPreset } from './node-pool-presets.schema';
