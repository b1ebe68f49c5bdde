import { useState } from 'react';
import { call } from '../../api/client';
import { guarded } from '../../api/guarded';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { regionName } from '../../lib/regions';
import { useAppStore } from '../../store';
import { useKeyed } from '../../lib/use-keyed';

import type { SetupList, SetupSummary as AnySummary } from '@contract/schemas/setup';
import { DataTable, type Column } from '../../components/DataTable';
import type { ManagedSetup } from '../../store/ui';
import '../../components/GrantPicker.css';
import './manage.css';

type SetupSummary = Extract<AnySummary, { ref: { cloud: 'aws' } }>;
const isAws = (s: AnySummary): s is SetupSummary => s.ref.cloud === 'aws';

const statusTone = (status: string) =>
  status.endsWith('COMPLETE') && !status.includes('ROLLBACK')
    ? 'complete'
    : status.endsWith('FAILED') || status.includes('ROLLBACK')
      ? 'failed'
      : 'in_progress';

function columns(onOpen: (setup: ManagedSetup) => void): Column<SetupSummary>[] {
  return [
    { key: 'stack', header: 'Stack', className: 'mono', cell: (s) => s.ref.stackName },
    { key: 'team', header: 'Studio team', className: 'mono', cell: (s) => s.team ?? '' },
    { key: 'region', header: 'Region', cell: (s) => regionName(s.ref.region) },
    {
      key: 'status',
      header: 'Status',
      cell: (s) => <span className={`status status--${statusTone(s.status)}`}>{s.status}</span>,
    },
    { key: 'updated', header: 'Updated', cell: (s) => (s.updatedAt ? new Date(s.updatedAt).toLocaleString() : '') },
    {
      key: 'open',
      header: 'Open',
      headerHidden: true,
      cell: (s) => (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onOpen({ target: s.ref, status: s.status })}
          aria-label={`Manage ${s.ref.stackName} in ${s.ref.region}`}
        >
          Manage
        </button>
      ),
    },
  ];
}

export function Dashboard({
  onOpen,
  onNewSetup,
  onSignIn,
}: {
  onOpen(setup: ManagedSetup): void;
  onNewSetup(): void;
  onSignIn(): void;
}) {
  const identity = useAppStore((s) => s.identity);
  const profile = useAppStore((s) => s.draft.aws?.profile ?? '');
  const [reload, setReload] = useState(0);
  const listing = useKeyed<SetupList>(identity.status === 'ready' ? `${profile}|${reload}` : undefined, () =>
    guarded(() => call('setups.list', { account: { cloud: 'aws', ...(profile ? { profile } : {}) } })),
  );

  return (
    <div className="screen">
      <ScreenHeader eyebrow="Manage" title="Your DataChain setups">
        {identity.status === 'ready'
          ? `Setups made by this app in account ${identity.value.accountId}, in every enabled region.`
          : 'Sign in to see your setups.'}
      </ScreenHeader>
      {identity.status !== 'ready' && (
        <Notice
          tone="info"
          title="Not signed in"
          action={
            <button type="button" className="button button--primary" onClick={onSignIn}>
              Sign in
            </button>
          }
        >
          Choose your AWS credentials first.
        </Notice>
      )}
      {listing.status === 'loading' && <Spinner label="Looking for setups in every region…" />}
      {listing.status === 'error' && <ErrorNotice error={listing.error} onRetry={() => setReload((n) => n + 1)} />}
      {listing.status === 'ready' && (
        <>
          {listing.value.setups.length === 0 ? (
            <Notice tone="info" title="No setups yet">
              This account has no setup made by DataChain Cluster Setup.
            </Notice>
          ) : (
            <DataTable
              label="Setups"
              columns={columns(onOpen)}
              rows={listing.value.setups.filter(isAws)}
              rowKey={(s) => s.ref.stackId ?? `${s.ref.region}/${s.ref.stackName}`}
            />
          )}
          {listing.value.unreadable.length > 0 && (
            <p className="muted">
              Could not look in {listing.value.unreadable.map((u) => `${u.where} (${u.reason})`).join(', ')}.
            </p>
          )}
        </>
      )}
      <div className="row">
        <button type="button" className="button button--secondary" onClick={onNewSetup}>
          Start a new setup
        </button>
      </div>
    </div>
  );
}
