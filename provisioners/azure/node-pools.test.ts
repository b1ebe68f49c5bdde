import { describe, expect, it } from 'vitest';
import { checkNodePools, toVmSizeFacts } from './node-pools';
import { AZURE_NODE_POOL_PRESETS } from './node-pools.schema';

const sku = (name: string, family: string, vcpus: number, spot: boolean, restricted = false) =>
  toVmSizeFacts(
    {
      resourceType: 'virtualMachines',
      name,
      family,
      capabilities: [
        { name: 'vCPUs', value: String(vcpus) },
        { name: 'MemoryGB', value: '16' },
        { name: 'LowPriorityCapable', value: spot ? 'True' : 'False' },
      ],
      restrictions: restricted
        ? [{ type: 'Location', reasonCode: 'NotAvailableForSubscription', values: ['eastus'] }]
        : [],
    },
    'eastus',
  );

describe('checkNodePools', () => {
  const sizes = [
    sku('Standard_D2s_v5', 'standardDSv5Family', 2, true),
    sku('Standard_D8s_v5', 'standardDSv5Family', 8, false),
  ];

  it('checks sizes offered, Spot capability and regional vCPU quota per family, total and Spot', () => {
    const usages = [
      { name: { value: 'cores' }, currentValue: 0, limit: 10 },
      { name: { value: 'standardDSv5Family' }, currentValue: 0, limit: 100 },
      { name: { value: 'lowPriorityCores' }, currentValue: 0, limit: 1000 },
    ];
    const report = checkNodePools(
      [AZURE_NODE_POOL_PRESETS.system, AZURE_NODE_POOL_PRESETS.cpu, AZURE_NODE_POOL_PRESETS.spot],
      'eastus',
      sizes,
      usages,
    );
    expect(report.pools.find((p) => p.name === 'spot-workers')!.findings[0]!.message).toMatch(/cannot run as Spot/);
    const total = report.quotas.find((q) => q.quota === 'cores')!;
    expect(total.needed).toBe(2 * 3 + 8 * 10);
    expect(total.status).toBe('short');
    expect(report.ok).toBe(false);
  });

  it('says unknown, not fine, when Azure shows no quota, and blocks a size not offered', () => {
    const report = checkNodePools(
      [AZURE_NODE_POOL_PRESETS.system],
      'eastus',
      [sku('Standard_D2s_v5', 'standardDSv5Family', 2, true, true)],
      undefined,
    );
    expect(report.pools[0]!.findings[0]!.message).toMatch(/not offered/);
    expect(report.quotas.every((q) => q.status === 'unknown')).toBe(true);
  });
});
