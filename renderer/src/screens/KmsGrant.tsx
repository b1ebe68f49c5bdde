import './KmsGrant.css';

/** The offer to let the storage role use the customer KMS key behind a bucket or secret. */
export function KmsGrant({
  keyArn,
  granted,
  what,
  accountId,
  onChange,
}: {
  keyArn: string;
  granted: boolean;
  what: string;
  /** The signed-in account: a key of another account gets a word on its policy. */
  accountId?: string;
  onChange(on: boolean): void;
}) {
  const owner = keyArn.split(':')[4];
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
      {accountId && owner && owner !== accountId ? (
        <p className="field__warning">
          This key belongs to account {owner}: its owner must allow the storage role in the key's policy, or jobs cannot
          read {what}.
        </p>
      ) : (
        <p className="muted small">
          The key's own policy must also allow the account's roles (the default key policy does).
        </p>
      )}
    </div>
  );
}
