import { useState } from 'react';
import type { AzureSetupConfig, AzureSetupSummary } from '@contract/clouds/azure';
import type { ApiErrorShape } from '@contract/errors';
import type { Revoking } from '@contract/domain';
import type { SetupList, SetupRef } from '@contract/schemas/setup';
import { call, errorOf } from '../../../api/client';
import { guarded } from '../../../api/guarded';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { AddByName, GrantedList } from '../../../components/GrantPicker';
import { Modal } from '../../../components/Modal';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { problemWith } from '../../../lib/validation';
import { useKeyed } from '../../../lib/use-keyed';
import { OperationProgress } from '../../../screens/OperationProgress';
import { PlannedChange } from '../../../screens/manage/PlannedChange';
import { useAppStore } from '../../../store';
import type { ManagedSetup } from '../../../store/ui';
import { AzurePlanView } from './AzurePlanView';
import { AzureSecretGrants } from './ManageSecrets';
import { AzureOutputsPanel } from './Outputs';
import { StorageAccountName } from '@contract/clouds/azure';
import '../../../screens/manage/manage.css';

type AzureRef = Extract<SetupRef, { cloud: 'azure' }>;
const isAzure = (s: SetupList['setups'][number]): s is AzureSetupSummary => s.ref.cloud === 'azure';

function columns(onOpen: (setup: ManagedSetup) => void): Column<AzureSetupSummary>[] {
  return [
    { key: 'group', header: 'Resource group', className: 'mono', cell: (s) => s.ref.resourceGroup },
    { key: 'sub', header: 'Subscription', cell: (s) => s.subscriptionName ?? s.ref.subscriptionId },
    { key: 'team', header: 'Studio team', className: 'mono', cell: (s) => s.team ?? '' },
    { key: 'location', header: 'Location', cell: (s) => s.location },
    { key: 'status', header: 'Status', cell: (s) => s.status },
    {
      key: 'open',
      header: 'Open',
      headerHidden: true,
      cell: (s) => (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onOpen({ target: s.ref, status: s.status })}
          aria-label={`Manage ${s.ref.resourceGroup} in ${s.subscriptionName ?? s.ref.subscriptionId}`}
        >
          Manage
        </button>
      ),
    },
  ];
}

/** Setups this app made in the signed-in tenant, across its subscriptions. */
export function AzureDashboard({ onOpen, onSignIn }: { onOpen(setup: ManagedSetup): void; onSignIn(): void }) {
  const identity = useAppStore((s) => s.azure.identity);
  const tenantId = useAppStore((s) => s.draft.azure?.tenantId ?? '');
  const [reload, setReload] = useState(0);
  const listing = useKeyed<SetupList>(
    identity.status === 'ready' && tenantId ? `${tenantId}|${reload}` : undefined,
    () => guarded(() => call('setups.list', { account: { cloud: 'azure', tenantId } })),
  );
  return (
    <div className="screen">
      <ScreenHeader eyebrow="Manage" title="Your DataChain setups">
        {identity.status === 'ready'
          ? `Setups made by this app in the tenant ${identity.value.tenant.displayName ?? tenantId}, in every subscription you can read.`
          : 'Sign in to see your setups.'}
      </ScreenHeader>
      {identity.status !== 'ready' && (
        <Notice
          tone="info"
          title="Not signed in"
          action={
            <button type="button" className="button button--primary" onClick={onSignIn}>
              Sign in
            </button>
          }
        >
          Sign in to Azure first.
        </Notice>
      )}
      {listing.status === 'loading' && <Spinner label="Looking for setups in every subscription…" />}
      {listing.status === 'error' && <ErrorNotice error={listing.error} onRetry={() => setReload((n) => n + 1)} />}
      {listing.status === 'ready' && (
        <>
          {listing.value.setups.filter(isAzure).length === 0 ? (
            <Notice tone="info" title="No setups yet">
              This tenant has no setup made by DataChain Cluster Setup in the subscriptions you can read.
            </Notice>
          ) : (
            <DataTable
              label="Setups"
              columns={columns(onOpen)}
              rows={listing.value.setups.filter(isAzure)}
              rowKey={(s) => `${s.ref.subscriptionId}/${s.ref.resourceGroup}`}
            />
          )}
          {listing.value.unreadable.length > 0 && (
            <p className="muted">
              Could not look in {listing.value.unreadable.map((u) => `${u.where} (${u.reason})`).join(', ')}.
            </p>
          )}
        </>
      )}
    </div>
  );
}

interface Change {
  label: string;
  appliedBy?: string;
}

