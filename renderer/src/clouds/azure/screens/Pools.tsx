import { useEffect, useMemo, useState } from 'react';
import { AZURE_NODE_POOL_PRESETS, AzureNodePools, type AzureNodePoolReport } from '@contract/clouds/azure';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { StepFooter } from '../../../components/StepFooter';
import { PoolEditor, type PoolVocabulary } from '../../../screens/PoolEditor';
import { useAppStore } from '../../../store';
import { NO_POOLS } from '../../../store/draft';
import { azurePoolsKey, hasForeignPools, poolsProblem, selectLocation } from '../predicates';
import '../../../screens/NodePoolsSection.css';

type PoolDraft = Record<string, unknown>;
type Quota = AzureNodePoolReport['quotas'][number];

export const AKS_WORDS: PoolVocabulary = {
  schema: AzureNodePools.element,
  regular: 'Regular',
  sizes: 'VM sizes',
  sizesHint: 'Comma-separated AKS VM sizes, e.g. Standard_D4s_v5, Standard_D8s_v5',
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

function uniqueName(base: string, pools: PoolDraft[]): string {
  const names = new Set(pools.map((p) => String(p.name)));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function AzurePoolsStep() {
  const pools = useAppStore((s) => (s.draft.nodePools ?? NO_POOLS) as PoolDraft[]);
  const location = useAppStore(selectLocation);
  const report = useAppStore((s) => s.azure.pools);
  const { setDraft, azureCheckPools } = useAppStore.getState();
  const [editing, setEditing] = useState<number | undefined>(undefined);
  const invalid = poolsProblem(pools);
  const key = useMemo(() => azurePoolsKey(location, pools), [location, pools]);

  // A draft started on another cloud holds its machine sizes: start from AKS's system pool instead.
  useEffect(() => {
    if (hasForeignPools(pools)) setDraft({ nodePools: [AZURE_NODE_POOL_PRESETS.system] });
  }, [pools, setDraft]);

  useEffect(() => {
    if (invalid || !location || report.key === key) return;
    const timer = setTimeout(() => void azureCheckPools(key, location, pools), 600);
    return () => clearTimeout(timer);
  }, [invalid, key, location, pools, report.key, azureCheckPools]);

  const setPools = (next: PoolDraft[]) => setDraft({ nodePools: next });
  const addPreset = (preset: keyof typeof AZURE_NODE_POOL_PRESETS) => {
    const base = AZURE_NODE_POOL_PRESETS[preset];
    setPools([...pools, { ...base, name: uniqueName(base.name, pools) }]);
    setEditing(pools.length);
  };
  const current = report.key === key && report.status === 'ready' ? report.value : undefined;
  const findingsFor = (name: string) => current?.pools.find((p) => p.name === name)?.findings ?? [];

  return (
    <div className="screen">
      <ScreenHeader title="Node pools">
        Studio creates these AKS node pools in each cluster: one persistent system pool for the orchestrator, and worker
        pools for jobs. They are checked against {location || 'the location'} now — VM sizes offered there, Spot, and
        your regional vCPU quotas — so a cluster never fails for these reasons later.
      </ScreenHeader>

      <ul className="pools">
        {pools.map((pool, index) => {
          const name = String(pool.name);
          const findings = findingsFor(name);
          return (
            <li key={index} className="card pool">
              <div className="pool__head">
                <div>
                  <h2 className="pool__name">{name || 'Unnamed pool'}</h2>
                  <p className="muted">
                    {pool.role === 'system' ? 'System' : 'Workers'} ·{' '}
                    {((pool.instanceTypes as string[]) ?? []).join(', ')} ·{' '}
                    {pool.capacity === 'spot' ? 'Spot' : 'Regular'} · {String(pool.minSize)}–{String(pool.maxSize)}{' '}
                    nodes (desired {String(pool.desiredSize)}) · {String(pool.diskSizeGiB)} GiB
                  </p>
                </div>
                <button
                  type="button"
                  className="button button--secondary pool__toggle"
                  aria-expanded={editing === index}
                  aria-label={editing === index ? undefined : `Edit ${name}`}
                  onClick={() => setEditing(editing === index ? undefined : index)}
                >
                  {editing === index ? 'Done' : 'Edit'}
                </button>
              </div>
              {findings.length > 0 && (
                <ul className="findings">
                  {findings.map((f, i) => (
                    <li key={i} className={`finding finding--${f.severity}`}>
                      {f.message} {f.hint && <span className="muted">{f.hint}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {editing === index && (
                <PoolEditor
                  words={AKS_WORDS}
                  pool={pool}
                  canRemove={pools.length > 1}
                  onChange={(next) => setPools(pools.map((p, i) => (i === index ? next : p)))}
                  onRemove={() => {
                    setPools(pools.filter((_, i) => i !== index));
                    setEditing(undefined);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>

      <div className="row" role="group" aria-label="Add a pool">
        <button type="button" className="button button--secondary" onClick={() => addPreset('cpu')}>
          Add CPU workers
        </button>
        <button type="button" className="button button--secondary" onClick={() => addPreset('spot')}>
          Add Spot workers
        </button>
        <button type="button" className="button button--secondary" onClick={() => addPreset('gpu')}>
          Add GPU workers
        </button>
      </div>

      {invalid && (
        <p className="field__error" role="alert">
          {invalid}
        </p>
      )}
      {!invalid && report.key === key && report.status === 'loading' && (
        <Spinner label={`Checking the pools against ${location}…`} />
      )}
      {report.key === key && report.status === 'error' && (
        <ErrorNotice error={report.error} onRetry={() => void azureCheckPools(key, location, pools)} />
      )}
      {current && (
        <section className="card" aria-label="vCPU quotas">
          <h2>vCPU quotas in {location}</h2>
          <DataTable columns={QUOTA_COLUMNS} rows={current.quotas} rowKey={(q) => q.quota} />
        </section>
      )}

      <StepFooter />
    </div>
  );
}
