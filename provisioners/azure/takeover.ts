/**
 * Ownership safety on Azure, as on AWS: a plan over a setup that exists must not silently hand
 * it to another Studio team (new subjects or issuer on the federated credentials), or drop grants
 * nobody asked to revoke. Pure: compares the setup's record with the plan's config. In `revoking`,
 * `buckets` name storage accounts and `secrets` name Key Vaults (by name or resource id).
 */
import { subjectsOf } from '../core/studio.schema';
import type { Revoking, Takeover } from '../core/setup.schema';
import type { AzureSetupConfig } from './config.schema';

const list = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const asked = (names: string[], name: string) =>
  names.some((n) => n.toLowerCase() === name.toLowerCase() || n.toLowerCase().endsWith(`/${name.toLowerCase()}`));

export function takeoverOf(
  deployed: AzureSetupConfig,
  next: AzureSetupConfig,
  revoking: Revoking = { buckets: [], secrets: [] },
): Takeover | undefined {
  const before = subjectsOf(deployed.studio);
  const after = subjectsOf(next.studio);
  const subjectsChange =
    before.compute !== after.compute ||
    before.storage !== after.storage ||
    deployed.studio.issuer !== next.studio.issuer;
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
  if (!subjectsChange && removedGrants.length === 0) return undefined;
  const owner = `Studio team "${deployed.studio.team}"`;
  const losses: string[] = [];
  if (subjectsChange) {
    const who =
      deployed.studio.team === next.studio.team
        ? `${owner}'s credentials ${deployed.studio.computeCredentials} and ${deployed.studio.storageCredentials}`
        : owner;
    losses.push(
      `${who} (${before.compute}, ${before.storage}${deployed.studio.issuer !== next.studio.issuer ? ` from ${deployed.studio.issuer}` : ''}) can no longer use this setup.`,
    );
  }
  if (removedGrants.length) losses.push(`Studio jobs lose ${list(removedGrants)}.`);
  const summary = subjectsChange
    ? deployed.studio.team !== next.studio.team
      ? `This setup belongs to ${owner}. Deploying this plan hands it to team "${next.studio.team}".`
      : 'This plan changes which Studio credentials this setup trusts.'
    : `This plan removes ${removedGrants.length === 1 ? 'a grant' : `${removedGrants.length} grants`} you did not ask to revoke.`;
  return { summary, losses, ...(subjectsChange ? { subjects: { before, after } } : {}), removedGrants };
}
