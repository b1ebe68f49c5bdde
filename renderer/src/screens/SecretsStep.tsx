import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useState } from 'react';
import { SecretArn, secretNameOf, secretReference } from '@contract/clouds/aws';
import { suggestEnvName } from '@contract/domain';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { SelectField, TextField } from '../components/Field';
import { GrantPicker } from '../components/GrantPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { secretProblems } from '../clouds/secret-problems';
import { regionName } from '../lib/regions';
import { problemWith } from '../lib/validation';
import { useAppStore } from '../store';
import type { SecretItem } from '../store/discovery';
import { NO_SECRETS } from '../store/draft';
import { KmsGrant } from './KmsGrant';

const secretArnOf = (s: { arn: string }) => s.arn;
const nameOf = (s: { name: string }) => s.name;
const SECRETS_NOUN = { one: 'secret', other: 'secrets' };
const NO_ITEMS: SecretItem[] = [];

/** The region and account in a secret's ARN. */
function whereIs(arn: string): { region: string; account: string } {
  const [, , , region = '', account = ''] = arn.split(':');
  return { region, account };
}

export function SecretsStep() {
  const region = useAppStore((s) => s.draft.aws?.region ?? '');
  const regions = useAppStore((s) => s.regions);
  const accountId = useAppStore((s) => (s.identity.status === 'ready' ? s.identity.value.accountId : undefined));
  const selected = useAppStore((s) => s.draft.aws?.secrets ?? NO_SECRETS);
  const lists = useAppStore((s) => s.secretLists);
  const checks = useAppStore((s) => s.secretChecks);
  const { loadSecrets, checkSecret, updateAws, loadRegions } = useAppStore.getState();
  const [browse, setBrowse] = useState(region);
  const listing = lists[browse];

  useEffect(() => {
    if (regions.status === 'idle') void loadRegions();
  }, [regions.status, loadRegions]);
  useEffect(() => {
    if (browse && !listing) void loadSecrets(browse);
  }, [browse, listing, loadSecrets]);

  const problems = secretProblems(selected);
  // One region control: the cluster's region first, then every other enabled region.
  const regionOptions = [
    ...(region ? [{ value: region, label: regionName(region) }] : []),
    ...(regions.status === 'ready' ? regions.value.map((r) => r.name).filter((r) => r !== region) : []).map((r) => ({
      value: r,
      label: regionName(r),
    })),
  ];

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

  const addTyped = async (arn: string): Promise<string | undefined> => {
    const check = await checkSecret(arn);
    if (!check) return 'the secret could not be checked (see the error below)';
    if (!check.exists) return 'no secret with this ARN exists (or you may not describe it)';
    await add(arn, check.name);
    return undefined;
  };

  return (
    <div className="screen">
      <ScreenHeader title="Secrets Studio jobs may read">
        The storage role may read each secret you choose (<code>GetSecretValue</code>, <code>DescribeSecret</code>). The
        wizard never reads a secret's value: it gives you the line to paste into a Studio job's environment.
      </ScreenHeader>

      <GrantPicker<SecretItem, (typeof selected)[number]>
        available={{
          label: 'Secrets in your account',
          title: 'Secrets Manager',
          items: listing?.items ?? NO_ITEMS,
          getKey: secretArnOf,
          getName: nameOf,
          status: listing?.status ?? 'idle',
          complete: listing?.complete ?? false,
          error: listing?.error,
          onRetry: () => void loadSecrets(browse),
          noun: SECRETS_NOUN,
          loadingLabel: 'Listing secrets…',
          emptyText: `No secrets in ${regionName(browse)}.`,
          noMatch: (search) => `No secret name contains “${search}”.`,
          searchLabel: 'Search secrets',
          searchPlaceholder: 'Type part of a name',
          listLabel: 'Secrets',
          listHeight: 280,
          renderMeta: (s) => (s.customerKey ? <span className="badge badge--warn">CMK</span> : null),
          onToggle: (s, checked) => (checked ? void add(s.arn, s.name) : remove(s.arn)),
          controls: (
            <SelectField
              label="Region"
              value={browse}
              onChange={(r) => {
                if (r !== region)
                  updateAws((aws) => ({ secretRegions: [...new Set([...(aws.secretRegions ?? []), r])] }));
                setBrowse(r);
              }}
              options={regionOptions}
              hint="Listed per region, the clusters' region first. Jobs can also read a secret in another region."
            />
          ),
        }}
        addByName={{
          label: 'Add a secret by ARN',
          placeholder: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:name-AbCdEf',
          hint: 'For a secret in another account, or one you cannot list.',
          validate: (v) => problemWith(SecretArn, v),
          maxLength: FIELD_LIMITS.secretArn,
          onAdd: addTyped,
        }}
        granted={{
          label: 'Granted secrets',
          items: selected,
          getKey: secretArnOf,
          getName: (s) => s.name ?? s.arn,
          nameClassName: 'mono small',
          emptyText: 'No secrets yet. Jobs can still run; grant secrets later from the dashboard when you need them.',
          onRemove: (s) => remove(s.arn),
          renderDetails: (s, i) => {
            const reference = secretReference(s.envName || 'NAME', s.arn, s.key);
            const check = checks[s.arn];
            const where = whereIs(s.arn);
            return (
              <>
                <div className="grid-2 grid--top">
                  <TextField
                    label="Job variable"
                    value={s.envName}
                    onChange={(v) => update(s.arn, { envName: v.trim() })}
                    error={problems[i]?.envName}
                    maxLength={FIELD_LIMITS.envName}
                    mono
                    hint="The name jobs read it under."
                  />
                  <TextField
                    label="JSON key"
                    value={s.key}
                    onChange={(v) => update(s.arn, { key: v.trim() })}
                    error={problems[i]?.key}
                    maxLength={FIELD_LIMITS.secretKey}
                    mono
                    hint="Empty for a plain string. (The wizard never reads the value, so it cannot check.)"
                  />
                </div>
                <div className="reference">
                  <code className="mono">{reference}</code>
                  <CopyButton text={reference} label={`Copy the reference for ${s.envName || s.arn}`} />
                </div>
                {where.region && region && where.region !== region && (
                  <p className="field__warning">
                    In {regionName(where.region)}, not in {regionName(region)} where the clusters run: jobs read it
                    across regions.
                  </p>
                )}
                {accountId && where.account && where.account !== accountId && (
                  <p className="field__warning">
                    In account {where.account}: its owner must also allow the storage role in the secret's resource
                    policy (and in its key's policy).
                  </p>
                )}
                {check?.status === 'loading' && <Spinner label="Checking the secret's key…" />}
                {s.kmsKeyArn && (
                  <KmsGrant
                    keyArn={s.kmsKeyArn}
                    granted={s.grantKms}
                    what="this secret"
                    {...(accountId ? { accountId } : {})}
                    onChange={(on) => update(s.arn, { grantKms: on })}
                  />
                )}
                {check?.status === 'error' && (
                  <ErrorNotice error={check.error} onRetry={() => void checkSecret(s.arn)} />
                )}
              </>
            );
          },
        }}
      />

      <StepFooter />
    </div>
  );
}
