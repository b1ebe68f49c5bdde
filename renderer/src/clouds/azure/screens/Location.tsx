import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect } from 'react';
import { ResourceGroupName } from '@contract/clouds/azure';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { SelectField, TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { StepFooter } from '../../../components/StepFooter';
import { problemWith } from '../../../lib/validation';
import { useAppStore } from '../../../store';
import { selectLocation, selectResourceGroup } from '../predicates';
import { AzurePoolsSection } from './Pools';

/** The Terraform's default location (East US). */
const DEFAULT_LOCATION = 'eastus';

export function AzureLocationStep() {
  const locations = useAppStore((s) => s.azure.locations);
  const check = useAppStore((s) => s.azure.resourceGroup);
  const location = useAppStore(selectLocation);
  const group = useAppStore(selectResourceGroup);
  const adopt = useAppStore((s) => s.draft.azure?.adoptResourceGroup ?? false);
  const { azureLoadLocations, azureCheckResourceGroup, updateAzure } = useAppStore.getState();
  const groupProblem = problemWith(ResourceGroupName, group);

  useEffect(() => {
    if (locations.status === 'idle') void azureLoadLocations();
  }, [locations.status, azureLoadLocations]);

  useEffect(() => {
    if (location || locations.status !== 'ready') return;
    const names = locations.value.map((l) => l.name);
    const pick = [DEFAULT_LOCATION, names[0]].find((n): n is string => !!n && names.includes(n));
    if (pick) updateAzure({ location: pick });
  }, [location, locations, updateAzure]);

  // Check the group as typed (debounced), so an existing one's location and maker show at once.
  useEffect(() => {
    if (groupProblem || (check.status === 'ready' && check.value.name === group)) return;
    const timer = setTimeout(() => void azureCheckResourceGroup(group), 300);
    return () => clearTimeout(timer);
  }, [group, groupProblem, check, azureCheckResourceGroup]);

  const found = check.status === 'ready' && check.value.name === group ? check.value : undefined;
  // An existing group keeps its location: Azure cannot move a resource group.
  useEffect(() => {
    const existing = found?.group?.location;
    if (existing && existing !== location) updateAzure({ location: existing });
  }, [found, location, updateAzure]);

  return (
    <div className="screen">
      <ScreenHeader title="Location and resource group">
        The resource group holds what Studio creates (AKS clusters and their networks), in one location. The compute
        role is limited to this group. The node pools below are checked against the location.
      </ScreenHeader>

      {locations.status === 'loading' && <Spinner label="Reading the subscription's locations…" />}
      {locations.status === 'error' && (
        <ErrorNotice error={locations.error} onRetry={() => void azureLoadLocations()} />
      )}
      {locations.status === 'ready' && (
        <SelectField
          label="Location"
          value={location}
          onChange={(value) => updateAzure({ location: value })}
          options={locations.value.map((l) => ({
            value: l.name,
            label: `${l.displayName} (${l.name})`,
            disabled: !!found?.group && l.name !== found.group.location,
          }))}
          hint={
            found?.group
              ? `The resource group exists in ${found.group.location}: Azure does not move resource groups.`
              : 'Physical locations of the subscription.'
          }
        />
      )}

      <TextField
        label="Resource group"
        value={group}
        onChange={(v) => updateAzure({ resourceGroup: v.trim(), adoptResourceGroup: false })}
        error={groupProblem}
        mono
        maxLength={FIELD_LIMITS.resourceGroup}
        hint="datachain keeps the Terraform's name. Use another to keep two setups in one subscription."
      />
      {check.status === 'loading' && <Spinner label={`Looking for the resource group ${group}…`} />}
      {check.status === 'error' && (
        <ErrorNotice error={check.error} onRetry={() => void azureCheckResourceGroup(group)} />
      )}
      {found && !found.exists && (
        <Notice tone="info" title="A new resource group">
          {group} does not exist yet: the deploy creates it in the location above.
        </Notice>
      )}
      {found?.group?.madeBy === 'ours' && (
        <Notice tone="success" title="Made by this app">
          {group} belongs to an earlier setup from this app: the deploy updates it.
        </Notice>
      )}
      {found?.group?.madeBy === 'foreign' && (
        <Notice tone="warning" title="An existing resource group">
          <p>
            {group} exists in {found.group.location} without this app's tags: the Terraform
            (datachain-compute-cluster-az) makes one like it. The app can adopt it: it keeps the group and everything in
            it and adds its own tags; teardown then leaves the group in place. Stop managing it with Terraform
            afterwards, or choose another name.
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={adopt}
              onChange={(e) => updateAzure({ adoptResourceGroup: e.target.checked })}
            />{' '}
            Adopt the resource group {group}
          </label>
        </Notice>
      )}

      <AzurePoolsSection />

      <StepFooter />
    </div>
  );
}
