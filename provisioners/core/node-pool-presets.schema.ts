/** The node-pool presets as plain data, no zod: the renderer builds its empty draft from them at start. */
import type { NodePool, Taint } from './node-pools.schema';

export type NodePoolPreset = 'system' | 'cpu' | 'spot' | 'gpu';

/**
 * The editor's starting points, the same pools on every cloud: the reference's persistent
 * `system` pool, CPU workers, Spot workers, GPU workers. A cloud gives its machine sizes for each
 * and the taint its Spot nodes carry.
 */
export function nodePoolPresets(
  sizes: Record<NodePoolPreset, string[]>,
  spotTaint: Taint,
): Record<NodePoolPreset, NodePool> {
  const workers = { role: 'workers' as const, minSize: 0, desiredSize: 0 };
  return {
    system: {
      name: 'system',
      role: 'system',
      instanceTypes: sizes.system,
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
      ...workers,
      instanceTypes: sizes.cpu,
      capacity: 'regular',
      diskSizeGiB: 100,
      maxSize: 10,
      labels: { lifecycle: 'ephemeral', workload: 'cpu' },
      taints: [],
    },
    spot: {
      name: 'spot-workers',
      ...workers,
      instanceTypes: sizes.spot,
      capacity: 'spot',
      diskSizeGiB: 100,
      maxSize: 20,
      labels: { lifecycle: 'ephemeral', workload: 'cpu', capacity: 'spot' },
      taints: [spotTaint],
    },
    gpu: {
      name: 'gpu-workers',
      ...workers,
      instanceTypes: sizes.gpu,
      capacity: 'regular',
      diskSizeGiB: 200,
      maxSize: 4,
      labels: { lifecycle: 'ephemeral', workload: 'gpu' },
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    },
  };
}
