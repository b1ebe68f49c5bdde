import { kmsKeysOf, usersOfKey, type AwsSetupConfig } from '@contract/clouds/aws';
import type { GrantCardProps } from './change';

/** The customer KMS keys the storage role may use, each next to the grants that need it. */
export function KeysCard({ config, busy, propose }: GrantCardProps<AwsSetupConfig>) {
  const keys = kmsKeysOf(config);
  return (
    <section className="card" aria-label="KMS keys">
      <h2>KMS keys</h2>
      {keys.length === 0 ? (
        <p className="muted">
          No customer KMS key is granted. A key is added with the first bucket or secret it encrypts, and removed with
          the last.
        </p>
      ) : (
        <ul className="granted">
          {keys.map((key) => {
            const users = usersOfKey(config, key);
            return (
              <li key={key}>
                <div className="granted__head">
                  <span className="mono small wrap-anywhere">{key}</span>
                  {users.length === 0 && (
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy}
                      onClick={() =>
                        void propose('Remove an unused KMS key', {
                          ...config,
                          otherKmsKeys: config.otherKmsKeys.filter((k) => k !== key),
                        })
                      }
                      aria-label={`Remove the key ${key}`}
                    >
                      Remove
                    </button>
                  )}
                </div>
                <p className="muted small">
                  {users.length
                    ? `Needed by the ${users.join(', ')}.`
                    : 'Granted by an earlier version of the app; no grant here says it needs it.'}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
