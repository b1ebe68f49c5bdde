/**
 * Ownership safety: a plan over a setup that exists must not silently hand it to another Studio
 * team, or drop grants nobody asked to drop. Pure: compares the deployed record with the plan.
 */
import { subjectsOf } from '../core/studio.schema';
import type { Revoking, Takeover } from '../core/setup.schema';
import { secretNameOf, type AwsSetupConfig } from './schema';

const list = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

export function takeoverOf(
  deployed: AwsSetupConfig,
  next: AwsSetupConfig,
  revoking: Revoking = { buckets: [], secrets: [] },
): Takeover | undefined {
  const before = subjectsOf(deployed.studio);
  const after = subjectsOf(next.studio);
  const subjectsChange =
    before.compute !== after.compute ||
    before.storage !== after.storage ||
    deployed.studio.issuer !== next.studio.issuer;
  const keptBuckets = new Set(next.buckets.map((b) => b.name));
  const keptSecrets = new Set(next.secrets.map((s) => s.arn));
  const removedBuckets = deployed.buckets
    .map((b) => b.name)
    .filter((name) => !keptBuckets.has(name) && !revoking.buckets.includes(name));
  const removedSecrets = deployed.secrets
    .map((s) => s.arn)
    .filter((arn) => !keptSecrets.has(arn) && !revoking.secrets.includes(arn));
  const removedGrants = [
    ...removedBuckets.map((b) => `the bucket ${b}`),
    ...removedSecrets.map((arn) => `the secret ${secretNameOf(arn)}`),
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
      : `This plan changes which Studio credentials this setup trusts.`
    : `This plan removes ${removedGrants.length === 1 ? 'a grant' : `${removedGrants.length} grants`} you did not ask to revoke.`;
  return { summary, losses, ...(subjectsChange ? { subjects: { before, after } } : {}), removedGrants };
}
