import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { SecretArn, secretReference } from '@contract/clouds/aws';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { SelectField, TextField } from '../components/Field';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { VirtualList } from '../components/VirtualList';
import { regionName } from '../lib/regions';
import { problemWith } from '../lib/validation';
import { secretProblems } from '../clouds/aws/predicates';
import { useAppStore } from '../store';
import { secretNameOf } from '@contract/clouds/aws';
import { suggestEnvName } from '@contract/domain';
import { NO_SECRETS, NO_STRINGS } from '../store/draft';
import { KmsGrant } from './KmsGrant';
import '../components/GrantPicker.css';

export function SecretsStep() {
  const region = useAppStore((s) => s.draft.aws?.region ?? '');
  const regions = useAppStore((s) => s.regions);
  const extraRegions = useAppStore((s) => s.draft.aws?.secretRegions ?? NO_STRINGS);
  const selected = useAppStore((s) => s.draft.aws?.secrets ?? NO_SECRETS);
  const lists = useAppStore((s) => s.secretLists);
  const checks = useAppStore((s) => s.secretChecks);
  const { loadSecrets, checkSecret, updateAws, loadRegions } = useAppStore.getState();
  const [browse, setBrowse] = useState(region);
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [typedProblem, setTypedProblem] = useState<string>();
  const query = useDeferredValue(search.trim().toLowerCase());
  const listing = lists[browse];

  useEffect(() => {
    if (regions.status === 'idle') void loadRegions();
  }, [regions.status, loadRegions]);
  useEffect(() => {
    if (browse && !listing) void loadSecrets(browse);
  }, [browse, listing, loadSecrets]);

  const browseRegions = [...new Set([region, ...extraRegions])].filter(Boolean);
  const visible = useMemo(
    () => (listing ? (query ? listing.items.filter((s) => s.name.toLowerCase().includes(query)) : listing.items) : []),
    [listing, query],
  );
  const chosen = new Set(selected.map((s) => s.arn));
  const problems = secretProblems(selected);

  const add = async (arn: string, name?: string) => {
    updateAws((aws) => ({
      secrets: [
        ...(aws.secrets ?? []).filter((s) => s.arn !== arn),
        {
          arn,
          ...(name ? { name } : {}),
          envName: suggestEnvName(name ?? secretNameOf(arn)),
          key: '',
          grantKms: false,
        },
      ],
    }));
    const check = await checkSecret(arn);
    if (check?.kms?.managedBy === 'customer' && check.kms.arn) {
      updateAws((aws) => ({
        secrets: (aws.secrets ?? []).map((s) =>
          s.arn === arn ? { ...s, kmsKeyArn: check.kms!.arn!, grantKms: true } : s,
        ),
      }));
    }
  };
  const update = (arn: string, patch: { envName?: string; key?: string; grantKms?: boolean }) =>
    updateAws((aws) => ({ secrets: (aws.secrets ?? []).map((s) => (s.arn === arn ? { ...s, ...patch } : s)) }));
  const remove = (arn: string) => updateAws((aws) => ({ secrets: (aws.secrets ?? []).filter((s) => s.arn !== arn) }));

  const addTyped = async () => {
    const arn = typed.trim();
    const problem = problemWith(SecretArn, arn);
    if (problem) return setTypedProblem(problem);
    const check = await checkSecret(arn);
    if (!check) return setTypedProblem('the secret could not be checked (see the error below)');
    if (!check.exists) return setTypedProblem('no secret with this ARN exists (or you may not describe it)');
    setTypedProblem(undefined);
    setTyped('');
    await add(arn, check.name);
  };

  const otherRegions =
    regions.status === 'ready' ? regions.value.map((r) => r.name).filter((r) => !browseRegions.includes(r)) : [];

  return (
    <div className="screen">
      <ScreenHeader title="Secrets Studio jobs may read">
        The storage role may read each secret you choose (<code>GetSecretValue</code>, <code>DescribeSecret</code>). The
        wizard never reads a secret's value: it gives you the line to paste into a Studio job's environment.
      </ScreenHeader>

      <div className="split">
        <section className="card" aria-label="Secrets in your account">
          <div className="card__head">
            <h2>Secrets Manager</h2>
            <span className="muted" aria-live="polite">
              {listing?.status === 'ready'
                ? `${listing.items.length.toLocaleString()} secret${listing.items.length === 1 ? '' : 's'}${listing.complete ? '' : ', loading more…'}`
                : ''}
            </span>
          </div>
          <div className="stack">
            <SelectField
              label="Region"
              value={browse}
              onChange={setBrowse}
              options={browseRegions.map((r) => ({ value: r, label: regionName(r) }))}
            />
            <SelectField
              label="Look in another region"
              value=""
              onChange={(r) => {
                if (!r) return;
                updateAws((aws) => ({ secretRegions: [...new Set([...(aws.secretRegions ?? []), r])] }));
                setBrowse(r);
              }}
              options={[
                { value: '', label: 'Add a region…' },
                ...otherRegions.map((r) => ({ value: r, label: regionName(r) })),
              ]}
            />
          </div>
          <TextField label="Search secrets" value={search} onChange={setSearch} placeholder="Type part of a name" />
          {listing?.status === 'loading' && listing.items.length === 0 && <Spinner label="Listing secrets…" />}
          {listing?.status === 'error' && listing.error && (
            <ErrorNotice error={listing.error} onRetry={() => void loadSecrets(browse)} />
          )}
          {listing && listing.items.length > 0 && (
            <VirtualList
              items={visible}
              rowHeight={36}
              height={280}
              label="Secrets"
              getKey={(s) => s.arn}
              renderRow={(s) => (
                <label className="list-row">
                  <input
                    type="checkbox"
                    checked={chosen.has(s.arn)}
                    onChange={(e) => (e.target.checked ? void add(s.arn, s.name) : remove(s.arn))}
                  />
                  <span className="mono list-row__name">{s.name}</span>
                  {s.customerKey && <span className="badge badge--warn">CMK</span>}
                </label>
              )}
            />
          )}
          {listing?.status === 'ready' && listing.complete && listing.items.length === 0 && (
            <p className="muted">No secrets in {browse}.</p>
          )}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void addTyped();
            }}
          >
            <TextField
              label="Add a secret by ARN"
              value={typed}
              onChange={(v) => {
                setTyped(v);
                setTypedProblem(v ? problemWith(SecretArn, v.trim()) : undefined);
              }}
              error={typedProblem}
              mono
              placeholder="arn:aws:secretsmanager:us-east-1:123456789012:secret:name-AbCdEf"
            />
            <button
              type="submit"
              className="button button--secondary"
              disabled={!typed || !!problemWith(SecretArn, typed.trim())}
            >
              Add
            </button>
          </form>
        </section>

        <section className="card" aria-label="Granted secrets">
          <div className="card__head">
            <h2>Granted</h2>
            <span className="muted">{selected.length}</span>
          </div>
          {selected.length === 0 && (
            <p className="muted">
              No secrets yet. Jobs can still run; grant secrets later from the dashboard when you need them.
            </p>
          )}
          <ul className="granted">
            {selected.map((s, i) => {
              const reference = secretReference(s.envName || 'NAME', s.arn, s.key);
              const check = checks[s.arn];
              return (
                <li key={s.arn}>
                  <div className="granted__head">
                    <span className="mono small">{s.name ?? s.arn}</span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => remove(s.arn)}
                      aria-label={`Remove ${s.name ?? s.arn}`}
                    >
                      Remove
                    </button>
                  </div>
                  <div className="grid-2 grid--top">
                    <TextField
                      label="Job variable"
                      value={s.envName}
                      onChange={(v) => update(s.arn, { envName: v.trim() })}
                      error={problems[i]?.envName}
                      mono
                    />
                    <TextField
                      label="JSON key"
                      value={s.key}
                      onChange={(v) => update(s.arn, { key: v.trim() })}
                      error={problems[i]?.key}
                      mono
                      hint="Empty for a plain-string secret."
                    />
                  </div>
                  <div className="reference">
                    <code className="mono">{reference}</code>
                    <CopyButton text={reference} label={`Copy the reference for ${s.envName || s.arn}`} />
                  </div>
                  {check?.status === 'loading' && <Spinner label="Checking the secret's key…" />}
                  {s.kmsKeyArn && (
                    <KmsGrant
                      keyArn={s.kmsKeyArn}
                      granted={s.grantKms}
                      what="this secret"
                      onChange={(on) => update(s.arn, { grantKms: on })}
                    />
                  )}
                  {check?.status === 'error' && (
                    <ErrorNotice error={check.error} onRetry={() => void checkSecret(s.arn)} />
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
