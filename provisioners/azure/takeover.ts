/**
 * Ownership safety on Azure (core/takeover.ts): the grants a plan drops that nobody asked to
 * revoke are storage accounts and Key Vaults. Pure: compares the setup's record with the plan's
 * config. In `revoking`, `buckets` name storage accounts and `secrets` name Key Vaults (by name
 * or resource id).
 */
import type { Revoking, Takeover } from '../core/setup.schema';
import { takeoverOfStudio } from '../core/takeover';
import type { AzureSetupConfig } from './config.schema';

const asked = (names: string[], name: string) =>
  names.some((n) => n.toLowerCase() === name.toLowerCase() || n.toLowerCase().endsWith(`/${name.toLowerCase()}`));

export function takeoverOf(
  deployed: AzureSetupConfig,
  next: AzureSetupConfig,
  revoking: Revoking = { buckets: [], secrets: [] },
): Takeover | undefined {
  const keptAccounts = new Set(next.storageAccounts.map((a) => a.name));
  const keptVaults = new Set(next.vaults.map((v) => v.name.toLowerCase()));
  const removedGrants = [
    ...deployed.storageAccounts
      .filter((a) => !keptAccounts.has(a.name) && !asked(revoking.buckets, a.name))
      .map((a) => `the storage account ${a.name}`),
    ...deployed.vaults
      .filter((v) => !keptVaults.has(v.name.toLowerCase()) && !asked(revoking.secrets, v.name))
      .map((v) => `the Key Vault ${v.name}`),
  ];
  return takeoverOfStudio(deployed.studio, next.studio, removedGrants);
}
