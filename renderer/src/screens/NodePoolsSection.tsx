import { useEffect, useMemo, useState } from 'react';
import { AwsNodePools as NodePools, NODE_POOL_PRESETS } from '@contract/clouds/aws';
import { call } from '../api/client';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { poolsCheckKey } from '../clouds/aws/predicates';
import { useAppStore, type AppState } from '../store';
import { NO_POOLS, NO_STRINGS } from '../store/draft';
import { quotaStatus } from '../lib/quota-status';
import { PoolEditor } from './PoolEditor';
import './NodePoolsSection.css';

type PoolDraft = Record<string, unknown>;

/** One vCPU quota the pools were checked against. */
type Quota = Extract<AppState['poolReport'], { status: 'ready' }>['value']['quotas'][number];

const QUOTA_COLUMNS: Column<Quota>[] = [
  { key: 'group', header: 'Instances', cell: (q) => q.group },
  { key: 'capacity', header: 'Capacity', cell: (q) => (q.capacity === 'SPOT' ? 'Spot' : 'On-Demand') },
  { key: 'needed', header: 'Pools may use', cell: (q) => `${q.needed} vCPUs` },
  {
    key: 'limit',
    header: 'Account quota',
    cell: (q) => (q.limit === undefined ? 'unknown' : `${q.limit} vCPUs${q.source === 'default' ? ' (default)' : ''}`),
  },
  {
    key: 'status',
    header: 'Status',
    cell: (q) => {
      const status = quotaStatus(q);
      if (status === 'fits') return <span className="badge badge--ok">Fits</span>;
      return (
        <>
          {status === 'unknown' && <span className="badge badge--warn">Unknown</span>}{' '}
          <button type="button" className="link-button" onClick={() => void call('app.openExternal', { url: q.link })}>
            {status === 'unknown' ? 'Check it in Service Quotas' : 'Request an increase'}
          </button>
        </>
      );
    },
  },
];

function uniqueName(base: string, pools: PoolDraft[]): string {
  const names = new Set(pools.map((p) => String(p.name)));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}-${i}`)) return `${base}-${i}`;
}

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  role: 'role',
  instanceTypes: 'instance types',
  capacity: 'capacity',
  diskSizeGiB: 'disk',
  minSize: 'min nodes',
  desiredSize: 'desired nodes',
  maxSize: 'max nodes',
  labels: 'labels',
  taints: 'taints',
};

/** The first problem with the pools, naming the pool (its editor may be closed). */
function poolsProblem(pools: PoolDraft[]): string | undefined {
  const result = NodePools.safeParse(pools);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const [index, ...field] = issue.path;
  if (typeof index !== 'number') return issue.message;
  const where = field.length ? ` (${FIELD_LABELS[String(field[0])] ?? String(field[0])})` : '';
  return `Pool ${String(pools[index]?.name ?? index + 1)}${where}: ${issue.message}.`;
}

/** The node pools Studio creates in each cluster, checked against the region and its quotas (part of the region step). */
export function NodePoolsSection() {
  const pools = useAppStore((s) => (s.draft.nodePools ?? NO_POOLS) as PoolDraft[]);
  const region = useAppStore((s) => s.draft.aws?.region ?? '');
  const zones = useAppStore((s) => s.draft.aws?.zones ?? NO_STRINGS);
  const report = useAppStore((s) => s.poolReport);
  const { setDraft, checkPools } = useAppStore.getState();
  const [editing, setEditing] = useState<number | undefined>(undefined);

  const invalid = poolsProblem(pools);
  // The same key the step's predicate reads the report under.
  const key = useMemo(() => poolsCheckKey(region, zones, pools), [region, zones, pools]);

  // Check against the region once the pools are valid and have stopped changing for a moment.
  useEffect(() => {
    if (invalid || !region || zones.length === 0 || report.key === key) return;
    const timer = setTimeout(() => void checkPools(key, { region, zones, pools }), 600);
    return () => clearTimeout(timer);
  }, [invalid, key, region, zones, pools, report.key, checkPools]);

  const setPools = (next: PoolDraft[]) => setDraft({ nodePools: next });
  const addPreset = (preset: keyof typeof NODE_POOL_PRESETS) => {
    const pool = { ...NODE_POOL_PRESETS[preset], name: uniqueName(NODE_POOL_PRESETS[preset].name, pools) };
    setPools([...pools, pool]);
    setEditing(pools.length);
  };
  const current = report.key === key && report.status === 'ready' ? report.value : undefined;
  const findingsFor = (name: string) => current?.pools.find((p) => p.name === name)?.findings ?? [];

  return (
    <section className="stack" aria-labelledby="pools-heading">
      <h2 id="pools-heading">Node pools</h2>
      <p className="muted">
        Studio creates these pools in each cluster: one persistent system pool for the orchestrator, and worker pools
        for jobs. The defaults suit most teams. They are checked against {region || 'the region'} now (instance types,
        zones, Spot and your vCPU quotas), which catches the usual reasons a cluster fails to start; quotas and Spot
        capacity can still change later.
      </p>

      <ul className="pools">
        {pools.map((pool, index) => {
          const name = String(pool.name);
          const findings = findingsFor(name);
          return (
            <li key={index} className="card pool">
              <div className="pool__head">
                <div>
                  <h3 className="pool__name">{name || 'Unnamed pool'}</h3>
                  <p className="muted">
                    {pool.role === 'system' ? 'System' : 'Workers'} ·{' '}
                    {((pool.instanceTypes as string[]) ?? []).join(', ')} ·{' '}
                    {pool.capacity === 'spot' ? 'Spot' : 'On-Demand'} · {String(pool.minSize)}–{String(pool.maxSize)}{' '}
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
        <Spinner label={`Checking the pools against ${region}…`} />
      )}
      {report.key === key && report.status === 'error' && (
        <ErrorNotice error={report.error} onRetry={() => void checkPools(key, { region, zones, pools })} />
      )}
      {current && (
        <section className="card" aria-label="vCPU quotas">
          <h3>vCPU quotas in {region}</h3>
          <DataTable columns={QUOTA_COLUMNS} rows={current.quotas} rowKey={(q) => `${q.group}-${q.capacity}`} />
          {current.quotas
            .filter((q) => !q.ok)
            .map((q) => (
              <p key={q.code} className="field__error">
                {q.message}
              </p>
            ))}
        </section>
      )}
    </section>
  );
}
