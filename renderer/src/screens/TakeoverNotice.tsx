import type { Takeover } from '@contract/domain';
import { Notice } from '../components/Notice';

/**
 * A plan that hands a setup to other Studio credentials, or drops grants nobody asked to drop:
 * who loses what, in plain words, and the confirmation deploying needs.
 */
export function TakeoverNotice({
  takeover,
  confirmed,
  onConfirm,
  suggestedPrefix,
  onUsePrefix,
}: {
  takeover: Takeover;
  confirmed: boolean;
  onConfirm(confirmed: boolean): void;
  suggestedPrefix?: string | undefined;
  onUsePrefix?: (prefix: string) => void;
}) {
  return (
    <Notice tone="error" title={takeover.summary}>
      <div className="stack">
        <ul className="takeover__losses">
          {takeover.losses.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {takeover.subjects && (
          <p className="small">
            Trusted now: <span className="mono">{takeover.subjects.before.compute}</span>,{' '}
            <span className="mono">{takeover.subjects.before.storage}</span>. After:{' '}
            <span className="mono">{takeover.subjects.after.compute}</span>,{' '}
            <span className="mono">{takeover.subjects.after.storage}</span>.
          </p>
        )}
        {suggestedPrefix && onUsePrefix && (
          <p>
            To make a setup of your own beside it instead,{' '}
            <button type="button" className="link-button" onClick={() => onUsePrefix(suggestedPrefix)}>
              use the name prefix “{suggestedPrefix}”
            </button>
            .
          </p>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
          <span>I understand who loses access, and want to deploy this plan anyway.</span>
        </label>
      </div>
    </Notice>
  );
}
