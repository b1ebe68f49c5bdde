import { useEffect, useState } from 'react';
import type { Output } from '@contract/methods';
import { call } from '../api/client';
import './UpdateBanner.css';

type Status = Output<'app.update.status'>;

/** How often to ask main: soon while it checks or downloads, rarely once it is settled. */
const BUSY_POLL_MS = 2_000;
const IDLE_POLL_MS = 10 * 60_000;

/**
 * "Restart to update" once main has downloaded a newer version. Main decides whether installing
 * is allowed (never during a deploy or teardown); the banner says what it waits for.
 */
export function UpdateBanner() {
  const [status, setStatus] = useState<Status | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const next = await call('app.update.status', {}).catch(() => undefined);
      if (stopped) return;
      setStatus(next);
      if (next?.state === 'disabled') return;
      const busy = next?.state === 'checking' || next?.state === 'downloading' || !!next?.waitingFor;
      timer = setTimeout(() => void poll(), busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  if (status?.state !== 'ready') return null;
  const restart = async () => {
    setRefusal(undefined);
    const answer = await call('app.update.install', {}).catch(() => ({
      installing: false,
      reason: 'The app could not start the update.',
    }));
    if (!answer.installing) setRefusal(answer.reason ?? 'The update cannot be installed right now.');
  };
  const waiting = status.waitingFor;
  return (
    <section className="update-banner" aria-label="App update" aria-live="polite">
      <p className="update-banner__text">
        <strong>Version {status.version} is ready.</strong>{' '}
        {waiting
          ? `It can be installed once “${waiting}” has finished.`
          : 'Restart the app to use it; your draft is kept.'}
        {refusal && <span className="update-banner__refusal"> {refusal}</span>}
      </p>
      <button type="button" className="button button--primary button--small" disabled={!!waiting} onClick={restart}>
        Restart to update
      </button>
    </section>
  );
}
