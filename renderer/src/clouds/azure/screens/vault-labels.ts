import type { KeyVaultSummary } from '@contract/clouds/azure';

/** A vault's permission model as the portal names it. */
export const MODEL_LABEL: Record<KeyVaultSummary['model'], string> = {
  rbac: 'Azure RBAC',
  accessPolicy: 'Access policies',
};
