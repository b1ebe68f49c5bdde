import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { BucketName } from '@contract/clouds/aws';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { VirtualList } from '../components/VirtualList';
import { problemWith } from '../lib/validation';
import { useAppStore } from '../store';
import { NO_BUCKETS } from '../store/draft';
import { KmsGrant } from './KmsGrant';
import '../components/GrantPicker.css';

export function BucketsStep() {
  const buckets = useAppStore((s) => s.buckets);
  const selected = useAppStore((s) => s.draft.aws?.buckets ?? NO_BUCKETS);
  const checks = useAppStore((s) => s.bucketChecks);
  const { loadBuckets, checkBucket, updateAws } = useAppStore.getState();
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [typedProblem, setTypedProblem] = useState<string>();
  const query = useDeferredValue(search.trim().toLowerCase());

  useEffect(() => {
    if (buckets.status === 'idle') void loadBuckets();
  }, [buckets.status, loadBuckets]);

  const visible = useMemo(
    () => (query ? buckets.items.filter((b) => b.name.includes(query)) : buckets.items),
    [buckets.items, query],
  );
  const chosen = new Set(selected.map((b) => b.name));

  /** Select a bucket and look at its encryption (a customer KMS key needs a grant too). */
  const add = async (name: string, region?: string) => {
    updateAws((aws) => ({
      buckets: [
        ...(aws.buckets ?? []).filter((b) => b.name !== name),
        { name, ...(region ? { region } : {}), grantKms: false },
      ],
    }));
    const check = await checkBucket(name);
    if (check?.kms?.managedBy === 'customer' && check.kms.arn) {
      updateAws((aws) => ({
        buckets: (aws.buckets ?? []).map((b) =>
          b.name === name ? { ...b, kmsKeyArn: check.kms!.arn!, grantKms: true } : b,
        ),
      }));
    }
  };
  const remove = (name: string) =>
    updateAws((aws) => ({ buckets: (aws.buckets ?? []).filter((b) => b.name !== name) }));

  const addTyped = async () => {
    const name = typed.trim();
    const problem = problemWith(BucketName, name);
    if (problem) return setTypedProblem(problem);
    const check = await checkBucket(name);
    if (!check) return setTypedProblem('the bucket could not be checked (see the error below)');
    if (!check.exists) return setTypedProblem(`there is no bucket called ${name}`);
    setTypedProblem(undefined);
    setTyped('');
    await add(name, check.region);
  };

  return (
    <div className="screen">
      <ScreenHeader title="Buckets Studio jobs may use">
        The storage role gets full access (<code>s3:*</code>) to each bucket you choose, and to nothing else. You can
        change this later from the dashboard.
      </ScreenHeader>

      <div className="split">
        <section className="card" aria-label="Your buckets">
          <div className="card__head">
            <h2>Your buckets</h2>
            <span className="muted" aria-live="polite">
              {buckets.status === 'loading' && buckets.items.length === 0
                ? 'Loading…'
                : `${buckets.items.length.toLocaleString()} bucket${buckets.items.length === 1 ? '' : 's'}${buckets.complete ? '' : ', loading more…'}`}
            </span>
          </div>
          <TextField label="Search buckets" value={search} onChange={setSearch} placeholder="Type part of a name" />
          {buckets.status === 'error' && buckets.error && (
            <ErrorNotice error={buckets.error} onRetry={() => void loadBuckets()} />
          )}
          {buckets.status === 'loading' && buckets.items.length === 0 && <Spinner label="Listing your buckets…" />}
          {buckets.items.length > 0 && (
            <VirtualList
              items={visible}
              rowHeight={36}
              height={320}
              label="Buckets"
              getKey={(b) => b.name}
              renderRow={(b) => (
                <label className="list-row">
                  <input
                    type="checkbox"
                    checked={chosen.has(b.name)}
                    onChange={(e) => (e.target.checked ? void add(b.name, b.region) : remove(b.name))}
                  />
                  <span className="mono list-row__name">{b.name}</span>
                  <span className="muted">{b.region}</span>
                </label>
              )}
            />
          )}
          {buckets.status === 'ready' && buckets.complete && buckets.items.length === 0 && (
            <p className="muted">
              This account has no buckets yet. Add one by name below if it lives in another account.
            </p>
          )}
          {query && visible.length === 0 && buckets.items.length > 0 && (
            <p className="muted">No bucket name contains “{search}”.</p>
          )}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void addTyped();
            }}
          >
            <TextField
              label="Add a bucket by name"
              value={typed}
              onChange={(v) => {
                setTyped(v);
                setTypedProblem(v ? problemWith(BucketName, v.trim()) : undefined);
              }}
              error={typedProblem}
              mono
              placeholder="my-data-bucket"
              hint="For buckets not listed here, for example in another account."
            />
            <button
              type="submit"
              className="button button--secondary"
              disabled={!typed || !!problemWith(BucketName, typed.trim())}
            >
              Add
            </button>
          </form>
        </section>

        <section className="card" aria-label="Granted buckets">
          <div className="card__head">
            <h2>Granted</h2>
            <span className="muted">{selected.length}</span>
          </div>
          {selected.length === 0 && (
            <p className="muted">
              No buckets yet. Studio jobs will not reach any bucket until you grant one; you can also do it later.
            </p>
          )}
          <ul className="granted">
            {selected.map((b) => {
              const check = checks[b.name];
              return (
                <li key={b.name}>
                  <div className="granted__head">
                    <span className="mono">{b.name}</span>
                    <span className="muted">{b.region ?? (check?.status === 'ready' ? check.value.region : '')}</span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => remove(b.name)}
                      aria-label={`Remove ${b.name}`}
                    >
                      Remove
                    </button>
                  </div>
                  {check?.status === 'loading' && <Spinner label="Checking encryption…" />}
                  {check?.status === 'ready' && check.value.access === 'elsewhere' && (
                    <p className="muted">
                      This bucket belongs to another account: its owner must also allow the storage role in the bucket
                      policy.
                    </p>
                  )}
                  {b.kmsKeyArn && (
                    <KmsGrant
                      keyArn={b.kmsKeyArn}
                      granted={b.grantKms}
                      what="this bucket"
                      onChange={(on) =>
                        updateAws((aws) => ({
                          buckets: (aws.buckets ?? []).map((x) => (x.name === b.name ? { ...x, grantKms: on } : x)),
                        }))
                      }
                    />
                  )}
                  {check?.status === 'error' && (
                    <ErrorNotice error={check.error} onRetry={() => void checkBucket(b.name)} />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      </div>

      <StepFooter />
    </div>
  );
}
