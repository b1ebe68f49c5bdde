import './KmsGrant.css';

/** The offer to let the storage role use the customer KMS key behind a bucket or secret. */
export function KmsGrant({
  keyArn,
  granted,
  what,
  onChange,
}: {
  keyArn: string;
  granted: boolean;
  what: string;
  onChange(on: boolean): void;
}) {
  return (
    <div className="kms-grant">
      <p>
        <span className="badge badge--warn">Customer KMS key</span>{' '}
        <span className="mono small wrap-anywhere">{keyArn}</span>
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={granted} onChange={(e) => onChange(e.target.checked)} />
        <span>
          Let the storage role use this key (<code>kms:Decrypt</code>, <code>kms:GenerateDataKey</code>) — without it,
          jobs cannot read {what}.
        </span>
      </label>
      <p className="muted small">
        The key's own policy must also allow the account's roles (the default key policy does).
      </p>
    </div>
  );
}
