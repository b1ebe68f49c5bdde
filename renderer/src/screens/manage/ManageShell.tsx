import { useState, type ReactNode } from 'react';
import type { ApiErrorShape } from '@contract/errors';
import type { Revoking } from '@contract/domain';
import type { SetupPlan, SetupPlanInput, SetupRef } from '@contract/schemas/setup';
import { call, errorOf } from '../../api/client';
import { guarded } from '../../api/guarded';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useKeyed } from '../../lib/use-keyed';
import { useAppStore } from '../../store';
import { OperationProgress } from '../OperationProgress';
import type { Change, Propose } from './change';
import { PlannedChange } from './PlannedChange';
import './manage.css';

/** What the cards of a setup get: its config as its record says, and the way to propose a change. */
export interface ManageCards<Config> {
  config: Config;
  busy: boolean;
  propose: Propose<Config>;
  /** Changes after every finished operation and retry (a key for what must read the setup again). */
  version: string;
  /** Start the teardown (after the card's confirmation). */
  tearDown(): void;
}

export interface ManageShellProps<Config> {
  target: SetupRef;
  eyebrow: string;
  /** The setup's name. */
  title: string;
  /** What can be done here. */
  intro: string;
  /** What setup.plan is asked for a changed config. */
  planInput(config: Config, revoking: Revoking | undefined): SetupPlanInput;
  /** How a planned change reads (the cloud's plan view, changes only). */
  planView(plan: SetupPlan): ReactNode;
  /** What the torn-down notice says, given the teardown's result. */
  tornDown(result: unknown): ReactNode;
  children(cards: ManageCards<Config>): ReactNode;
  onBack(): void;
}

/**
 * One deployed setup, the same on every cloud: the way back, the operation under way, the
 * planned change with Apply and Discard, the cloud's cards, and what a teardown left. Everything
 * shown is read from the setup's record in the cloud; every change shows its plan first.
 */
export function ManageShell<Config>(props: ManageShellProps<Config>) {
  const { target, onBack } = props;
  const operation = useAppStore((s) => s.operation);
  const active = useAppStore((s) => s.draft.activeOperation);
  const { makePlan, discardPlan, setDraft, follow, cancelOperation, dismissOperation } = useAppStore.getState();
  const [proposed, setChange] = useState<Change<Config>>();
  const [retry, setRetry] = useState(0);
  const [failure, setFailure] = useState<ApiErrorShape>();
  // Read the setup again after every change that finished (and on retry).
  const finished = operation && operation.status !== 'running' ? operation.operationId : 'none';
  const version = `${finished}|${retry}`;
  const read = useKeyed(
    `${JSON.stringify(target)}|${version}`,
    async () => (await guarded(() => call('setup.config', { target }))).config as Config,
  );
  // A change is done once the operation that applied it has finished.
  const change = proposed && !(proposed.appliedBy && proposed.appliedBy === finished) ? proposed : undefined;

  const propose: Propose<Config> = async (label, config, revoking) => {
    setChange({ label, config, ...(revoking ? { revoking } : {}) });
    await makePlan(props.planInput(config, revoking ? { buckets: [], secrets: [], ...revoking } : undefined));
  };

  const tearDown = async () => {
    try {
      const started = await guarded(() => call('setup.teardown', { target }));
      setDraft({
        activeOperation: {
          operationId: started.operationId,
          kind: 'teardown',
          target,
          cancelMeaning: started.cancelMeaning,
        },
      });
      follow(started.operationId);
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    }
  };

  const current = read.status === 'ready' ? read.value : undefined;
  const running = operation?.status === 'running';
  const tornDown = operation?.kind === 'teardown' && operation.status === 'succeeded';
  const back = () => {
    dismissOperation();
    void discardPlan();
    onBack();
  };

  return (
    <div className="screen">
      <ScreenHeader eyebrow={props.eyebrow} title={props.title}>
        {props.intro}
      </ScreenHeader>
      <div className="row">
        <button type="button" className="button button--secondary" onClick={back}>
          All setups
        </button>
      </div>

      {operation &&
        (operation.status === 'running' || operation.kind === 'teardown' || operation.status !== 'succeeded') && (
          <OperationProgress
            operation={operation}
            cancelMeaning={active?.cancelMeaning}
            cancellable={active?.kind === 'deploy'}
            onCancel={cancelOperation}
          />
        )}
      {tornDown && (
        <Notice
          tone="success"
          title="Torn down"
          action={
            <button type="button" className="button button--secondary" onClick={back}>
              Back to all setups
            </button>
          }
        >
          {props.tornDown(operation.result)}
        </Notice>
      )}

      {!tornDown && read.status === 'loading' && <Spinner label="Reading the setup…" />}
      {!tornDown && read.status === 'error' && (
        <ErrorNotice error={read.error} onRetry={() => setRetry((n) => n + 1)} />
      )}
      {failure && <ErrorNotice error={failure} />}
      {!tornDown && current && !running && (
        <>
          {change && (
            <PlannedChange
              change={change}
              view={props.planView}
              onApplied={(operationId) => setChange({ ...change, ...(operationId ? { appliedBy: operationId } : {}) })}
              onDiscard={() => {
                setChange(undefined);
                void discardPlan();
              }}
            />
          )}
          {props.children({ config: current, busy: !!change, propose, version, tearDown: () => void tearDown() })}
        </>
      )}
    </div>
  );
}
