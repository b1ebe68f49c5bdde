import { useState } from 'react';
import type { SetupSummary as AnySummary } from '@contract/schemas/setup';
import { call, errorOf, followOperation } from '../../api/client';
import { guarded } from '../../api/guarded';
import { Notice } from '../../components/Notice';
import { regionName } from '../../lib/regions';

type AwsSummary = Extract<AnySummary, { ref: { cloud: 'aws' } }>;

type RemoveState = { status: 'idle' | 'removing' } | { status: 'error'; message: string };

/**
 * An empty stack a plan left under review (the app closed on Review): not a setup, so not in the
 * table; said for what it is, with the one thing to do with it.
 */
export function UnfinishedReview({ setup, onRemoved }: { setup: AwsSummary; onRemoved(): void }) {
  const [state, setState] = useState<RemoveState>({ status: 'idle' });
  const remove = async () => {
    setState({ status: 'removing' });
    try {
      const started = await guarded(() => call('setup.teardown', { target: setup.ref }));
      const stop = followOperation(started.operationId, 0, {
        onEvent(event) {
          if (event.type !== 'finished') return;
          stop();
          if (event.status === 'succeeded') onRemoved();
          else setState({ status: 'error', message: event.error?.message ?? 'The stack could not be removed.' });
        },
        onError(error) {
          setState({ status: 'error', message: error.message });
        },
      });
    } catch (error) {
      setState({ status: 'error', message: errorOf(error).message });
    }
  };
  return (
    <Notice
      tone={state.status === 'error' ? 'error' : 'info'}
      title={`An unfinished review in ${regionName(setup.ref.region)} — nothing was created`}
      action={
        <button
          type="button"
          className="button button--secondary"
          disabled={state.status === 'removing'}
          onClick={() => void remove()}
          aria-label={`Remove the unfinished review ${setup.ref.stackName} in ${setup.ref.region}`}
        >
          {state.status === 'removing' ? 'Removing…' : 'Remove'}
        </button>
      }
    >
      A plan of <span className="mono">{setup.ref.stackName}</span> was never deployed nor discarded (the app was closed
      on Review). CloudFormation keeps an empty stack for it; removing it deletes nothing else.
      {state.status === 'error' && <> {state.message}</>}
    </Notice>
  );
}
