/**
 * The setups this app made that the signed-in user can see: resource groups with our marker, in
 * the account's subscription or in every enabled subscription of its tenant. A subscription that
 * cannot be read is listed as unreadable, with why, instead of failing the whole list.
 */
import type { SetupListing } from '../core/provider';
import type { AzureHttp } from './client';
import { listResourceGroups, listSubscriptions } from './discovery';
import { azureErrorToApiError } from './errors';
import { readRecord } from './record';
import type { AzureAccountRef, AzureSetupSummary } from './setup.schema';

export async function findSetups(
  http: AzureHttp,
  account: AzureAccountRef,
  signal?: AbortSignal,
): Promise<SetupListing<AzureSetupSummary>> {
  const o = signal ? { signal } : {};
  const subs = (await listSubscriptions(http, o)).filter(
    (s) => s.enabled && (!account.subscriptionId || s.subscriptionId.toLowerCase() === account.subscriptionId),
  );
  const setups: AzureSetupSummary[] = [];
  const unreadable: { where: string; reason: string }[] = [];
  await Promise.all(
    subs.map(async (s) => {
      try {
        for (const rg of await listResourceGroups(http, s.subscriptionId, o)) {
          if (rg.madeBy !== 'ours') continue;
          const where = {
            tenantId: account.tenantId,
            subscriptionId: s.subscriptionId,
            resourceGroup: rg.name,
            location: rg.location,
          };
          const reading = readRecord(rg.tags, where);
          setups.push({
            ref: {
              cloud: 'azure',
              tenantId: account.tenantId,
              subscriptionId: s.subscriptionId.toLowerCase(),
              resourceGroup: rg.name,
            },
            location: rg.location,
            status: reading.ours && 'record' in reading ? 'deployed' : 'needs attention',
            subscriptionName: s.displayName,
            ...(reading.ours && 'record' in reading ? { team: reading.record.config.studio.team } : {}),
            description: `Resource group ${rg.name} in ${s.displayName}`,
          });
        }
      } catch (error) {
        if (signal?.aborted) throw error;
        unreadable.push({ where: s.displayName, reason: azureErrorToApiError(error)?.message ?? 'could not be read' });
      }
    }),
  );
  return { setups, unreadable };
}