/** One Azure setup: its grants (each change planned first), its outputs, and teardown. */
export function AzureManageSetup({ setup, onBack }: { setup: ManagedSetup & { target: AzureRef }; onBack(): void }) {
  const operation = useAppStore((s) => s.operation);
  const active = useAppStore((s) => s.draft.activeOperation);
  const vaults = useAppStore((s) => s.azure.vaults);
  const { makePlan, discardPlan, setDraft, follow, cancelOperation, dismissOperation } = useAppStore.getState();
  const [proposed, setChange] = useState<Change>();
  const [failure, setFailure] = useState<ApiErrorShape>();
  const [asking, setAsking] = useState(false);
  const target = setup.target;
  const finished = operation && operation.status !== 'running' ? operation.operationId : 'none';
  const read = useKeyed(
    `${JSON.stringify(target)}|${finished}`,
    async () => (await guarded(() => call('setup.config', { target }))).config as AzureSetupConfig,
  );
  const change = proposed && !(proposed.appliedBy && proposed.appliedBy === finished) ? proposed : undefined;
  const busy = !!change;

  const propose = async (label: string, config: AzureSetupConfig, revoking?: Partial<Revoking>) => {
    setChange({ label });
    await makePlan({
      cloud: 'azure',
      tenantId: target.tenantId,
      subscriptionId: target.subscriptionId,
      config,
      ...(revoking ? { revoking: { buckets: [], secrets: [], ...revoking } } : {}),
    });
  };
  const teardown = async () => {
    try {
      const started = await guarded(() => call('setup.teardown', { target }));
      setDraft({
        activeOperation: {
          operationId: started.operationId,
          kind: 'teardown',
          target,
          cancelMeaning: started.cancelMeaning,
        },
      });
      follow(started.operationId);
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    }
  };

  const current = read.status === 'ready' ? read.value : undefined;
  const running = operation?.status === 'running';
  const tornDown = operation?.kind === 'teardown' && operation.status === 'succeeded';
  const recycled = tornDown
    ? ((operation.result as { recycleBin?: { displayName: string; appId: string }[] }).recycleBin ?? [])
    : [];

  return (
    <div className="screen">
      <ScreenHeader eyebrow={target.subscriptionId} title={target.resourceGroup}>
        Grant or revoke storage accounts and Key Vault secrets, export the outputs again, or tear the setup down. Every
        change shows its plan before it applies.
      </ScreenHeader>
      <div className="row">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            dismissOperation();
            void discardPlan();
            onBack();
          }}
        >
          All setups
        </button>
      </div>
      {operation &&
        (operation.status === 'running' || operation.status !== 'succeeded' || operation.kind === 'teardown') && (
          <OperationProgress
            operation={operation}
            cancelMeaning={active?.cancelMeaning}
            cancellable={active?.kind === 'deploy'}
            onCancel={cancelOperation}
          />
        )}
      {tornDown && (
        <Notice tone="success" title="Torn down">
          <p>
            The setup's roles, assignments, access policies and app registrations are deleted. Your storage accounts and
            vaults are untouched. Remove the cluster settings for this subscription from Studio as well.
          </p>
          {recycled.length > 0 && (
            <p>
              The app registrations ({recycled.map((r) => r.displayName).join(', ')}) stay in the Microsoft Entra
              recycle bin for 30 days; deploying again within that time restores them with the same client ids.
            </p>
          )}
        </Notice>
      )}
      {!tornDown && read.status === 'loading' && <Spinner label="Reading the setup…" />}
      {!tornDown && read.status === 'error' && <ErrorNotice error={read.error} />}
      {failure && <ErrorNotice error={failure} />}
      {!tornDown && current && !running && (
        <>
          {change && (
            <PlannedChange
              change={change}
              view={(plan) => plan.cloud === 'azure' && <AzurePlanView plan={plan} onlyChanges />}
              onApplied={(operationId) => setChange({ ...change, ...(operationId ? { appliedBy: operationId } : {}) })}
              onDiscard={() => {
                setChange(undefined);
                void discardPlan();
              }}
            />
          )}
          <section className="card" aria-label="Studio connection">
            <h2>Studio connection</h2>
            <p>
              Team <span className="mono">{current.studio.team}</span>, credentials{' '}
              <span className="mono">{current.studio.computeCredentials}</span> and{' '}
              <span className="mono">{current.studio.storageCredentials}</span>, issuer{' '}
              <span className="mono">{current.studio.issuer}</span>.
            </p>
          </section>
          <section className="card" aria-label="Granted storage accounts">
            <h2>Storage accounts</h2>
            <GrantedList
              items={current.storageAccounts}
              getKey={(a) => a.name}
              getName={(a) => a.name}
              renderMeta={(a) => <span className="muted">{a.resourceGroup}</span>}
              emptyText="No storage accounts granted."
              removeLabel="Revoke"
              removeDisabled={busy}
              onRemove={(a) =>
                void propose(
                  `Revoke the storage account ${a.name}`,
                  { ...current, storageAccounts: current.storageAccounts.filter((x) => x.name !== a.name) },
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
              onAdd={async (name) => {
                if (current.storageAccounts.some((a) => a.name === name)) return 'this account is already granted';
                const found = await useAppStore.getState().azureCheckAccount(name);
                if (typeof found === 'string') return found;
                await propose(`Grant the storage account ${name}`, {
                  ...current,
                  storageAccounts: [...current.storageAccounts, { resourceGroup: found.resourceGroup, name }],
                });
                return undefined;
              }}
            />
          </section>
          <AzureSecretGrants config={current} busy={busy} vaults={vaults.items} propose={propose} />
          <section className="card" aria-label="Outputs">
            <h2>Outputs</h2>
            <AzureOutputsPanel key={finished} target={target} />
          </section>
          <section className="card card--danger" aria-label="Tear down">
            <h2>Tear down</h2>
            <p>
              Deletes this setup's role assignments, access policies, custom roles and app registrations, and the
              resource group if the app made it and it is empty. Studio can no longer reach this subscription
              afterwards.
            </p>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => setAsking(true)}>
              Tear down {target.resourceGroup}
            </button>
            {asking && (
              <Modal title={`Tear down ${target.resourceGroup}?`} onClose={() => setAsking(false)}>
                <p>
                  Delete the DataChain clusters in Studio first: the app refuses while AKS clusters still exist in{' '}
                  {target.resourceGroup}.
                </p>
                <p>
                  The app registrations go to the Microsoft Entra recycle bin for 30 days (a new deploy in that time
                  restores them). Your storage accounts, vaults and secrets are kept: only this setup's access goes.
                </p>
                <div className="row">
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => {
                      setAsking(false);
                      void teardown();
                    }}
                  >
                    Yes, tear it down
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
                    Keep it
                  </button>
                </div>
              </Modal>
            )}
          </section>
        </>
      )}
    </div>
  );
}
