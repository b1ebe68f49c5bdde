import { useEffect, useRef, type ReactNode } from 'react';
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
  // The change is asked for from a card further down (a grant, a revoke, the doctor's fix): its
  // plan appears above the cards, so it is brought into view and focused, for eyes and for screen readers.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus({ preventScroll: true });
  }, [change.label]);
  return (
    <section className="card" aria-label="Planned change">
      <h2 ref={heading} tabIndex={-1}>
        {change.label}
      </h2>
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
