import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useMemo, useState } from 'react';
import { azureSecretReference, KeyVaultSecretName, secretIdOf, type KeyVaultSummary } from '@contract/clouds/azure';
import { suggestEnvName } from '@contract/domain';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { SelectField, TextField } from '../../../components/Field';
import { GrantPicker, type AvailableProps } from '../../../components/GrantPicker';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { StepFooter } from '../../../components/StepFooter';
import { problemWith } from '../../../lib/validation';
import { useAppStore } from '../../../store';
import { secretProblems } from '../../secret-problems';
import { NO_AZURE_SECRETS, selectSecrets } from '../predicates';
import { acrossVaults, type SecretRow } from '../secret-search';
import { VaultFailures } from './VaultFailures';
import { MODEL_LABEL } from './vault-labels';
import './azure.css';

type Secret = (typeof NO_AZURE_SECRETS)[number];
const secretKey = (s: { vaultId: string; name: string }) => `${s.vaultId.toLowerCase()}|${s.name}`;
const nameOf = (s: { name: string }) => s.name;
const rowName = (r: SecretRow) => r.secret.name;
const rowKey = (r: SecretRow) => secretKey({ vaultId: r.vault.id, name: r.secret.name });
/** The Key Vault choice that searches every vault. */
const ALL = '';
type Available = Omit<AvailableProps<SecretRow>, 'onToggle' | 'controls' | 'granted'>;

const RowVault = ({ row }: { row: SecretRow }) => (
  <span className="secret-row__vault">
    <span className="muted">in {row.vault.name}</span> <span className="tag">{MODEL_LABEL[row.vault.model]}</span>
  </span>
);

const COMMON = {
  title: 'Secrets',
  getKey: rowKey,
  getName: rowName,
  noun: { one: 'secret', other: 'secrets' },
  searchLabel: 'Search secrets',
  searchPlaceholder: 'Type part of a name',
  listLabel: 'Secrets',
  listHeight: 260,
} as const;

/** The secrets of every vault the search covers, with the vaults that could not be listed. */
function useAllVaults(onBrowse: (vault: KeyVaultSummary) => void): Available {
  const vaults = useAppStore((s) => s.azure.vaults);
  const names = useAppStore((s) => s.azure.secretNames);
  const { azureSearchSecrets, azureLoadSecretNames } = useAppStore.getState();
  const across = useMemo(() => acrossVaults(vaults.items, names), [vaults.items, names]);
  useEffect(() => {
    if (vaults.complete && vaults.items.length > 1) void azureSearchSecrets();
  }, [vaults.complete, vaults.items, azureSearchSecrets]);
  const loading = !vaults.complete || across.settled < across.searched;
  const vaultCount = `${across.searched.toLocaleString()} ${across.searched === 1 ? 'vault' : 'vaults'}`;
  const found = `${across.rows.length.toLocaleString()} ${across.rows.length === 1 ? 'secret' : 'secrets'}`;
  return {
    ...COMMON,
    label: 'Secrets in all vaults',
    items: across.rows,
    status: loading ? 'loading' : 'ready',
    complete: !loading,
    count: loading ? `${found}, ${across.settled} of ${vaultCount} listed…` : `${found} in ${vaultCount}`,
    loadingLabel: `Listing the secrets of ${vaultCount}…`,
    emptyText: across.failures.length
      ? 'The vaults that could be listed have no secrets.'
      : `None of the ${vaultCount} has a secret yet.`,
    noMatch: (q) => `No secret name contains “${q}” in these vaults.`,
    renderMeta: (row) => <RowVault row={row} />,
    children: (
      <>
        <VaultFailures failures={across.failures} onRetry={(v) => void azureLoadSecretNames(v)} onBrowse={onBrowse} />
        {across.total > across.searched && (
          <p className="muted small">
            Searched the first {across.searched.toLocaleString()} of {across.total.toLocaleString()} vaults by name.
            Choose another under Key Vault to browse it.
          </p>
        )}
        <p className="muted small">To add a secret the list does not show, choose its vault under Key Vault.</p>
      </>
    ),
  };
}

