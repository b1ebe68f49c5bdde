import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useState } from 'react';
import {
  azureSecretReference,
  KeyVaultSecretName,
  parseSecretId,
  secretIdOf,
  type AzureSetupConfig,
  type KeyVaultSummary,
} from '@contract/clouds/azure';
import type { Revoking } from '@contract/domain';
import { suggestEnvName } from '@contract/domain';
import { CopyButton } from '../../../components/CopyButton';
import { SelectField } from '../../../components/Field';
import { AddByName, GrantedList } from '../../../components/GrantPicker';
import { problemWith } from '../../../lib/validation';
import { useAppStore } from '../../../store';
import { MODEL_LABEL } from './vault-labels';

type Secret = AzureSetupConfig['secrets'][number];

/** The setup's vault secrets: revoke one (its vault goes with its last secret), or grant one (each only plans). */
export function AzureSecretGrants({
  config,
  busy,
  vaults,
  propose,
}: {
  config: AzureSetupConfig;
  busy: boolean;
  vaults: readonly KeyVaultSummary[];
  propose(label: string, config: AzureSetupConfig, revoking?: Partial<Revoking>): Promise<void>;
}) {
  const listing = useAppStore((s) => s.azure.vaults);
  const { azureLoadVaults } = useAppStore.getState();
  const [vaultId, setVaultId] = useState('');
  useEffect(() => {
    if (listing.status === 'idle') void azureLoadVaults();
  }, [listing.status, azureLoadVaults]);
  const vault = vaults.find((v) => v.id === vaultId) ?? vaults[0];

  const revoke = (s: Secret) => {
    const rest = config.secrets.filter((x) => x.id !== s.id);
    const vaultName = parseSecretId(s.id).vault;
    const keepVault = rest.some((x) => parseSecretId(x.id).vault === vaultName);
    void propose(
      `Revoke the secret ${parseSecretId(s.id).name}`,
      {
        ...config,
        secrets: rest,
        vaults: keepVault ? config.vaults : config.vaults.filter((v) => v.name.toLowerCase() !== vaultName),
      },
      { secrets: [s.id] },
    );
  };

  const grant = async (name: string): Promise<string | undefined> => {
    if (!vault) return 'choose a vault first';
    const id = secretIdOf(vault, name);
    if (config.secrets.some((s) => s.id.toLowerCase() === id.toLowerCase())) return 'this secret is already granted';
    const hasVault = config.vaults.some((v) => v.name.toLowerCase() === vault.name.toLowerCase());
    const envName = suggestEnvName(name);
    const envTaken = config.secrets.some((s) => s.envName === envName);
    await propose(`Grant the secret ${name} of ${vault.name}`, {
      ...config,
      vaults: hasVault ? config.vaults : [...config.vaults, { resourceGroup: vault.resourceGroup, name: vault.name }],
      secrets: [...config.secrets, { id, envName: envTaken ? `${envName}_2` : envName, key: '' }],
    });
    return undefined;
  };

  return (
    <section className="card" aria-label="Granted secrets">
      <h2>Key Vault secrets</h2>
      <GrantedList
        items={config.secrets}
        getKey={(s) => s.id}
        getName={(s) => parseSecretId(s.id).name}
        renderMeta={(s) => <span className="muted">{parseSecretId(s.id).vault}</span>}
        emptyText="No secrets granted."
        removeLabel="Revoke"
        removeDisabled={busy}
        onRemove={revoke}
        renderDetails={(s) => {
          const line = azureSecretReference(s.envName, s.id, s.key);
          return (
            <div className="reference-line">
              <code className="mono small">{line}</code>
              <CopyButton text={line} label={`Copy the reference for ${s.envName}`} />
            </div>
          );
        }}
      />
      {vault && (
        <SelectField
          label="Vault to grant from"
          value={vault.id}
          onChange={setVaultId}
          options={vaults.map((v) => ({ value: v.id, label: `${v.name} (${MODEL_LABEL[v.model]})` }))}
        />
      )}
      <AddByName
        label="Grant a secret"
        placeholder="database-url"
        submitLabel="Plan the grant"
        disabled={busy || !vault}
        validate={(v) => problemWith(KeyVaultSecretName, v)}
        maxLength={FIELD_LIMITS.keyVaultSecret}
        onAdd={grant}
      />
    </section>
  );
}
