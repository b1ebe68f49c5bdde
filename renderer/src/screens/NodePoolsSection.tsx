import { useMemo } from 'react';
import { AwsNodePools as NodePools, NODE_POOL_PRESETS } from '@contract/clouds/aws';
import { call } from '../api/client';
import { DataTable, type Column } from '../components/DataTable';
import { poolsCheckKey } from '../clouds/aws/predicates';
import { useAppStore, type AppState } from '../store';
import { NO_STRINGS } from '../store/draft';
import { quotaStatus } from '../lib/quota-status';
import { PoolCheckState, PoolList, selectPools, usePoolsCheck } from './PoolList';

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
  const pools = useAppStore(selectPools);
  const region = useAppStore((s) => s.draft.aws?.region ?? '');
  const zones = useAppStore((s) => s.draft.aws?.zones ?? NO_STRINGS);
  const report = useAppStore((s) => s.poolReport);
  const invalid = poolsProblem(pools);
  // The same key the step's predicate reads the report under.
  const key = useMemo(() => poolsCheckKey(region, zones, pools), [region, zones, pools]);
  const check = () => void useAppStore.getState().checkPools(key, { region, zones, pools });
  usePoolsCheck(!invalid && !!region && zones.length > 0, key, report.key, check);

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

      <PoolList presets={NODE_POOL_PRESETS} findingsFor={findingsFor} heading="h3" />
      <PoolCheckState invalid={invalid} report={report} checkKey={key} where={region} onRetry={check} />
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
