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

import type { SetupList } from '@contract/schemas/aws-setup';
import type { SetupRef } from '../../store/ui';
import '../../components/GrantPicker.css';
import './manage.css';

export function Dashboard({ onOpen, onNewSetup, onSignIn }: { onOpen(setup: SetupRef): void; onNewSetup(): void; onSignIn(): void }) {
  const identity = useAppStore((s) => s.identity);
  const profile = useAppStore((s) => s.draft.aws?.profile ?? '');
  const [reload, setReload] = useState(0);
  const listing = useKeyed<SetupList>(identity.status === 'ready' ? `${profile}|${reload}` : undefined, () => guarded(() => call('aws.setups.list', profile ? { profile } : {})));

  return (
    <div className="screen">
      <ScreenHeader eyebrow="Manage" title="Your DataChain setups">
        {identity.status === 'ready' ? `Setups made by this app in account ${identity.value.accountId}, in every enabled region.` : 'Sign in to see your setups.'}
      </ScreenHeader>
      {identity.status !== 'ready' && (
        <Notice tone="info" title="Not signed in" action={<button type="button" className="button button--primary" onClick={onSignIn}>Sign in</button>}>
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
            <table className="table" aria-label="Setups">
              <thead>
                <tr>
                  <th scope="col">Stack</th>
                  <th scope="col">Region</th>
                  <th scope="col">Status</th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.value.setups.map((s) => (
                  <tr key={s.stackId}>
                    <td className="mono">{s.stackName}</td>
                    <td>{regionName(s.region)}</td>
                    <td>
                      <span className={`status status--${s.status.endsWith('COMPLETE') && !s.status.includes('ROLLBACK') ? 'complete' : s.status.endsWith('FAILED') || s.status.includes('ROLLBACK') ? 'failed' : 'in_progress'}`}>{s.status}</span>
                    </td>
                    <td>{s.updatedAt ? new Date(s.updatedAt).toLocaleString() : ''}</td>
                    <td>
                      <button type="button" className="button button--secondary button--small" onClick={() => onOpen(s)} aria-label={`Manage ${s.stackName} in ${s.region}`}>
                        Manage
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {listing.value.unreadable.length > 0 && (
            <p className="muted">Could not look in {listing.value.unreadable.map((u) => `${u.region} (${u.reason})`).join(', ')}.</p>
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
