import { useEffect, useMemo } from 'react';
import { AZURE_NODE_POOL_PRESETS, AzureNodePools, type AzureNodePoolReport } from '@contract/clouds/azure';
import { FIELD_LIMITS } from '@contract/field-limits';
import { DataTable, type Column } from '../../../components/DataTable';
import type { PoolVocabulary } from '../../../screens/PoolEditor';
import { PoolCheckState, PoolList, selectPools, usePoolsCheck } from '../../../screens/PoolList';
import { useAppStore } from '../../../store';
import { azurePoolsKey, hasForeignPools, poolsProblem, selectLocation } from '../predicates';

type Quota = AzureNodePoolReport['quotas'][number];

export const AKS_WORDS: PoolVocabulary = {
  schema: AzureNodePools.element,
  regular: 'Regular',
  sizes: 'VM sizes',
  sizesHint: 'Comma-separated AKS VM sizes, e.g. Standard_D4s_v5, Standard_D8s_v5',
  sizesMaxLength: FIELD_LIMITS.azureSizes,
};

const QUOTA_COLUMNS: Column<Quota>[] = [
  { key: 'quota', header: 'Quota', cell: (q) => q.label },
  { key: 'needed', header: 'Pools may use', cell: (q) => `${q.needed} vCPUs` },
  {
    key: 'limit',
    header: 'Used / limit',
    cell: (q) => (q.limit === undefined ? 'unknown' : `${q.used ?? 0} / ${q.limit} vCPUs`),
  },
  {
    key: 'status',
    header: 'Status',
    cell: (q) =>
      q.status === 'ok' ? (
        <span className="badge badge--ok">Fits</span>
      ) : (
        <span className={q.status === 'short' ? 'field__error' : 'muted'}>{q.message}</span>
      ),
  },
];

/** The node pools, on the location screen: they are checked against the location chosen above them. */
export function AzurePoolsSection() {
  const pools = useAppStore(selectPools);
  const location = useAppStore(selectLocation);
  const report = useAppStore((s) => s.azure.pools);
  // In words as the location picker shows it (East US), the name (eastus) until the list is read.
  const where =
    useAppStore((s) =>
      s.azure.locations.status === 'ready'
        ? s.azure.locations.value.find((l) => l.name === location)?.displayName
        : undefined,
    ) ?? location;
  const invalid = poolsProblem(pools);
  const key = useMemo(() => azurePoolsKey(location, pools), [location, pools]);
  const check = () => void useAppStore.getState().azureCheckPools(key, location, pools);
  usePoolsCheck(!invalid && !!location, key, report.key, check);

  // A draft started on another cloud holds its machine sizes: start from AKS's system pool instead.
  useEffect(() => {
    if (hasForeignPools(pools)) useAppStore.getState().setDraft({ nodePools: [AZURE_NODE_POOL_PRESETS.system] });
  }, [pools]);

  const current = report.key === key && report.status === 'ready' ? report.value : undefined;
  const findingsFor = (name: string) => current?.pools.find((p) => p.name === name)?.findings ?? [];

  return (
    <section className="card" aria-label="Node pools">
      <h2>Node pools</h2>
      <p className="muted">
        Studio creates these AKS node pools in each cluster: one persistent system pool for the orchestrator, and worker
        pools for jobs. The defaults suit most teams. They are checked against {where || 'the location'} now (VM sizes
        offered there, Spot and your regional vCPU quotas), which catches the usual reasons a cluster fails to start;
        quotas and Spot capacity can still change later.
      </p>

      <PoolList presets={AZURE_NODE_POOL_PRESETS} words={AKS_WORDS} findingsFor={findingsFor} heading="h3" />
      <PoolCheckState invalid={invalid} report={report} checkKey={key} where={where} onRetry={check} />
      {current && (
        <section className="card" aria-label="vCPU quotas">
          <h3>vCPU quotas in {where}</h3>
          <DataTable columns={QUOTA_COLUMNS} rows={current.quotas} rowKey={(q) => q.quota} />
        </section>
      )}
    </section>
  );
}