/** The secrets of one vault. */
function useOneVault(vault: KeyVaultSummary | undefined): Available {
  const listing = useAppStore((s) => (vault ? s.azure.secretNames[vault.id] : undefined));
  const { azureLoadSecretNames } = useAppStore.getState();
  useEffect(() => {
    if (vault && !listing) void azureLoadSecretNames(vault);
  }, [vault, listing, azureLoadSecretNames]);
  const rows = useMemo(
    () => (vault ? (listing?.items ?? []).map((secret) => ({ vault, secret })) : []),
    [vault, listing?.items],
  );
  const name = vault?.name ?? '';
  return {
    ...COMMON,
    label: 'Secrets in the vault',
    items: rows,
    status: listing?.status ?? 'loading',
    complete: listing?.complete ?? false,
    error: listing?.error,
    ...(vault ? { onRetry: () => void azureLoadSecretNames(vault) } : {}),
    loadingLabel: `Listing the secrets of ${name}…`,
    emptyText: `${name} has no secrets yet. Add one by name if it is created later.`,
    noMatch: (q) => `No secret name contains “${q}”.`,
  };
}

export function AzureVaultsStep() {
  const vaults = useAppStore((s) => s.azure.vaults);
  const secrets = useAppStore(selectSecrets);
  const { azureLoadVaults, updateAzure } = useAppStore.getState();
  const [choice, setChoice] = useState(ALL);

  useEffect(() => {
    if (vaults.status === 'idle') void azureLoadVaults();
  }, [vaults.status, azureLoadVaults]);
  // Every vault is searched until one is chosen; a subscription with one vault browses it.
  const chosen = vaults.items.find((v) => v.id === choice);
  const vault = chosen ?? (vaults.items.length === 1 ? vaults.items[0] : undefined);
  const all = useAllVaults((v) => setChoice(v.id));
  const one = useOneVault(vault);
  const available = vault ? one : all;

  const problems = secretProblems(secrets);
  const vaultEntry = (v: KeyVaultSummary) => ({
    id: v.id,
    name: v.name,
    resourceGroup: v.resourceGroup,
    vaultUri: v.vaultUri,
    model: v.model,
  });

  const grant = (v: KeyVaultSummary, name: string) =>
    updateAzure((az) => ({
      secrets: [
        ...(az.secrets ?? []).filter((s) => secretKey(s) !== secretKey({ vaultId: v.id, name })),
        { id: secretIdOf(v, name), vaultId: v.id, name, envName: suggestEnvName(name), key: '' },
      ],
      vaults: [...(az.vaults ?? []).filter((x) => x.id !== v.id), vaultEntry(v)],
    }));
  const remove = (s: { vaultId: string; name: string }) =>
    updateAzure((az) => {
      const rest = (az.secrets ?? []).filter((x) => secretKey(x) !== secretKey(s));
      // A vault stays granted while one of its secrets is.
      return { secrets: rest, vaults: (az.vaults ?? []).filter((v) => rest.some((x) => x.vaultId === v.id)) };
    });
  const update = (s: Secret, patch: { envName?: string; key?: string }) =>
    updateAzure((az) => ({
      secrets: (az.secrets ?? []).map((x) => (secretKey(x) === secretKey(s) ? { ...x, ...patch } : x)),
    }));
  const vaultOf = (s: Secret) => vaults.items.find((v) => v.id === s.vaultId);
  // A secret name granted from two vaults: its fields name the vault too, so each label is unique.
  const named = new Map<string, number>();
  for (const s of secrets) named.set(s.name.toLowerCase(), (named.get(s.name.toLowerCase()) ?? 0) + 1);
  const fieldName = (s: Secret) =>
    (named.get(s.name.toLowerCase()) ?? 0) > 1
      ? `${s.name} in ${vaultOf(s)?.name ?? s.vaultId.split('/').pop()}`
      : s.name;

  return (
    <div className="screen">
      <ScreenHeader title="Key Vault secrets Studio jobs may read">
        Studio's storage identity may read the secrets of each vault you grant: “Key Vault Secrets User” on an RBAC
        vault, a get/list access policy on an access-policy vault. The app reads secret names only, never values.
      </ScreenHeader>

      {vaults.status === 'loading' && vaults.items.length === 0 && <Spinner label="Listing the Key Vaults…" />}
      {vaults.status === 'error' && vaults.error && (
        <ErrorNotice error={vaults.error} onRetry={() => void azureLoadVaults()} />
      )}
      {vaults.status === 'ready' && vaults.complete && vaults.items.length === 0 && (
        <p className="muted">This subscription has no Key Vaults. Skip this step, or create a vault and look again.</p>
      )}

      {vaults.items.length > 0 && (
        <GrantPicker<SecretRow, Secret>
          available={{
            ...available,
            onToggle: (row, on) =>
              on ? grant(row.vault, row.secret.name) : remove({ vaultId: row.vault.id, name: row.secret.name }),
            controls: (
              <SelectField
                label="Key Vault"
                value={vault?.id ?? ALL}
                onChange={setChoice}
                options={[
                  ...(vaults.items.length > 1
                    ? [{ value: ALL, label: `All vaults (${vaults.items.length.toLocaleString()})` }]
                    : []),
                  ...vaults.items.map((v) => ({
                    value: v.id,
                    label: `${v.name} (${v.resourceGroup}, ${MODEL_LABEL[v.model]})`,
                  })),
                ]}
                hint={
                  vault
                    ? `Permission model: ${MODEL_LABEL[vault.model]}. Vault address: ${vault.vaultUri}`
                    : 'The secrets of every vault you can list, each with its vault and permission model. Choose one vault to browse it alone or to add a secret by name.'
                }
              />
            ),
          }}
          {...(vault
            ? {
                addByName: {
                  label: 'Add a secret by name',
                  placeholder: 'database-url',
                  hint: `A secret of ${vault.name} that the list does not show.`,
                  validate: (v: string) => problemWith(KeyVaultSecretName, v),
                  maxLength: FIELD_LIMITS.keyVaultSecret,
                  onAdd: (name: string) => {
                    grant(vault, name);
                    return undefined;
                  },
                },
              }
            : {})}
          granted={{
            label: 'Granted secrets',
            items: secrets,
            getKey: secretKey,
            getName: nameOf,
            renderMeta: (s: Secret) => <span className="muted">{vaultOf(s)?.name ?? s.vaultId.split('/').pop()}</span>,
            emptyText: 'No secrets yet. Studio jobs read no secret until you grant one; you can do it later.',
            onRemove: remove,
            renderDetails: (s: Secret, i) => {
              const line = azureSecretReference(s.envName || 'NAME', s.id, s.key);
              return (
                <div className="secret-ref">
                  {/* One field a line: the granted card is narrow, and the labels carry the secret's name. */}
                  <div className="stack">
                    <TextField
                      label={`Job variable for ${fieldName(s)}`}
                      value={s.envName}
                      onChange={(v) => update(s, { envName: v.trim() })}
                      error={problems[i]?.envName}
                      mono
                      maxLength={FIELD_LIMITS.envName}
                    />
                    <TextField
                      label={`JSON key in ${fieldName(s)}`}
                      value={s.key}
                      onChange={(v) => update(s, { key: v.trim() })}
                      error={problems[i]?.key}
                      mono
                      maxLength={FIELD_LIMITS.secretKey}
                      hint="Empty when the secret is a plain string."
                    />
                  </div>
                  <div className="reference-line">
                    <code className="mono small">{line}</code>
                    <CopyButton text={line} label={`Copy the reference for ${s.envName || s.name}`} />
                  </div>
                </div>
              );
            },
          }}
        />
      )}

      <StepFooter />
    </div>
  );
}
