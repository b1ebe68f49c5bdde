import { useEffect, useState } from 'react';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { Modal } from '../components/Modal';
import { Notice } from '../components/Notice';
import { ProgressBar } from '../components/ProgressBar';
import type { OperationView } from '../store/operation-state';
import './OperationProgress.css';

const STATUS_LABEL: Record<string, string> = {
  pending: 'Waiting',
  in_progress: 'In progress',
  complete: 'Done',
  failed: 'Failed',
  rolling_back: 'Rolling back',
  rolled_back: 'Rolled back',
  deleting: 'Deleting',
  deleted: 'Deleted',
  skipped: 'Skipped',
};

const RESOURCE_COLUMNS: Column<OperationView['resources'][number]>[] = [
  { key: 'resource', header: 'Resource', className: 'mono wrap-anywhere', cell: (r) => r.logicalId },
  { key: 'type', header: 'Type', className: 'mono small', cell: (r) => r.resourceType },
  {
    key: 'status',
    header: 'Status',
    cell: (r) => (
      <>
        <span className={`status status--${r.status}`}>{STATUS_LABEL[r.status] ?? r.status}</span>
        {r.reason && r.status === 'failed' && <span className="muted small"> {r.reason}</span>}
      </>
    ),
  },
];

function elapsed(from: string | undefined, to: string | undefined, now: number): string {
  if (!from) return '0:00';
  const seconds = Math.max(0, Math.floor(((to ? Date.parse(to) : now) - Date.parse(from)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

interface Props {
  operation: OperationView;
  cancelMeaning: string | undefined;
  cancellable: boolean;
  onCancel(): Promise<{ accepted: boolean }>;
}

/** Live progress of a deploy or teardown: per-resource status, overall bar, elapsed time, log, cancel. */
export function OperationProgress({ operation, cancelMeaning, cancellable, onCancel }: Props) {
  const [now, setNow] = useState(() => Date.now());
  const [confirming, setConfirming] = useState(false);
  const [cancelSent, setCancelSent] = useState(false);
  const running = operation.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const progress = operation.progress;

  return (
    <section className="operation" aria-label="Progress" aria-busy={running}>
      <div className="operation__head">
        <div>
          <h2>{operation.title || 'Working…'}</h2>
          <p className="muted" aria-live="polite">
            {running
              ? (progress?.step ?? 'Starting')
              : operation.status === 'succeeded'
                ? 'Finished'
                : operation.status === 'cancelled'
                  ? 'Cancelled'
                  : 'Failed'}{' '}
            · <span aria-label="Elapsed time">{elapsed(operation.startedAt, operation.finishedAt, now)}</span>
          </p>
        </div>
        {running && (
          <div className="operation__cancel">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirming(true)}
              disabled={!cancellable || cancelSent}
            >
              {cancelSent ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        )}
      </div>
      <ProgressBar value={progress?.current ?? 0} max={progress?.total ?? 1} label="Overall progress" />
      {running && cancelMeaning && (
        <p className="muted small">{cancellable ? cancelMeaning : `Cannot be cancelled: ${cancelMeaning}`}</p>
      )}

      {operation.resources.length > 0 && (
        <DataTable
          label="Resources"
          columns={RESOURCE_COLUMNS}
          rows={operation.resources}
          rowKey={(r) => r.logicalId}
        />
      )}

      <details className="log">
        <summary>Log ({operation.logs.length} entries)</summary>
        {/* The log scrolls on its own: focusable so that the keyboard can scroll it too. */}
        <ol tabIndex={0} aria-label="Log entries">
          {operation.logs.map((entry) => (
            <li key={entry.seq} className={entry.type === 'log' ? `log--${entry.level}` : undefined}>
              <time className="muted small">{new Date(entry.at).toLocaleTimeString()}</time>{' '}
              {entry.type === 'log'
                ? entry.message
                : `${entry.logicalId}: ${entry.rawStatus ?? entry.status}${entry.reason ? ` — ${entry.reason}` : ''}`}
            </li>
          ))}
        </ol>
      </details>

      {operation.status === 'failed' && operation.error && (
        <ErrorNotice title="It did not work" error={operation.error} />
      )}
      {operation.status === 'cancelled' && (
        <Notice tone="warning" title="Cancelled">
          {operation.error?.message ?? 'The operation was cancelled.'}
        </Notice>
      )}

      {confirming && (
        <Modal title="Cancel?" onClose={() => setConfirming(false)}>
          <p>{cancelMeaning}</p>
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              onClick={async () => {
                setConfirming(false);
                setCancelSent((await onCancel()).accepted);
              }}
            >
              Yes, cancel
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-autofocus
              onClick={() => setConfirming(false)}
            >
              Keep going
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
