import type { AzureSetupConfigInput } from '@contract/clouds/azure';
import { DEFAULT_COMPUTE_CREDENTIALS, DEFAULT_ISSUER, DEFAULT_STORAGE_CREDENTIALS } from '@contract/domain';
import type { Draft } from '@contract/schemas/draft';

/** The Azure setup config a draft describes (what setup.plan validates again in main). */
export function azureConfigFromDraft(draft: Draft): AzureSetupConfigInput {
  const az = draft.azure ?? {};
  return {
    tenantId: az.tenantId ?? '',
    subscriptionId: az.subscriptionId ?? '',
    location: az.location ?? '',
    resourceGroup: az.resourceGroup || 'datachain',
    studio: {
      issuer: draft.studio.issuer ?? DEFAULT_ISSUER,
      team: draft.studio.team ?? '',
      computeCredentials: draft.studio.computeCredentials ?? DEFAULT_COMPUTE_CREDENTIALS,
      storageCredentials: draft.studio.storageCredentials ?? DEFAULT_STORAGE_CREDENTIALS,
    },
    namePrefix: draft.namePrefix,
    storageAccounts: (az.storageAccounts ?? []).map(({ resourceGroup, name }) => ({ resourceGroup, name })),
    vaults: (az.vaults ?? []).map(({ resourceGroup, name }) => ({ resourceGroup, name })),
    secrets: (az.secrets ?? []).map(({ id, envName, key }) => ({ id, envName, key })),
    nodePools: draft.nodePools as AzureSetupConfigInput['nodePools'],
    tags: draft.tags,
  };
}
