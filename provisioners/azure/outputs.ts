/**
 * The Terraform's seven outputs, under its names, from the setup's apps (found by unique name,
 * or by the ids the record keeps for adopted Terraform apps).
 */
import { ProvisionError } from '../core/errors';
import type { AzureHttp } from './client';
import type { AzureSetupConfig } from './config.schema';
import { getResourceGroup } from './discovery';
import { azureNames, PURPOSES } from './naming';
import { readRecord } from './record';
import type { AzureSetupOutputs, AzureSetupRef } from './setup.schema';
import { appByAppId, appByUniqueName } from './state';

export function outputsOf(
  config: Pick<AzureSetupConfig, 'tenantId' | 'subscriptionId' | 'resourceGroup'>,
  appIds: { compute: string; storage: string },
): AzureSetupOutputs {
  return {
    datachain_compute_azure_subscription_id: config.subscriptionId,
    datachain_compute_azure_tenant_id: config.tenantId,
    datachain_compute_azure_client_id: appIds.compute,
    datachain_storage_azure_subscription_id: config.subscriptionId,
    datachain_storage_azure_tenant_id: config.tenantId,
    datachain_storage_azure_client_id: appIds.storage,
    datachain_compute_resource_group: config.resourceGroup,
  };
}

/** The setup's record, or a clear error when the group is absent or not ours. */
export async function readSetup(http: AzureHttp, ref: AzureSetupRef, signal?: AbortSignal) {
  const rg = await getResourceGroup(http, ref.subscriptionId, ref.resourceGroup, signal ? { signal } : {});
  if (!rg)
    throw new ProvisionError('NOT_FOUND', `There is no resource group ${ref.resourceGroup} in this subscription.`, {
      hint: 'It may have been deleted; check the subscription.',
    });
  const reading = readRecord(rg.tags, {
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    resourceGroup: rg.name,
    location: rg.location,
  });
  if (!reading.ours)
    throw new ProvisionError('NOT_FOUND', `${ref.resourceGroup} is not a setup made by this app.`, {
      hint: 'Check the subscription and the resource group.',
    });
  if ('problem' in reading)
    throw new ProvisionError(
      'STACK_NEEDS_ATTENTION',
      `${ref.resourceGroup} was made by this app, but ${reading.problem}.`,
      {
        hint: 'Update DataChain Cluster Setup: a newer version may have made it.',
      },
    );
  return { rg, record: reading.record };
}

export async function readOutputs(
  http: AzureHttp,
  ref: AzureSetupRef,
  signal?: AbortSignal,
): Promise<AzureSetupOutputs> {
  const { record } = await readSetup(http, ref, signal);
  const names = azureNames(ref.tenantId, ref.subscriptionId, record.config.namePrefix);
  const ids = await Promise.all(
    PURPOSES.map(async (p) => {
      const adopted = record.adopted.apps[p];
      const app = adopted
        ? await appByAppId(http, adopted, signal)
        : await appByUniqueName(http, names.uniqueName[p], signal);
      return app?.appId ?? '';
    }),
  );
  if (!ids[0] || !ids[1])
    throw new ProvisionError('STACK_NEEDS_ATTENTION', 'The setup’s app registrations are missing.', {
      hint: 'Deploy again to make them (an app in the Entra recycle bin is restored).',
    });
  return outputsOf(ref, { compute: ids[0], storage: ids[1] });
}
