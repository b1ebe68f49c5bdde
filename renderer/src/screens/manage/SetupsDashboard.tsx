import { useState, type ReactNode } from 'react';
import type { CloudAccount, SetupList, SetupSummary } from '@contract/schemas/setup';
import { call } from '../../api/client';
import { guarded } from '../../api/guarded';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useKeyed } from '../../lib/use-keyed';
import type { ManagedSetup } from '../../store/ui';
import '../../components/GrantPicker.css';
import './manage.css';

/** The last column of every dashboard: the button that opens a setup. */
export function manageColumn<S extends SetupSummary>(
  onOpen: (setup: ManagedSetup) => void,
  /** The setup in words, for the button's accessible name ("datachain-cluster in us-east-1"). */
  describe: (s: S) => string,
): Column<S> {
  return {
    key: 'open',
    header: 'Open',
    headerHidden: true,
    cell: (s) => (
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onOpen({ target: s.ref, status: s.status })}
        aria-label={`Manage ${describe(s)}`}
      >
        Manage
      </button>
    ),
  };
}

/** What the app gives a cloud's dashboard. */
export interface DashboardProps {
  onOpen(setup: ManagedSetup): void;
  onNewSetup(): void;
  onSignIn(): void;
}

/** How a cloud's setups read on the dashboard: its words, and its setups as a table. */
export interface DashboardSpec<S extends SetupSummary> {
  notSignedIn: string;
  loadingLabel: string;
  emptyText: string;
  /** This cloud's setups of the list. */
  select(setups: SetupSummary[]): S[];
  columns(onOpen: (setup: ManagedSetup) => void): Column<S>[];
  rowKey(setup: S): string;
  /** What the listing found that is not a setup (an unfinished review), shown above the table. */
  leftovers?(setups: SetupSummary[], reload: () => void): ReactNode;
}

/**
 * The setups this app made that the signed-in account can see, the same on every cloud: the
 * cloud says whose setups, where it looked, and how they read.
 */
export function SetupsDashboard<S extends SetupSummary>({
  spec,
  account,
  description,
  onOpen,
  onNewSetup,
  onSignIn,
}: {
  spec: DashboardSpec<S>;
  /** Whose setups to list; undefined until signed in. */
  account: CloudAccount | undefined;
  /** Where the list comes from, in words ("in account 1234, in every enabled region"). */
  description: string;
} & DashboardProps) {
  const [reload, setReload] = useState(0);
  const listing = useKeyed<SetupList>(account ? `${JSON.stringify(account)}|${reload}` : undefined, () =>
    guarded(() => call('setups.list', { account: account! })),
  );
  const setups = listing.status === 'ready' ? spec.select(listing.value.setups) : [];

  return (
    <div className="screen">
      <ScreenHeader eyebrow="Manage" title="Your DataChain setups">
        {account ? description : 'Sign in to see your setups.'}
      </ScreenHeader>
      {!account && (
        <Notice
          tone="info"
          title="Not signed in"
          action={
            <button type="button" className="button button--primary" onClick={onSignIn}>
              Sign in
            </button>
          }
        >
          {spec.notSignedIn}
        </Notice>
      )}
      {listing.status === 'loading' && <Spinner label={spec.loadingLabel} />}
      {listing.status === 'error' && <ErrorNotice error={listing.error} onRetry={() => setReload((n) => n + 1)} />}
      {listing.status === 'ready' && (
        <>
          {spec.leftovers?.(listing.value.setups, () => setReload((n) => n + 1))}
          {setups.length === 0 ? (
            <Notice tone="info" title="No setups yet">
              {spec.emptyText}
            </Notice>
          ) : (
            <DataTable label="Setups" columns={spec.columns(onOpen)} rows={setups} rowKey={spec.rowKey} />
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
