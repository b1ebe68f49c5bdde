import { useStepNavigation } from '../wizard/context';
import './StepFooter.css';

interface Props {
  /**
   * What Back does. Left out: move to the previous step that applies (no Back on the first).
   * A function replaces it and gets that move to call when it is done; false hides Back.
   */
  onBack?: ((back: () => void) => void) | false;
  /**
   * What Next does. Left out: move to the next step that applies (no Next on the last). A
   * function replaces it (a deploy, then the move it gets); false hides Next. Either way Next is
   * disabled, with the reason beside it, while the current step's `blocked` predicate says so.
   */
  onNext?: ((next: () => void) => void | Promise<void>) | false;
  nextLabel?: string;
  busy?: boolean;
}

/** Back and Next for a wizard screen: the neighbours and the reason to wait come from the wizard's steps. */
export function StepFooter({ onBack, onNext, nextLabel = 'Next', busy }: Props) {
  const nav = useStepNavigation();
  const showBack = typeof onBack === 'function' || (onBack === undefined && nav.previous !== undefined);
  const showNext = typeof onNext === 'function' || (onNext === undefined && nav.next !== undefined);
  const blockedReason = showNext ? nav.blocked : undefined;
  return (
    <footer className="step-footer">
      {showBack ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => (typeof onBack === 'function' ? onBack(nav.back) : nav.back())}
        >
          Back
        </button>
      ) : (
        <span />
      )}
      <div className="step-footer__next">
        {blockedReason && (
          <span className="muted" id="next-blocked">
            {blockedReason}
          </span>
        )}
        {showNext && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void (typeof onNext === 'function' ? onNext(nav.forward) : nav.forward())}
            disabled={!!blockedReason || busy}
            aria-describedby={blockedReason ? 'next-blocked' : undefined}
          >
            {busy ? 'Working…' : nextLabel}
          </button>
        )}
      </div>
    </footer>
  );
}
