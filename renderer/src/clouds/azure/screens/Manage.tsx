import { FIELD_LIMITS } from '@contract/field-limits';
import { StorageAccountName, type AzureSetupConfig, type AzureSetupSummary } from '@contract/clouds/azure';
import type { SetupList, SetupRef } from '@contract/schemas/setup';
import { AddByName, GrantedList } from '../../../components/GrantPicker';
import { problemWith } from '../../../lib/validation';
import { OutputsPanel } from '../../../screens/OutputsPanel';
import { DoctorCard } from '../../../screens/manage/DoctorCard';
import { ManageShell } from '../../../screens/manage/ManageShell';
import {
  manageColumn,
  SetupsDashboard,
  type DashboardProps,
  type DashboardSpec,
} from '../../../screens/manage/SetupsDashboard';
import { StudioCard } from '../../../screens/manage/StudioCard';
import { TeardownCard } from '../../../screens/manage/TeardownCard';
import { useAppStore } from '../../../store';
import type { ManagedSetup } from '../../../store/ui';
import { azureLocationName } from '../locations';
import { azureOutputs } from '../outputs';
import { AzurePlanView } from './AzurePlanView';
import { AzureSecretGrants } from './ManageSecrets';

type AzureRef = Extract<SetupRef, { cloud: 'azure' }>;
const isAzure = (s: SetupList['setups'][number]): s is AzureSetupSummary => s.ref.cloud === 'azure';
const subscriptionOf = (s: AzureSetupSummary) => s.subscriptionName ?? s.ref.subscriptionId;

const AZURE_SETUPS: DashboardSpec<AzureSetupSummary> = {
  notSignedIn: 'Sign in to Azure first.',
  loadingLabel: 'Looking for setups in every subscription…',
  emptyText: 'This tenant has no setup made by DataChain Cluster Setup in the subscriptions you can read.',
  select: (setups) => setups.filter(isAzure),
  columns: (onOpen) => [
    { key: 'group', header: 'Resource group', className: 'mono', cell: (s) => s.ref.resourceGroup },
    { key: 'sub', header: 'Subscription', cell: subscriptionOf },
    { key: 'team', header: 'Studio team', className: 'mono', cell: (s) => s.team ?? '' },
    { key: 'location', header: 'Location', cell: (s) => azureLocationName(s.location) },
    {
      key: 'status',
      header: 'Status',
      cell: (s) =>
        s.status === 'deployed' ? (
          <span className="status status--complete">Deployed</span>
        ) : (
          <span className="status status--failed">Needs attention</span>
        ),
    },
    manageColumn<AzureSetupSummary>(onOpen, (s) => `${s.ref.resourceGroup} in ${subscriptionOf(s)}`),
  ],
  rowKey: (s) => `${s.ref.subscriptionId}/${s.ref.resourceGroup}`,
};

/** Setups this app made in the signed-in tenant, across its subscriptions. */
export function AzureDashboard(props: DashboardProps) {
  const identity = useAppStore((s) => s.azure.identity);
  const tenantId = useAppStore((s) => s.draft.azure?.tenantId ?? '');
  const tenant = identity.status === 'ready' ? (identity.value.tenant.displayName ?? tenantId) : undefined;
  return (
    <SetupsDashboard
      {...props}
      spec={AZURE_SETUPS}
      account={tenant && tenantId ? { cloud: 'azure', tenantId } : undefined}
      description={`Setups made by this app in the tenant ${tenant}, in every subscription you can read.`}
    />
  );
}

