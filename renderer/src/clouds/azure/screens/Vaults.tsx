import { useEffect, useState } from 'react';
import { azureSecretReference, KeyVaultSecretName, secretIdOf, type KeyVaultSummary } from '@contract/clouds/azure';
import { suggestEnvName } from '@contract/domain';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { SelectField, TextField } from '../../../components/Field';
import { GrantPicker } from '../../../components/GrantPicker';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { StepFooter } from '../../../components/StepFooter';
import { problemWith } from '../../../lib/validation';
import { useAppStore } from '../../../store';
import { azureSecretProblems, NO_AZURE_SECRETS, selectSecrets } from '../predicates';
import './azure.css';

type Secret = (typeof NO_AZURE_SECRETS)[number];
const secretKey = (s: { vaultId: string; name: string }) => `${s.vaultId.toLowerCase()}|${s.name}`;
const nameOf = (s: { name: string }) => s.name;

export const MODEL_LABEL: Record<KeyVaultSummary['model'], string> = {
  rbac: 'Azure RBAC',
  accessPolicy: 'Access policies',
};

export function AzureVaultsStep() {
  const vaults = useAppStore((s) => s.azure.vaults);
  const secrets = useAppStore(selectSecrets);
  const names = useAppStore((s) => s.azure.secretNames);
  const { azureLoadVaults, azureLoadSecretNames, updateAzure } = useAppStore.getState();
  const [vaultId, setVaultId] = useState('');

  useEffect(() => {
    if (vaults.status === 'idle') void azureLoadVaults();
  }, [vaults.status, azureLoadVaults]);
  // The first vault is browsed until another is chosen.
  const vault = vaults.items.find((v) => v.id === vaultId) ?? vaults.items[0];
  const listing = vault ? names[vault.id] : undefined;
  useEffect(() => {
    if (vault && !listing) void azureLoadSecretNames(vault);
  }, [vault, listing, azureLoadSecretNames]);

  const problems = azureSecretProblems(secrets);
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

      {vault && (
        <GrantPicker
          available={{
            label: 'Secrets in the vault',
            title: 'Secrets',
            items: listing?.items ?? [],
            getKey: (s) => secretKey({ vaultId: vault.id, name: s.name }),
            getName: nameOf,
            status: listing?.status ?? 'loading',
            complete: listing?.complete ?? false,
            error: listing?.error,
            onRetry: () => void azureLoadSecretNames(vault),
            noun: { one: 'secret', other: 'secrets' },
            loadingLabel: `Listing the secrets of ${vault.name}…`,
            emptyText: `${vault.name} has no secrets yet. Add one by name if it is created later.`,
            noMatch: (q) => `No secret name contains “${q}”.`,
            searchLabel: 'Search secrets',
            searchPlaceholder: 'Type part of a name',
            listLabel: 'Secrets',
            listHeight: 260,
            onToggle: (s, on) => (on ? grant(vault, s.name) : remove({ vaultId: vault.id, name: s.name })),
            controls: (
              <SelectField
                label="Key Vault"
                value={vault.id}
                onChange={setVaultId}
                options={vaults.items.map((v) => ({
                  value: v.id,
                  label: `${v.name} (${v.resourceGroup}, ${MODEL_LABEL[v.model]})`,
                }))}
                hint={`Permission model: ${MODEL_LABEL[vault.model]}. Vault address: ${vault.vaultUri}`}
              />
            ),
          }}
          addByName={{
            label: 'Add a secret by name',
            placeholder: 'database-url',
            hint: `A secret of ${vault.name} that the list does not show.`,
            validate: (v) => problemWith(KeyVaultSecretName, v),
            onAdd: (name) => {
              grant(vault, name);
              return undefined;
            },
          }}
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
                  <div className="grid-2">
                    <TextField
                      label={`Job variable for ${s.name}`}
                      value={s.envName}
                      onChange={(v) => update(s, { envName: v.trim() })}
                      error={problems[i]?.envName}
                      mono
                    />
                    <TextField
                      label={`JSON key in ${s.name}`}
                      value={s.key}
                      onChange={(v) => update(s, { key: v.trim() })}
                      error={problems[i]?.key}
                      mono
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
