import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useMemo, useState } from 'react';
import { StorageAccountName, type StorageAccountSummary } from '@contract/clouds/azure';
import { SelectField } from '../../../components/Field';
import { GrantPicker } from '../../../components/GrantPicker';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { StepFooter } from '../../../components/StepFooter';
import { problemWith } from '../../../lib/validation';
import { useAppStore } from '../../../store';
import { NO_AZURE_ACCOUNTS, selectAccounts } from '../predicates';
import './azure.css';

type Granted = (typeof NO_AZURE_ACCOUNTS)[number];
const accountKey = (a: { id: string }) => a.id.toLowerCase();
const accountName = (a: { name: string }) => a.name;
const ALL = '';

/** The warning for an account that does not allow shared keys. */
export const SHARED_KEY_WARNING =
  'Shared key access is off for this account: the storage role reads data through account keys, so Studio cannot reach it until shared keys are allowed (or a data-plane role is granted by hand).';

export function AzureStorageAccountsStep() {
  const accounts = useAppStore((s) => s.azure.accounts);
  const byName = useAppStore((s) => s.azure.accountsByName);
  const granted = useAppStore(selectAccounts);
  const { azureLoadAccounts, azureCheckAccount, updateAzure } = useAppStore.getState();
  const [group, setGroup] = useState(ALL);

  useEffect(() => {
    if (accounts.status === 'idle') void azureLoadAccounts();
  }, [accounts.status, azureLoadAccounts]);

  // Grouped by resource group: sorted by group then name, and a filter per group.
  const sorted = useMemo(
    () =>
      [...accounts.items].sort(
        (a, b) => a.resourceGroup.localeCompare(b.resourceGroup) || a.name.localeCompare(b.name),
      ),
    [accounts.items],
  );
  const groups = useMemo(() => [...new Set(sorted.map((a) => a.resourceGroup))], [sorted]);
  const shown = useMemo(() => (group ? sorted.filter((a) => a.resourceGroup === group) : sorted), [sorted, group]);
  const sharedKeyOff = new Set(
    [...accounts.items, ...Object.values(byName)].filter((a) => a.allowSharedKeyAccess === false).map(accountKey),
  );

  const grant = (a: StorageAccountSummary) =>
    updateAzure((az) => ({
      storageAccounts: [
        ...(az.storageAccounts ?? []).filter((x) => accountKey(x) !== accountKey(a)),
        { id: a.id, name: a.name, resourceGroup: a.resourceGroup, location: a.location },
      ],
    }));
  const remove = (a: { id: string }) =>
    updateAzure((az) => ({
      storageAccounts: (az.storageAccounts ?? []).filter((x) => accountKey(x) !== accountKey(a)),
    }));

  return (
    <div className="screen">
      <ScreenHeader title="Storage accounts Studio jobs may use">
        The storage role may read and write blob containers in each account you choose, and nothing else. Its assignable
        scopes are exactly these accounts. You can change this later from the dashboard.
      </ScreenHeader>

      <GrantPicker<StorageAccountSummary, Granted>
        available={{
          label: 'Storage accounts in the subscription',
          title: 'Storage accounts',
          items: shown,
          getKey: accountKey,
          getName: accountName,
          status: accounts.status,
          complete: accounts.complete,
          error: accounts.error,
          onRetry: () => void azureLoadAccounts(),
          noun: { one: 'account', other: 'accounts' },
          loadingLabel: 'Listing the storage accounts…',
          emptyText: 'This subscription has no storage accounts yet. Create one in the Azure portal, then look again.',
          noMatch: (q) => `No account name contains “${q}”.`,
          searchLabel: 'Search storage accounts',
          searchPlaceholder: 'Type part of a name',
          listLabel: 'Storage accounts',
          listHeight: 320,
          renderMeta: (a) => (
            <>
              <span className="muted">{a.resourceGroup}</span>
              {a.allowSharedKeyAccess === false && <span className="tag tag--warn">shared keys off</span>}
            </>
          ),
          onToggle: (a, on) => (on ? grant(a) : remove(a)),
          controls:
            groups.length > 1 ? (
              <SelectField
                label="Resource group"
                value={group}
                onChange={setGroup}
                options={[{ value: ALL, label: 'All resource groups' }, ...groups.map((g) => ({ value: g, label: g }))]}
              />
            ) : undefined,
        }}
        addByName={{
          label: 'Add a storage account by name',
          placeholder: 'mydatalake',
          hint: 'For an account the list does not show.',
          validate: (v) => problemWith(StorageAccountName, v),
          maxLength: FIELD_LIMITS.storageAccount,
          onAdd: async (name) => {
            const found = await azureCheckAccount(name);
            if (typeof found === 'string') return found;
            grant(found);
            return undefined;
          },
        }}
        granted={{
          label: 'Granted storage accounts',
          items: granted,
          getKey: accountKey,
          getName: accountName,
          renderMeta: (a: Granted) => <span className="muted">{a.resourceGroup}</span>,
          emptyText: 'No accounts yet. Studio jobs reach no storage until you grant an account; you can do it later.',
          onRemove: remove,
          renderDetails: (a: Granted) =>
            sharedKeyOff.has(accountKey(a)) ? <p className="azure-warning">{SHARED_KEY_WARNING}</p> : null,
        }}
      />

      <StepFooter />
    </div>
  );
}
