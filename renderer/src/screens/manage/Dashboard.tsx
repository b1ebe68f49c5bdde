import type { SetupSummary as AnySummary } from '@contract/schemas/setup';
import { regionName } from '../../lib/regions';
import { useAppStore } from '../../store';
import { manageColumn, SetupsDashboard, type DashboardProps, type DashboardSpec } from './SetupsDashboard';
import { UnfinishedReview } from './UnfinishedReview';

type SetupSummary = Extract<AnySummary, { ref: { cloud: 'aws' } }>;
const isAws = (s: AnySummary): s is SetupSummary => s.ref.cloud === 'aws';

const statusTone = (status: string) =>
  status.endsWith('COMPLETE') && !status.includes('ROLLBACK')
    ? 'complete'
    : status.endsWith('FAILED') || status.includes('ROLLBACK')
      ? 'failed'
      : 'in_progress';

const AWS_SETUPS: DashboardSpec<SetupSummary> = {
  notSignedIn: 'Choose your AWS credentials first.',
  loadingLabel: 'Looking for setups in every region…',
  emptyText: 'This account has no setup made by DataChain Cluster Setup.',
  // An empty stack a plan left under review is not a setup: listed apart, for what it is.
  select: (setups) => setups.filter(isAws).filter((s) => !s.unfinishedReview),
  leftovers: (setups, reload) =>
    setups
      .filter(isAws)
      .filter((s) => s.unfinishedReview)
      .map((s) => <UnfinishedReview key={s.ref.stackId ?? s.ref.stackName} setup={s} onRemoved={reload} />),
  columns: (onOpen) => [
    { key: 'stack', header: 'Stack', className: 'mono', cell: (s) => s.ref.stackName },
    { key: 'team', header: 'Studio team', className: 'mono', cell: (s) => s.team ?? '' },
    { key: 'region', header: 'Region', cell: (s) => regionName(s.ref.region) },
    {
      key: 'status',
      header: 'Status',
      cell: (s) => <span className={`status status--${statusTone(s.status)}`}>{s.status}</span>,
    },
    { key: 'updated', header: 'Updated', cell: (s) => (s.updatedAt ? new Date(s.updatedAt).toLocaleString() : '') },
    manageColumn<SetupSummary>(onOpen, (s) => `${s.ref.stackName} in ${s.ref.region}`),
  ],
  rowKey: (s) => s.ref.stackId ?? `${s.ref.region}/${s.ref.stackName}`,
};

/** The stacks this app made in the signed-in account, in every enabled region. */
export function Dashboard(props: DashboardProps) {
  const identity = useAppStore((s) => s.identity);
  const profile = useAppStore((s) => s.draft.aws?.profile ?? '');
  const account = identity.status === 'ready' ? identity.value.accountId : undefined;
  return (
    <SetupsDashboard
      {...props}
      spec={AWS_SETUPS}
      account={account ? { cloud: 'aws', ...(profile ? { profile } : {}) } : undefined}
      description={`Setups made by this app in account ${account}, in every enabled region.`}
    />
  );
}