/** The storage accounts a setup grants, each revocable, and a way to grant one more by name. */
function AccountGrants({
  config,
  busy,
  propose,
}: {
  config: AzureSetupConfig;
  busy: boolean;
  propose(label: string, config: AzureSetupConfig, revoking?: { buckets: string[] }): Promise<void>;
}) {
  return (
    <section className="card" aria-label="Granted storage accounts">
      <h2>Storage accounts</h2>
      <GrantedList
        items={config.storageAccounts}
        getKey={(a) => a.name}
        getName={(a) => a.name}
        renderMeta={(a) => <span className="muted">{a.resourceGroup}</span>}
        emptyText="No storage accounts granted."
        removeLabel="Revoke"
        removeDisabled={busy}
        onRemove={(a) =>
          void propose(
            `Revoke the storage account ${a.name}`,
            { ...config, storageAccounts: config.storageAccounts.filter((x) => x.name !== a.name) },
            { buckets: [a.name] },
          )
        }
      />
      <AddByName
        label="Grant a storage account"
        placeholder="mydatalake"
        submitLabel="Plan the grant"
        disabled={busy}
        validate={(v) => problemWith(StorageAccountName, v)}
        maxLength={FIELD_LIMITS.storageAccount}
        onAdd={async (name) => {
          if (config.storageAccounts.some((a) => a.name === name)) return 'this account is already granted';
          const found = await useAppStore.getState().azureCheckAccount(name);
          if (typeof found === 'string') return found;
          await propose(`Grant the storage account ${name}`, {
            ...config,
            storageAccounts: [...config.storageAccounts, { resourceGroup: found.resourceGroup, name }],
          });
          return undefined;
        }}
      />
    </section>
  );
}

const TEARDOWN_CONFIRMATION = (group: string) => (
  <>
    <p>Delete the DataChain clusters in Studio first: the app refuses while AKS clusters still exist in {group}.</p>
    <p>
      The app registrations go to the Microsoft Entra recycle bin for 30 days (a new deploy in that time restores them).
      Your storage accounts, vaults and secrets are kept: only this setup's access goes.
    </p>
  </>
);

/** One Azure setup in the neutral manage screen: its grants (each change planned first), its outputs, the doctor, and teardown. */
export function AzureManageSetup({ setup, onBack }: { setup: ManagedSetup & { target: AzureRef }; onBack(): void }) {
  const vaults = useAppStore((s) => s.azure.vaults);
  const target = setup.target;
  const subscriptions = useAppStore((s) => s.azure.subscriptions[target.tenantId]);
  const subscription =
    subscriptions?.status === 'ready'
      ? subscriptions.value.find((s) => s.subscriptionId.toLowerCase() === target.subscriptionId.toLowerCase())
      : undefined;
  return (
    <ManageShell<AzureSetupConfig>
      target={target}
      eyebrow={subscription?.displayName ?? 'Azure setup'}
      title={target.resourceGroup}
      intro="Grant or revoke storage accounts and Key Vault secrets, export the outputs again, or tear the setup down. Every change shows its plan before it applies."
      planInput={(config, revoking) => ({
        cloud: 'azure',
        tenantId: target.tenantId,
        subscriptionId: target.subscriptionId,
        config,
        ...(revoking ? { revoking } : {}),
      })}
      planView={(plan) => plan.cloud === 'azure' && <AzurePlanView plan={plan} onlyChanges />}
      tornDown={(result) => {
        const recycled = (result as { recycleBin?: { displayName: string }[] }).recycleBin ?? [];
        return (
          <>
            <p>
              The setup's roles, assignments, access policies and app registrations are deleted. Your storage accounts
              and vaults are untouched. Remove the cluster settings for this subscription from Studio as well.
            </p>
            {recycled.length > 0 && (
              <p>
                The app registrations ({recycled.map((r) => r.displayName).join(', ')}) stay in the Microsoft Entra
                recycle bin for 30 days; deploying again within that time restores them with the same client ids.
              </p>
            )}
          </>
        );
      }}
      onBack={onBack}
    >
      {({ config, busy, propose, version, tearDown }) => (
        <>
          <StudioCard studio={config.studio} />
          <AccountGrants config={config} busy={busy} propose={propose} />
          <AzureSecretGrants config={config} busy={busy} vaults={vaults.items} propose={propose} />
          <section className="card" aria-label="Outputs">
            <h2>Outputs</h2>
            <OutputsPanel key={version} target={target} exporter={azureOutputs} />
          </section>
          <DoctorCard
            key={version}
            target={target}
            busy={busy}
            planRedeploy={() => void propose('Put back what this setup made, as its record says', config)}
          />
          <TeardownCard
            name={target.resourceGroup}
            description="Deletes this setup's role assignments, access policies, custom roles and app registrations, and the resource group if the app made it and it is empty. Studio can no longer reach this subscription afterwards."
            confirmation={TEARDOWN_CONFIRMATION(target.resourceGroup)}
            busy={busy}
            onConfirm={tearDown}
          />
        </>
      )}
    </ManageShell>
  );
}
