/** AWS node-pool presets as plain data, no zod: the renderer builds its empty draft from them at start. */
import { nodePoolPresets } from '../core/node-pool-presets.schema';

/**
 * Starting points for the editor (core/node-pools.schema.ts); the instance types are offered in
 * every zone of the most used regions.
 */
export const NODE_POOL_PRESETS = nodePoolPresets(
  {
    system: ['m6i.large'],
    cpu: ['m6i.2xlarge', 'm7i.2xlarge', 'm5.2xlarge'],
    spot: ['c6i.2xlarge', 'c7i.2xlarge', 'c5.2xlarge', 'm6i.2xlarge'],
    gpu: ['g5.xlarge', 'g4dn.xlarge'],
  },
  { key: 'capacity', value: 'spot', effect: 'NoSchedule' },
);
