interface Props {
  onBack?: () => void;
  onNext?: () => void;
  nextLabel?: string;
  /** Why Next is disabled, shown beside it (and read by screen readers). */
  blockedReason?: string | undefined;
  busy?: boolean;
}

export function StepFooter({ onBack, onNext, nextLabel = 'Next', blockedReason, busy }: Props) {
  return (
    <footer className="step-footer">
      {onBack ? (
        <button type="button" className="button button--secondary" onClick={onBack}>
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
        {onNext && (
          <button
            type="button"
            className="button button--primary"
            onClick={onNext}
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
