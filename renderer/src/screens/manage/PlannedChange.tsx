import type { ReactNode } from 'react';
import type { SetupPlan } from '@contract/schemas/setup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useAppStore } from '../../store';
import { TakeoverNotice } from '../TakeoverNotice';
import type { Change } from './change';

/** The plan of a proposed change, with Apply (which needs a confirmed takeover, if it is one) and Discard. */
export function PlannedChange({
  change,
  onApplied,
  onDiscard,
  view,
}: {
  /** How the plan reads (the cloud's plan view). */
  view: (plan: SetupPlan) => ReactNode;
  change: Pick<Change, 'label'>;
  onApplied(operationId: string | undefined): void;
  onDiscard(): void;
}) {
  const plan = useAppStore((s) => s.plan);
  const confirmed = useAppStore((s) => s.takeoverConfirmed);
  const { deployPlan, confirmTakeover } = useAppStore.getState();
  const planned = plan.status === 'ready' ? plan.value : undefined;
  return (
    <section className="card" aria-label="Planned change">
      <h2>{change.label}</h2>
      {plan.status === 'loading' && <Spinner label="Planning the change…" />}
      {plan.status === 'error' && <ErrorNotice error={plan.error} />}
      {planned?.takeover && (
        <TakeoverNotice takeover={planned.takeover} confirmed={confirmed} onConfirm={confirmTakeover} />
      )}
      {planned && view(planned)}
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={planned?.kind !== 'changes' || (!!planned.takeover && !confirmed)}
          onClick={async () => {
            if (await deployPlan()) onApplied(useAppStore.getState().operation?.operationId);
          }}
        >
          Apply this change
        </button>
        <button type="button" className="button button--secondary" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  );
}
