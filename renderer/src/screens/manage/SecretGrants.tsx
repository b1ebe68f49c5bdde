import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useState } from 'react';
import { SecretArn, secretNameOf, secretReference, type AwsSetupConfig } from '@contract/clouds/aws';
import { EnvVarName, SecretKey, suggestEnvName } from '@contract/domain';
import { CopyButton } from '../../components/CopyButton';
import { TextField } from '../../components/Field';
import { AvailableList, GrantedList } from '../../components/GrantPicker';
import { problemWith } from '../../lib/validation';
import { useAppStore } from '../../store';
import type { SecretItem } from '../../store/discovery';
import type { GrantCardProps } from './change';
import { SecretRefEditor } from './SecretRefEditor';

const EMPTY = { arn: '', envName: '', key: '', envTouched: false };
const arnOf = (s: { arn: string }) => s.arn;
const nameOf = (s: { name: string }) => s.name;
const SECRETS_NOUN = { one: 'secret', other: 'secrets' };
const NO_ITEMS: SecretItem[] = [];

/**
 * The setup's secrets by name, each with its job variable and JSON key (read from the setup's
 * record, editable), and a form to grant another one. Every change only plans.
 */
export function SecretGrants({ config, busy, propose }: GrantCardProps<AwsSetupConfig>) {
  const { checkSecret, loadSecrets } = useAppStore.getState();
  const listing = useAppStore((s) => s.secretLists[config.region]);
  const [form, setForm] = useState(EMPTY);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!listing) void loadSecrets(config.region);
  }, [listing, loadSecrets, config.region]);

  // The job variable follows the ARN until the user types one of their own.
  const pickArn = (arn: string) => {
    setForm((f) => ({
      ...f,
      arn,
      envName: f.envTouched ? f.envName : problemWith(SecretArn, arn) ? '' : suggestEnvName(secretNameOf(arn)),
    }));
    setProblem(undefined);
  };

  const grant = async () => {
    const arn = form.arn;
    const bad =
      problemWith(SecretArn, arn) ?? problemWith(EnvVarName, form.envName) ?? problemWith(SecretKey, form.key);
    if (bad) return setProblem(bad);
    if (config.secrets.some((s) => s.arn === arn)) return setProblem('this secret is already granted');
    if (config.secrets.some((s) => s.envName === form.envName))
      return setProblem(`the job variable ${form.envName} is already used`);
    const check = await checkSecret(arn);
    if (!check?.exists) return setProblem('no secret with this ARN exists (or you may not describe it)');
    const kmsKeyArn = check.kms?.managedBy === 'customer' && check.kms.arn ? check.kms.arn : undefined;
    setProblem(undefined);
    setForm(EMPTY);
    await propose(`Grant the secret ${check.name ?? secretNameOf(arn)}`, {
      ...config,
      secrets: [...config.secrets, { arn, envName: form.envName, key: form.key, ...(kmsKeyArn ? { kmsKeyArn } : {}) }],
    });
  };

  return (
    <section className="card" aria-label="Granted secrets">
      <h2>Secrets</h2>
      <GrantedList
        items={config.secrets}
        getKey={(s) => s.arn}
        getName={(s) => secretNameOf(s.arn)}
        emptyText="No secrets granted."
        removeLabel="Revoke"
        removeDisabled={busy}
        onRemove={(s) =>
          void propose(
            `Revoke the secret ${secretNameOf(s.arn)}`,
            { ...config, secrets: config.secrets.filter((x) => x.arn !== s.arn) },
            { secrets: [s.arn] },
          )
        }
        renderDetails={(s) => <SecretRefEditor secret={s} config={config} busy={busy} propose={propose} />}
      />
      <AvailableList<SecretItem>
        label="Secrets in your account"
        title={`Grant another secret (${config.region})`}
        items={listing?.items ?? NO_ITEMS}
        getKey={arnOf}
        getName={nameOf}
        status={listing?.status ?? 'idle'}
        complete={listing?.complete ?? false}
        error={listing?.error}
        onRetry={() => void loadSecrets(config.region)}
        noun={SECRETS_NOUN}
        loadingLabel="Listing secrets…"
        emptyText={`No secrets in ${config.region}; paste the ARN of one elsewhere below.`}
        noMatch={(search) => `No secret name contains “${search}”.`}
        searchLabel="Search secrets"
        searchPlaceholder="Type part of a name"
        listLabel="Secrets to grant"
        listHeight={180}
        granted={config.secrets.map((s) => s.arn)}
        pick={{
          label: 'Choose',
          ariaLabel: (s) => `Choose ${s.name}`,
          disabled: busy,
          onPick: (s) => pickArn(s.arn),
        }}
      />
      <form
        className="grant-secret"
        onSubmit={(e) => {
          e.preventDefault();
          void grant();
        }}
      >
        <TextField
          label="Secret ARN"
          value={form.arn}
          onChange={(v) => pickArn(v.trim())}
          mono
          maxLength={FIELD_LIMITS.secretArn}
          hint="Choose one above, or paste the ARN of a secret in another region or account."
        />
        <div className="grid-2">
          <TextField
            label="Job variable"
            value={form.envName}
            onChange={(v) => setForm((f) => ({ ...f, envName: v.trim(), envTouched: v.trim() !== '' }))}
            error={form.envName ? problemWith(EnvVarName, form.envName) : undefined}
            mono
            maxLength={FIELD_LIMITS.envName}
          />
          <TextField
            label="JSON key"
            value={form.key}
            onChange={(v) => setForm((f) => ({ ...f, key: v.trim() }))}
            error={problemWith(SecretKey, form.key)}
            mono
            maxLength={FIELD_LIMITS.secretKey}
            hint="Empty for a plain-string secret."
          />
        </div>
        {!problemWith(SecretArn, form.arn) && form.envName && (
          <div className="reference">
            <code className="mono">{secretReference(form.envName, form.arn, form.key)}</code>
            <CopyButton text={secretReference(form.envName, form.arn, form.key)} label="Copy the secret reference" />
          </div>
        )}
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button--secondary" disabled={!form.arn || busy}>
          Plan the grant
        </button>
      </form>
    </section>
  );
}
